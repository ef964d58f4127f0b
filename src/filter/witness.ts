import { parseFilterAst } from './ast.ts';
import type { FilterNode } from './ast.ts';
import { checkFilter } from './check.ts';
import { claimPath } from './claim-path.ts';
import { compileFilter } from './evaluate.ts';
import type { CompiledFilter } from './evaluate.ts';

/**
 * Witnesses: example claims that satisfy a filter, built from its parsed
 * form and each checked by evaluating the filter, and claims that land in
 * two filters at once. Evidence, not proof: finding none does not mean
 * there is none.
 */

/** A claim path or a string literal, as a comparison's operand. */
type Operand = { path: string[]; key: string } | { value: string };

type StringMethod = 'startsWith' | 'endsWith' | 'contains';

/**
 * A condition of a conjunction with its polarity folded in: `positive:
 * false` asks for the atom to be false (not an error).
 */
type Literal =
  | { kind: 'eq'; a: Operand; b: Operand; positive: boolean }
  | {
      kind: 'in-list';
      path: string[];
      key: string;
      values: string[];
      positive: boolean;
    }
  | {
      kind: 'member';
      item: Operand;
      path: string[];
      key: string;
      positive: boolean;
    }
  | { kind: 'has'; path: string[]; key: string; positive: boolean }
  | {
      kind: 'method';
      method: StringMethod;
      path: string[];
      key: string;
      part: string;
      positive: boolean;
    }
  | { kind: 'opaque' };

/**
 * One disjunct of the filter's disjunctive form. `fixed` holds the string
 * each claim must equal, so products drop contradictory pairs early.
 */
type Conjunction = {
  literals: readonly Literal[];
  fixed: ReadonlyMap<string, string>;
};

// Disjunctive forms grow exponentially with nested `||` under `&&`; evidence
// needs only a few disjuncts, and a filter is at most a few hundred
// characters, so this keeps every step cheap.
const MAX_CONJUNCTIONS = 16;

const TRUE_FORM: Conjunction[] = [{ literals: [], fixed: new Map() }];

function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

/** The disjunctive form of `node` (negated when `negated`), at most MAX_CONJUNCTIONS long. */
function disjunctiveForm(node: FilterNode, negated: boolean): Conjunction[] {
  if (node.kind === 'unary' && node.op === '!') {
    return disjunctiveForm(node.operand, !negated);
  }
  if (node.kind === 'bool') return node.value !== negated ? TRUE_FORM : [];
  if (node.kind === 'binary' && (node.op === '&&' || node.op === '||')) {
    const left = disjunctiveForm(node.left, negated);
    const right = disjunctiveForm(node.right, negated);
    // De Morgan: a negated `||` is an `&&` of negations, and vice versa.
    const isConjunction = (node.op === '&&') !== negated;
    if (!isConjunction) return [...left, ...right].slice(0, MAX_CONJUNCTIONS);
    const product: Conjunction[] = [];
    for (const a of left) {
      for (const b of right) {
        const joined = join(a, b);
        if (joined !== undefined) product.push(joined);
        if (product.length >= MAX_CONJUNCTIONS) return product;
      }
    }
    return product;
  }
  const literal = literalOf(node, negated);
  if (typeof literal === 'boolean') return literal ? TRUE_FORM : [];
  const fixed = new Map<string, string>();
  if (literal.kind === 'eq' && literal.positive) {
    const [path, value] =
      'key' in literal.a ? [literal.a, literal.b] : [literal.b, literal.a];
    if ('key' in path && 'value' in value) fixed.set(path.key, value.value);
  }
  return [{ literals: [literal], fixed }];
}

/** Both conjunctions at once, or `undefined` when a claim must equal two strings. */
function join(a: Conjunction, b: Conjunction): Conjunction | undefined {
  if (b.literals.length === 0) return a;
  if (a.literals.length === 0) return b;
  const [small, large] = a.fixed.size <= b.fixed.size ? [a, b] : [b, a];
  for (const [key, value] of small.fixed) {
    const other = large.fixed.get(key);
    if (other !== undefined && other !== value) return undefined;
  }
  const fixed = new Map(large.fixed);
  for (const [key, value] of small.fixed) fixed.set(key, value);
  return { literals: [...a.literals, ...b.literals], fixed };
}

function operandOf(node: FilterNode): Operand | undefined {
  if (node.kind === 'string') return { value: node.value };
  const path = claimPath(node);
  return path === undefined ? undefined : { path, key: pathKey(path) };
}

const STRING_METHODS: ReadonlySet<string> = new Set([
  'startsWith',
  'endsWith',
  'contains',
]);

/** The atom as a literal, or its constant value when it does not depend on the token. */
function literalOf(node: FilterNode, negated: boolean): Literal | boolean {
  const positive = !negated;
  if (node.kind === 'binary' && (node.op === '==' || node.op === '!=')) {
    const a = operandOf(node.left);
    const b = operandOf(node.right);
    if (a === undefined || b === undefined) return { kind: 'opaque' };
    const equal = node.op === '==' ? positive : !positive;
    if ('value' in a && 'value' in b) return (a.value === b.value) === equal;
    return { kind: 'eq', a, b, positive: equal };
  }
  if (node.kind === 'binary' && node.op === 'in') {
    const item = operandOf(node.left);
    if (item === undefined) return { kind: 'opaque' };
    if (node.right.kind === 'list') {
      const values: string[] = [];
      for (const entry of node.right.items) {
        if (entry.kind !== 'string') return { kind: 'opaque' };
        values.push(entry.value);
      }
      if ('value' in item) return values.includes(item.value) === positive;
      return {
        kind: 'in-list',
        path: item.path,
        key: item.key,
        values,
        positive,
      };
    }
    const path = claimPath(node.right);
    if (path === undefined) return { kind: 'opaque' };
    return { kind: 'member', item, path, key: pathKey(path), positive };
  }
  if (node.kind === 'call' && node.name === 'has' && node.args.length === 1) {
    const path = claimPath(node.args[0]!);
    if (path === undefined) return { kind: 'opaque' };
    return { kind: 'has', path, key: pathKey(path), positive };
  }
  if (
    node.kind === 'method' &&
    STRING_METHODS.has(node.name) &&
    node.args.length === 1 &&
    node.args[0]!.kind === 'string'
  ) {
    const path = claimPath(node.target);
    if (path === undefined) return { kind: 'opaque' };
    return {
      kind: 'method',
      method: node.name as StringMethod,
      path,
      key: pathKey(path),
      part: node.args[0]!.value,
      positive,
    };
  }
  return { kind: 'opaque' };
}

/** What one claim (or several claims that must be equal) must hold. */
type Slot = {
  paths: string[][];
  fixed: string[];
  oneOf: string[][];
  notEqual: Set<string>;
  parts: { method: StringMethod; part: string; positive: boolean }[];
  members: string[];
  memberSlots: Slot[];
  notMembers: string[];
  notMemberSlots: Slot[];
  distinct: Slot[];
  needsString: boolean;
  absent: boolean;
};

function emptySlot(): Slot {
  return {
    paths: [],
    fixed: [],
    oneOf: [],
    notEqual: new Set(),
    parts: [],
    members: [],
    memberSlots: [],
    notMembers: [],
    notMemberSlots: [],
    distinct: [],
    needsString: false,
    absent: false,
  };
}

function isArraySlot(slot: Slot): boolean {
  return (
    slot.members.length > 0 ||
    slot.memberSlots.length > 0 ||
    slot.notMembers.length > 0 ||
    slot.notMemberSlots.length > 0
  );
}

/** Claims that make every literal true, or `undefined` when this gives up. */
function solve(
  literals: readonly Literal[],
): Record<string, unknown> | undefined {
  const slots = slotsOf(literals);
  if (slots === undefined) return undefined;
  const { byKey, hasParents } = slots;
  const unique = [...new Set(byKey.values())];
  // Paths with a claim below them hold objects, never a leaf value.
  const containers = new Set<string>();
  const addPrefixes = (path: readonly string[]) => {
    for (let end = 1; end < path.length; end++) {
      containers.add(pathKey(path.slice(0, end)));
    }
  };
  for (const slot of unique) {
    if (!slot.absent) for (const path of slot.paths) addPrefixes(path);
  }
  // The parent of a claim `!has()` asks about must be present; an object
  // without the claim reads best, but a string or list has no fields either.
  const parents: string[][] = [];
  for (const path of hasParents) {
    addPrefixes(path);
    const parent = byKey.get(pathKey(path));
    if (parent === undefined || !(parent.needsString || isArraySlot(parent))) {
      containers.add(pathKey(path));
      parents.push(path);
    }
  }

  const values = new Map<Slot, unknown>();
  const strings = unique
    .filter((slot) => !isArraySlot(slot))
    .sort((a, b) => rank(a) - rank(b));
  for (const slot of strings) {
    const isContainer = slot.paths.some((path) =>
      containers.has(pathKey(path)),
    );
    if (slot.absent || isContainer) {
      if (slot.needsString || (slot.absent && isContainer)) return undefined;
      continue;
    }
    const taken = new Set<string>();
    for (const other of slot.distinct) {
      const value = values.get(other);
      if (typeof value === 'string') taken.add(value);
    }
    let value: string | undefined;
    for (const candidate of stringCandidates(slot)) {
      if (!taken.has(candidate) && fitsString(candidate, slot)) {
        value = candidate;
        break;
      }
    }
    if (value === undefined) return undefined;
    values.set(slot, value);
  }
  for (const slot of unique.filter(isArraySlot)) {
    if (slot.needsString || slot.absent) return undefined;
    if (slot.paths.some((path) => containers.has(pathKey(path)))) {
      return undefined;
    }
    const items = new Set(slot.members);
    for (const member of slot.memberSlots) {
      const value = values.get(member);
      if (typeof value !== 'string') return undefined;
      items.add(value);
    }
    const excluded = new Set(slot.notMembers);
    for (const member of slot.notMemberSlots) {
      const value = values.get(member);
      if (typeof value !== 'string') return undefined;
      excluded.add(value);
    }
    for (const item of items) if (excluded.has(item)) return undefined;
    values.set(slot, [...items]);
  }

  const claims: Record<string, unknown> = {};
  for (const path of parents) {
    if (!ensureObject(claims, path)) return undefined;
  }
  for (const [slot, value] of values) {
    for (const path of slot.paths) {
      const copy = Array.isArray(value) ? [...(value as unknown[])] : value;
      if (!setClaim(claims, path, copy)) return undefined;
    }
  }
  return claims;
}

// Claims with fewer choices first, so a claim that must differ from another
// picks around the other's forced value rather than the other way round.
function rank(slot: Slot): number {
  if (slot.fixed.length > 0) return 0;
  if (slot.oneOf.length > 0) return 1;
  if (slot.parts.some((part) => part.positive)) return 2;
  return 3;
}

/** The literals gathered per claim, with `==` between claims merging them. */
function slotsOf(
  literals: readonly Literal[],
): { byKey: Map<string, Slot>; hasParents: string[][] } | undefined {
  const parent = new Map<string, string>();
  const paths = new Map<string, string[]>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const note = (path: string[], key: string) => {
    if (!parent.has(key)) {
      parent.set(key, key);
      paths.set(key, path);
    }
  };
  for (const literal of literals) {
    if (literal.kind === 'opaque') continue;
    if (literal.kind === 'eq') {
      if ('key' in literal.a) note(literal.a.path, literal.a.key);
      if ('key' in literal.b) note(literal.b.path, literal.b.key);
      if (literal.positive && 'key' in literal.a && 'key' in literal.b) {
        parent.set(find(literal.a.key), find(literal.b.key));
      }
      continue;
    }
    note(literal.path, literal.key);
    if (literal.kind === 'member' && 'key' in literal.item) {
      note(literal.item.path, literal.item.key);
    }
  }
  const byKey = new Map<string, Slot>();
  const roots = new Map<string, Slot>();
  for (const [key, path] of paths) {
    const root = find(key);
    let slot = roots.get(root);
    if (slot === undefined) {
      slot = emptySlot();
      roots.set(root, slot);
    }
    slot.paths.push(path);
    byKey.set(key, slot);
  }
  const slot = (key: string) => byKey.get(key)!;
  const hasParents: string[][] = [];
  for (const literal of literals) {
    switch (literal.kind) {
      case 'opaque':
        break;
      case 'eq': {
        const { a, b, positive } = literal;
        if ('key' in a && 'key' in b) {
          const [left, right] = [slot(a.key), slot(b.key)];
          left.needsString = true;
          right.needsString = true;
          if (!positive) {
            if (left === right) return undefined;
            left.distinct.push(right);
            right.distinct.push(left);
          }
          break;
        }
        const [path, value] = 'key' in a ? [a, b] : [b, a];
        if (!('key' in path) || !('value' in value)) break;
        // A list is unequal to every string, so only `==` needs a string.
        const target = slot(path.key);
        if (positive) {
          target.needsString = true;
          target.fixed.push(value.value);
        } else {
          target.notEqual.add(value.value);
        }
        break;
      }
      case 'in-list': {
        const target = slot(literal.key);
        if (literal.positive) {
          target.needsString = true;
          target.oneOf.push(literal.values);
        } else {
          for (const value of literal.values) target.notEqual.add(value);
        }
        break;
      }
      case 'member': {
        const target = slot(literal.key);
        const { item } = literal;
        if ('value' in item) {
          (literal.positive ? target.members : target.notMembers).push(
            item.value,
          );
        } else {
          const itemSlot = slot(item.key);
          itemSlot.needsString = true;
          (literal.positive ? target.memberSlots : target.notMemberSlots).push(
            itemSlot,
          );
        }
        break;
      }
      case 'has':
        if (!literal.positive) {
          slot(literal.key).absent = true;
          // `has()` is an error, not false, when the parent is missing.
          if (literal.path.length > 1)
            hasParents.push(literal.path.slice(0, -1));
        }
        break;
      case 'method': {
        const target = slot(literal.key);
        target.needsString = true;
        target.parts.push({
          method: literal.method,
          part: literal.part,
          positive: literal.positive,
        });
        break;
      }
    }
  }
  return { byKey, hasParents };
}

// Readable values first; the rest differ in their first character so that
// negated startsWith or equality conditions leave one of them standing.
const DEFAULT_STRINGS = ['example', 'other', 'x', 'y', 'z-1', '0', '_'];

// A generator: most claims take the first candidate, so the rest are never built.
function* stringCandidates(slot: Slot): Generator<string> {
  if (slot.fixed.length > 0) {
    yield slot.fixed[0]!;
    return;
  }
  if (slot.oneOf.length > 0) {
    yield* slot.oneOf[0]!;
    return;
  }
  let prefix = '';
  let suffix = '';
  const contains: string[] = [];
  for (const { method, part, positive } of slot.parts) {
    if (!positive) continue;
    if (method === 'startsWith' && part.length > prefix.length) prefix = part;
    if (method === 'endsWith' && part.length > suffix.length) suffix = part;
    if (method === 'contains') contains.push(part);
  }
  let middle = '';
  for (const part of contains.sort((a, b) => b.length - a.length)) {
    if (!`${prefix}${middle}${suffix}`.includes(part)) middle += part;
  }
  if (prefix === '' && middle === '' && suffix === '') {
    yield* DEFAULT_STRINGS;
    for (const text of DEFAULT_STRINGS) yield `${text}-2`;
    yield '';
    return;
  }
  if (middle === '') yield `${prefix}example${suffix}`;
  yield `${prefix}${middle}${suffix}`;
  for (const text of DEFAULT_STRINGS) {
    yield `${prefix}${middle}-${text}${suffix}`;
    yield `${prefix}-${text}${middle}${suffix}`;
  }
}

const METHODS: Readonly<
  Record<StringMethod, (text: string, part: string) => boolean>
> = {
  startsWith: (text, part) => text.startsWith(part),
  endsWith: (text, part) => text.endsWith(part),
  contains: (text, part) => text.includes(part),
};

function fitsString(value: string, slot: Slot): boolean {
  if (slot.fixed.some((fixed) => fixed !== value)) return false;
  if (slot.oneOf.some((values) => !values.includes(value))) return false;
  if (slot.notEqual.has(value)) return false;
  return slot.parts.every(
    ({ method, part, positive }) => METHODS[method](value, part) === positive,
  );
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Claim names such as `__proto__` must become own properties, as a decoded
// token would have them, not reach the prototype.
export function defineOwn(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function ensureObject(
  claims: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> | undefined {
  let current = claims;
  for (const segment of path) {
    if (!Object.hasOwn(current, segment)) defineOwn(current, segment, {});
    const next = current[segment];
    if (!isPlainRecord(next)) return undefined;
    current = next;
  }
  return current;
}

function setClaim(
  claims: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): boolean {
  const parent = ensureObject(claims, path.slice(0, -1));
  const last = path.at(-1);
  if (parent === undefined || last === undefined) return false;
  if (Object.hasOwn(parent, last)) return false;
  defineOwn(parent, last, value);
  return true;
}

/** A filter's parse, disjunctive form and verified witnesses, computed once. */
export type Analysis = {
  compiled: CompiledFilter;
  conjunctions: readonly Conjunction[];
  /** Top-level claims the filter mentions. */
  claims: ReadonlySet<string>;
  witnesses: readonly Record<string, unknown>[];
};

// Enough for every pool of a large organisation plus drafts, while bounding
// memory on a long-lived page.
const ANALYSIS_LIMIT = 2_000;
const analyses = new Map<string, Analysis | null>();

/** The filter's analysis, or `undefined` when it is invalid. Never throws. */
export function analyse(filter: string): Analysis | undefined {
  const cached = analyses.get(filter);
  if (cached !== undefined) {
    analyses.delete(filter);
    analyses.set(filter, cached);
    return cached ?? undefined;
  }
  let analysis: Analysis | null;
  try {
    analysis = analyseUncached(filter);
  } catch {
    // A bug here must not take a screen down; the filter just yields no evidence.
    analysis = null;
  }
  if (analyses.size >= ANALYSIS_LIMIT) {
    const oldest = analyses.keys().next();
    if (oldest.done !== true) analyses.delete(oldest.value);
  }
  analyses.set(filter, analysis);
  return analysis ?? undefined;
}

function analyseUncached(filter: string): Analysis | null {
  if (!checkFilter(filter).valid) return null;
  const parsed = parseFilterAst(filter);
  if (!parsed.ok) return null;
  const compiled = compileFilter(filter);
  const conjunctions = disjunctiveForm(parsed.root, false);
  const witnesses: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const conjunction of conjunctions) {
    const claims = solve(conjunction.literals);
    if (claims === undefined || !matches(compiled, claims)) continue;
    const key = JSON.stringify(claims);
    if (seen.has(key)) continue;
    seen.add(key);
    witnesses.push(claims);
  }
  return {
    compiled,
    conjunctions,
    claims: topLevelClaims(parsed.root),
    witnesses,
  };
}

function matches(compiled: CompiledFilter, claims: unknown): boolean {
  const result = compiled(claims);
  return result.ok && result.matches;
}

function topLevelClaims(root: FilterNode): Set<string> {
  const names = new Set<string>();
  // An explicit stack: generated chains nest hundreds of levels deep.
  const pending: FilterNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const path =
      node.kind === 'select' || node.kind === 'index'
        ? claimPath(node)
        : undefined;
    if (path !== undefined) names.add(path[0]!);
    else pending.push(...children(node));
  }
  return names;
}

function children(node: FilterNode): FilterNode[] {
  switch (node.kind) {
    case 'select':
      return [node.target];
    case 'index':
      return [node.target, node.index];
    case 'call':
      return node.args;
    case 'method':
      return [node.target, ...node.args];
    case 'list':
      return node.items;
    case 'map':
      return node.entries.flat();
    case 'binary':
      return [node.left, node.right];
    case 'unary':
      return [node.operand];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    default:
      return [];
  }
}

function copyClaims(claims: Record<string, unknown>): Record<string, unknown> {
  return structuredClone(claims);
}

/**
 * Example claims that satisfy `filter`, built from its disjunctive form: at
 * most `limit`, one per disjunct where one can be built, each checked with
 * {@link compileFilter} before it is returned. Only claims the filter names
 * are set, nested claims as nested objects; `"v" in claims.x` makes `x` a
 * list. `[]` for an invalid filter or when nothing checks out (the filter
 * may still match some token). Never throws.
 */
export function filterWitnesses(
  filter: string,
  limit = 4,
): Record<string, unknown>[] {
  const analysis = analyse(filter);
  if (analysis === undefined || !(limit > 0)) return [];
  return analysis.witnesses.slice(0, limit).map(copyClaims);
}

// Pairs of disjuncts tried together per overlap question; more rarely finds
// anything the witnesses of each filter alone did not.
const MAX_JOINT_TRIES = 64;

/**
 * Claims that both filters match: a witness of either that the other
 * matches, claims built for a disjunct of each together, or the first of
 * `candidates` (saved test cases, a pasted token) that both match.
 * `undefined` when none is found, which is not proof that no token lands in
 * both. Never throws.
 */
export function overlapWitness(
  filterA: string,
  filterB: string,
  candidates: readonly Record<string, unknown>[] = [],
): Record<string, unknown> | undefined {
  const a = analyse(filterA);
  const b = analyse(filterB);
  if (a === undefined || b === undefined) return undefined;
  return safeOverlap(a, b, candidates);
}

/** {@link overlapOf} as a copy the caller may keep, never throwing. */
export function safeOverlap(
  a: Analysis,
  b: Analysis,
  candidates: readonly Record<string, unknown>[],
): Record<string, unknown> | undefined {
  try {
    const found = overlapOf(a, b, candidates);
    return found === undefined ? undefined : copyClaims(found);
  } catch {
    // Odd candidate objects (getters, proxies) or a bug: no evidence, no crash.
    return undefined;
  }
}

function overlapOf(
  a: Analysis,
  b: Analysis,
  candidates: readonly Record<string, unknown>[],
): Record<string, unknown> | undefined {
  for (const witness of a.witnesses) {
    if (matches(b.compiled, witness)) return witness;
  }
  for (const witness of b.witnesses) {
    if (matches(a.compiled, witness)) return witness;
  }
  let tries = 0;
  for (const left of a.conjunctions) {
    for (const right of b.conjunctions) {
      if (tries >= MAX_JOINT_TRIES) break;
      const joined = join(left, right);
      if (joined === undefined) continue;
      tries++;
      const claims = solve(joined.literals);
      if (
        claims !== undefined &&
        matches(a.compiled, claims) &&
        matches(b.compiled, claims)
      ) {
        return claims;
      }
    }
  }
  return candidates.find(
    (claims) => matches(a.compiled, claims) && matches(b.compiled, claims),
  );
}
