import { parseFilterAst } from './ast.ts';
import type { FilterNode, Span } from './ast.ts';
import { checkFilter, isEmptyFilter } from './check.ts';
import { claimPath, formatClaimPath } from './claim-path.ts';
import { DEFAULT_DIALECT, DIALECTS, type FilterDialect } from './dialect.ts';
import type { FilterProblem } from './problem.ts';
import { maskSource } from './source-mask.ts';
import { formatVariable, variablePath } from './variables.ts';

// Part of this module's API since before claim paths had their own module.
export { formatClaimPath } from './claim-path.ts';

/**
 * How one top-level condition of a filter fared against a set of claims.
 * `from`/`to` cover the condition in the source, with any parentheses around
 * it, and `text` is that slice. `error` says, for a person, why the condition
 * has no true/false value (a missing claim, a claim of the wrong type).
 * `note` explains a result that no condition produced: an empty
 * certificate-pool filter is one `false` result over the empty text, with
 * the note that an empty filter matches no certificate.
 */
export type ConditionResult = Span & { text: string } & (
    | { result: 'true' | 'false'; note?: string }
    | { result: 'error'; error: string }
  );

/** What a group-mapping filter is evaluated against: the user's SAML groups. */
export type GroupMappingInput = { groups: readonly string[] };

/**
 * What a certificate-pool filter is evaluated against: the client
 * certificate's subject attributes by RFC 4514 keyword, one value each
 * (see `decodeCertificate` in certificate.ts for repeated attributes).
 */
export type CertificateSubject = Readonly<Record<string, string>>;

/**
 * The outcome of evaluating a filter. `ok: false` means the filter itself is
 * invalid (the problems are {@link checkFilter}'s). Otherwise `matches` says
 * whether the filter evaluated to `true`, and `conditions` lists the operands
 * of the top-level `&&` chain, or of the top-level `||` chain when that is
 * the root, or else the whole filter as a single condition.
 */
export type FilterEvaluation =
  | { ok: true; matches: boolean; conditions: ConditionResult[] }
  | { ok: false; problems: FilterProblem[] };

/**
 * A filter parsed once, ready to be evaluated against many inputs: a
 * token's claims, a {@link GroupMappingInput} or a
 * {@link CertificateSubject}, as its dialect reads.
 */
export type CompiledFilter = (input: unknown) => FilterEvaluation;

/**
 * Where a claim path leads in a set of claims. When it leads nowhere,
 * `missing` is the shortest prefix of the path that the claims lack, or
 * `parent` the prefix whose value is not an object (`[]` when the claims
 * themselves are not one) and `value` that value.
 */
export type ClaimLookup =
  | { found: true; value: unknown }
  | { found: false; reason: 'absent'; missing: string[] }
  | { found: false; reason: 'not-object'; parent: string[]; value: unknown };

/**
 * Evaluates `source` against a token's claims with CEL's semantics over
 * Confluent's subset: `&&` and `||` are commutative and absorb an error when
 * the other side decides (`error || true` is true), a missing claim or a
 * type mismatch is an error, and only a result of `true` matches. Values are
 * compared as CEL compares JSON values, so a list never equals a string.
 * `has()` tests only the last claim of its path: it is false when that
 * claim is missing or its parent is not an object, and an error when an
 * earlier part of the path is missing or not an object.
 *
 * Other dialects evaluate the same way over their own input: for
 * `group-mapping` a {@link GroupMappingInput} (`"a" in groups` is an error
 * when the input has no `groups` list), for `certificate-pool` a
 * {@link CertificateSubject} (a condition on an attribute the certificate
 * lacks is an error; an empty filter matches nothing).
 * Never throws.
 */
export function evaluateFilter(
  source: string,
  input: unknown,
  dialect: FilterDialect = DEFAULT_DIALECT,
): FilterEvaluation {
  return compileFilter(source, dialect)(input);
}

// Enough for every pool of a large organisation plus the drafts typed in
// the editor, while bounding memory on a long-lived page.
const CACHE_LIMIT = 2_000;
const cache = new Map<string, CompiledFilter>();

/**
 * Parses and checks `source` once and returns a function that evaluates it
 * as {@link evaluateFilter} does. Compiled filters are cached by dialect and
 * source, so calling this again for the same text is cheap. Neither this
 * nor the returned function throws.
 */
export function compileFilter(
  source: string,
  dialect: FilterDialect = DEFAULT_DIALECT,
): CompiledFilter {
  // Dialect names hold no newline, so the key is unambiguous.
  const key = `${dialect}\n${source}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Re-inserting keeps the map in least-recently-used order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compileUncached(source, dialect);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, compiled);
  return compiled;
}

/**
 * Follows `path` (as from `claimPath`) through `claims`, reading only own
 * properties, so `claims.__proto__` and `claims.constructor` are absent like
 * any other claim the token lacks. A property whose value is `undefined`
 * counts as absent, as it would after a JSON round trip. Never throws for
 * plain data.
 */
export function lookupClaim(
  claims: unknown,
  path: readonly string[],
): ClaimLookup {
  const outcome = resolve(claims, path);
  if (!(outcome instanceof Miss)) return { found: true, value: outcome };
  if (outcome.absent) {
    return {
      found: false,
      reason: 'absent',
      missing: path.slice(0, outcome.depth + 1),
    };
  }
  return {
    found: false,
    reason: 'not-object',
    parent: path.slice(0, outcome.depth),
    value: outcome.value,
  };
}

/**
 * Names the JSON type of a claim value with its article, for messages:
 * `a string`, `a number`, `a boolean`, `null`, `an array`, `an object`.
 */
export function describeClaimValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    case 'undefined':
      return 'absent';
    default:
      return 'not a JSON value';
  }
}

/**
 * CEL's error value. Evaluation passes it along like any other value instead
 * of throwing, because `&&` and `||` must be able to absorb it.
 */
class Failure {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

/** Why a claim path led nowhere; see {@link ClaimLookup}. */
class Miss {
  readonly depth: number;
  readonly absent: boolean;
  readonly value: unknown;

  constructor(depth: number, absent: boolean, value: unknown) {
    this.depth = depth;
    this.absent = absent;
    this.value = value;
  }
}

/** Thrown when comparing values nested deeper than any real token's. */
class TooDeep extends Error {}

type Evaluator = (claims: unknown) => unknown;

/** What compiling needs to know about the dialect. */
type Compiler = {
  dialect: FilterDialect;
  /** The variable a node reads, if it reads one. */
  pathOf: (node: FilterNode) => string[] | undefined;
  /** A variable as a filter writes it, for messages. */
  label: (path: readonly string[]) => string;
};

function compilerFor(dialect: FilterDialect): Compiler {
  return {
    dialect,
    pathOf: (node) => variablePath(node, dialect),
    label: (path) => formatVariable(path, dialect),
  };
}

type Condition = Span & { text: string; evaluate: Evaluator };

type Combination = 'and' | 'or' | 'single';

// JSON.parse accepts far deeper nesting than this, and recursion that deep
// could exhaust the stack.
const MAX_COMPARE_DEPTH = 200;

const NOT_EVALUATED =
  'This condition could not be evaluated against these claims';

function compileUncached(
  source: string,
  dialect: FilterDialect,
): CompiledFilter {
  try {
    const check = checkFilter(source, dialect);
    if (!check.valid) return invalidFilter(check.errors);
    // Only a dialect that allows an empty filter gets here with one.
    if (isEmptyFilter(source)) return emptyFilter(source, dialect);
    const parsed = parseFilterAst(source);
    if (!parsed.ok) {
      return invalidFilter([
        {
          from: 0,
          to: source.length,
          message: 'The filter could not be parsed',
        },
      ]);
    }
    return compileTree(source, parsed.root, compilerFor(dialect));
  } catch {
    // A bug in the compiler must not take the page or the emulator down.
    return invalidFilter([
      {
        from: 0,
        to: source.length,
        message: 'The filter could not be evaluated',
      },
    ]);
  }
}

function invalidFilter(problems: FilterProblem[]): CompiledFilter {
  return () => {
    return {
      ok: false,
      problems: problems.map((problem) => ({ ...problem })),
    };
  };
}

/**
 * An empty certificate-pool filter: Confluent admits no certificate through
 * it, and the one result says so, so a tester can show why nothing matched.
 */
function emptyFilter(source: string, dialect: FilterDialect): CompiledFilter {
  const note = DIALECTS[dialect].emptyMessage;
  return () => ({
    ok: true,
    matches: false,
    conditions: [
      { from: 0, to: source.length, text: source, result: 'false', note },
    ],
  });
}

function compileTree(
  source: string,
  root: FilterNode,
  compiler: Compiler,
): CompiledFilter {
  const masked = maskSource(source);
  const op =
    root.kind === 'binary' && (root.op === '&&' || root.op === '||')
      ? root.op
      : undefined;
  const combination: Combination =
    op === '&&' ? 'and' : op === '||' ? 'or' : 'single';
  const nodes =
    root.kind === 'binary' && op !== undefined
      ? chainOperands(root, op)
      : [root];
  const conditions: Condition[] = [];
  // A loop, not a closure over `masked` and `source`, which would keep both
  // alive in every cached filter.
  for (const node of nodes) {
    const { from, to } = groupedSpan(masked, node);
    conditions.push({
      from,
      to,
      text: source.slice(from, to),
      evaluate: compileNode(node, compiler),
    });
  }

  return (claims) => {
    const results: ConditionResult[] = [];
    let allTrue = true;
    let anyTrue = false;
    for (const condition of conditions) {
      const result = evaluateCondition(condition, claims);
      results.push(result);
      if (result.result === 'true') anyTrue = true;
      else allTrue = false;
    }
    // With error absorption, `&&` over the operands is true only when every
    // one is true, and `||` is true as soon as one is.
    const matches = combination === 'or' ? anyTrue : allTrue;
    return { ok: true, matches, conditions: results };
  };
}

function evaluateCondition(
  condition: Condition,
  claims: unknown,
): ConditionResult {
  const { from, to, text } = condition;
  let value: unknown;
  try {
    value = condition.evaluate(claims);
  } catch {
    // Getters or proxies in odd claims objects; plain JSON never lands here.
    value = new Failure(NOT_EVALUATED);
  }
  if (value === true) return { from, to, text, result: 'true' };
  if (value === false) return { from, to, text, result: 'false' };
  const error = value instanceof Failure ? value.message : NOT_EVALUATED;
  return { from, to, text, result: 'error', error };
}

/**
 * The operands of a chain of one operator as the person wrote it: a
 * parenthesised group stays one operand, since that is how it reads.
 */
function chainOperands(
  root: Extract<FilterNode, { kind: 'binary' }>,
  op: '&&' | '||',
): FilterNode[] {
  const operands: FilterNode[] = [];
  // An explicit stack: long generated chains nest hundreds of levels deep.
  const pending: { node: FilterNode; split: boolean }[] = [
    { node: root, split: true },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node } = item;
    if (!item.split || node.kind !== 'binary') {
      operands.push(node);
      continue;
    }
    // The tree's spans exclude a node's own parentheses, so an operand that
    // does not start (or end) where its parent does is parenthesised.
    pending.push({
      node: node.right,
      split: isOperator(node.right, op) && node.right.to === node.to,
    });
    pending.push({
      node: node.left,
      split: isOperator(node.left, op) && node.left.from === node.from,
    });
  }
  return operands;
}

function isOperator(node: FilterNode, op: '&&' | '||'): boolean {
  return node.kind === 'binary' && node.op === op;
}

/** The node's span widened by the grouping parentheses around it. */
function groupedSpan(masked: string, node: FilterNode): Span {
  let { from, to } = node;
  for (;;) {
    let open = from - 1;
    while (open >= 0 && isSpace(masked[open])) open--;
    let close = to;
    while (close < masked.length && isSpace(masked[close])) close++;
    if (masked[open] !== '(' || masked[close] !== ')') return { from, to };
    from = open;
    to = close + 1;
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function compileNode(node: FilterNode, c: Compiler): Evaluator {
  switch (node.kind) {
    case 'bool':
    case 'string': {
      const { value } = node;
      return () => value;
    }
    case 'ident':
      return compileVariable(node, c);
    case 'select':
    case 'index':
      return c.dialect === 'identity-pool'
        ? compileClaim(node)
        : unsupported(c);
    case 'unary':
      return node.op === '!' ? compileNot(node.operand, c) : unsupported(c);
    case 'binary':
      switch (node.op) {
        case '&&':
          return compileAnd(
            compileNode(node.left, c),
            compileNode(node.right, c),
          );
        case '||':
          return compileOr(
            compileNode(node.left, c),
            compileNode(node.right, c),
          );
        case '==':
          return compileEquals(node.left, node.right, false, c);
        case '!=':
          return compileEquals(node.left, node.right, true, c);
        case 'in':
          return compileIn(node.left, node.right, c);
        default:
          return unsupported(c);
      }
    case 'call': {
      const [argument] = node.args;
      return c.dialect === 'identity-pool' &&
        node.name === 'has' &&
        node.args.length === 1 &&
        argument
        ? compileHas(argument)
        : unsupported(c);
    }
    case 'method':
      return compileStringMethod(node, c);
    default:
      return unsupported(c);
  }
}

// checkFilter has already refused everything outside the subset; this only
// keeps the evaluator total.
function unsupported(c: Compiler): Evaluator {
  const failure = new Failure(
    `This is not supported in ${DIALECTS[c.dialect].name} filters`,
  );
  return () => failure;
}

function compileClaim(node: FilterNode): Evaluator {
  const path = claimPath(node);
  if (path === undefined) return unsupportedIdentity;
  // The explanations are written only when a claim is missing: most
  // compiled filters never need one.
  return (claims) => {
    const value = resolve(claims, path);
    return value instanceof Miss ? missFailure(path, value) : value;
  };
}

const unsupportedIdentity = unsupported(compilerFor('identity-pool'));

/**
 * A bare variable of the group-mapping or certificate-pool dialect: one
 * own property of the input. Its absence is an error (CEL's "no such key"),
 * explained for the dialect.
 */
function compileVariable(node: FilterNode, c: Compiler): Evaluator {
  const path = c.pathOf(node);
  const [name] = path ?? [];
  if (c.dialect === 'identity-pool' || name === undefined) {
    return unsupported(c);
  }
  const absent =
    c.dialect === 'group-mapping'
      ? new Failure('The user has no `groups` list')
      : new Failure(`The certificate has no ${name}`);
  return (input) => {
    if (!isRecord(input)) {
      return new Failure(
        c.dialect === 'group-mapping'
          ? `The user's details are ${describeClaimValue(input)}, not an object with \`groups\``
          : `The certificate's subject is ${describeClaimValue(input)}, not a record of attributes`,
      );
    }
    const value = Object.hasOwn(input, name) ? input[name] : undefined;
    return value === undefined ? absent : value;
  };
}

function missFailure(path: readonly string[], miss: Miss): Failure {
  if (miss.absent) {
    return new Failure(
      `${claimLabel(path, miss.depth)} is absent from the token`,
    );
  }
  const kind = describeClaimValue(miss.value);
  return new Failure(
    miss.depth === 0
      ? `The token's claims are ${kind}, not an object`
      : `${claimLabel(path, miss.depth - 1)} is ${kind}, not an object`,
  );
}

/** The claim `path` leads to, down to `depth`, as a filter writes it. */
function claimLabel(path: readonly string[], depth: number): string {
  return formatClaimPath(path.slice(0, depth + 1));
}

function resolve(claims: unknown, path: readonly string[]): unknown {
  let current = claims;
  let depth = 0;
  for (const key of path) {
    if (!isRecord(current)) return new Miss(depth, false, current);
    if (!Object.hasOwn(current, key)) return new Miss(depth, true, undefined);
    current = current[key];
    if (current === undefined) return new Miss(depth, true, undefined);
    depth++;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileNot(operand: FilterNode, c: Compiler): Evaluator {
  const evaluate = compileNode(operand, c);
  return (claims) => {
    const value = evaluate(claims);
    return typeof value === 'boolean' ? !value : asFailure(value);
  };
}

function compileAnd(left: Evaluator, right: Evaluator): Evaluator {
  return (claims) => {
    const a = left(claims);
    if (a === false) return false;
    const b = right(claims);
    if (b === false) return false;
    if (a === true && b === true) return true;
    return a === true ? asFailure(b) : asFailure(a);
  };
}

function compileOr(left: Evaluator, right: Evaluator): Evaluator {
  return (claims) => {
    const a = left(claims);
    if (a === true) return true;
    const b = right(claims);
    if (b === true) return true;
    if (a === false && b === false) return false;
    return a === false ? asFailure(b) : asFailure(a);
  };
}

function asFailure(value: unknown): Failure {
  return value instanceof Failure
    ? value
    : new Failure('This is not a condition');
}

function compileEquals(
  leftNode: FilterNode,
  rightNode: FilterNode,
  negate: boolean,
  c: Compiler,
): Evaluator {
  const left = compileNode(leftNode, c);
  const right = compileNode(rightNode, c);
  return (claims) => {
    const a = left(claims);
    if (a instanceof Failure) return a;
    const b = right(claims);
    if (b instanceof Failure) return b;
    if (typeof a === 'string' || typeof b === 'string') {
      return (a === b) !== negate;
    }
    try {
      return celEquals(a, b, 0) !== negate;
    } catch (error) {
      if (error instanceof TooDeep) return tooDeep(c, leftNode, rightNode);
      throw error;
    }
  };
}

function tooDeep(c: Compiler, ...nodes: FilterNode[]): Failure {
  const path = nodes.map(c.pathOf).find((found) => found !== undefined);
  const what = path === undefined ? 'A claim' : c.label(path);
  return new Failure(`${what} is nested too deeply to compare`);
}

/**
 * CEL's equality over JSON values: the same type and the same value, lists
 * element by element, objects key by key. Values of different types are
 * unequal rather than an error, so `["a"] == "a"` is false.
 */
function celEquals(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > MAX_COMPARE_DEPTH) throw new TooDeep();
  if (typeof a === 'number' || typeof a === 'bigint') {
    // A number claim may arrive as a bigint from a lossless JSON parser;
    // CEL compares int and double by value.
    return (typeof b === 'number' || typeof b === 'bigint') && a == b;
  }
  if (typeof a !== 'object' || a === null) return a === b;
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!celEquals(a[i], b[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = definedKeys(a);
  const bKeys = definedKeys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  for (const key of aKeys) {
    if (!Object.hasOwn(bRecord, key) || bRecord[key] === undefined) {
      return false;
    }
    if (!celEquals(aRecord[key], bRecord[key], depth + 1)) return false;
  }
  return true;
}

function definedKeys(record: object): string[] {
  return Object.keys(record).filter(
    (key) => (record as Record<string, unknown>)[key] !== undefined,
  );
}

function compileIn(
  leftNode: FilterNode,
  rightNode: FilterNode,
  c: Compiler,
): Evaluator {
  const left = compileNode(leftNode, c);
  if (rightNode.kind === 'list') {
    // The subset allows only string literals in a list.
    const items = new Set<string>();
    for (const item of rightNode.items) {
      if (item.kind !== 'string') return unsupported(c);
      items.add(item.value);
    }
    return (claims) => {
      const a = left(claims);
      if (a instanceof Failure) return a;
      return typeof a === 'string' && items.has(a);
    };
  }
  const right = compileNode(rightNode, c);
  const path = c.pathOf(rightNode);
  return (claims) => {
    const a = left(claims);
    if (a instanceof Failure) return a;
    const b = right(claims);
    if (b instanceof Failure) return b;
    if (Array.isArray(b)) {
      try {
        return b.some((item) => celEquals(a, item, 0));
      } catch (error) {
        if (error instanceof TooDeep) return tooDeep(c, rightNode);
        throw error;
      }
    }
    if (isRecord(b)) {
      // CEL's `in` on a map tests its keys.
      return typeof a === 'string' && Object.hasOwn(b, a) && b[a] !== undefined;
    }
    const label = path === undefined ? 'The right side of `in`' : c.label(path);
    return new Failure(`${label} is ${describeClaimValue(b)}, not an array`);
  };
}

function compileHas(argument: FilterNode): Evaluator {
  const path = claimPath(argument);
  if (path === undefined) return unsupportedIdentity;
  return (claims) => {
    const found = resolve(claims, path);
    if (!(found instanceof Miss)) return true;
    // As in CEL, `has()` tests only its last field and selects the rest as
    // usual, so a missing parent is an error and `!has(claims.ext.revoked)`
    // does not match a token without `ext` (Confluent evaluates with CEL).
    // A last parent that is present but not an object has no fields: false,
    // as cel-js says too.
    return found.depth < path.length - 1 ? missFailure(path, found) : false;
  };
}

const STRING_METHODS = {
  startsWith: (text: string, part: string) => text.startsWith(part),
  endsWith: (text: string, part: string) => text.endsWith(part),
  contains: (text: string, part: string) => text.includes(part),
} as const;

function compileStringMethod(
  node: Extract<FilterNode, { kind: 'method' }>,
  c: Compiler,
): Evaluator {
  const [argument] = node.args;
  if (
    !Object.hasOwn(STRING_METHODS, node.name) ||
    node.args.length !== 1 ||
    argument?.kind !== 'string'
  ) {
    return unsupported(c);
  }
  const method = STRING_METHODS[node.name as keyof typeof STRING_METHODS];
  const part = argument.value;
  const target = compileNode(node.target, c);
  const path = c.pathOf(node.target);
  return (claims) => {
    const text = target(claims);
    if (text instanceof Failure) return text;
    if (typeof text !== 'string') {
      const label = path === undefined ? 'The value' : c.label(path);
      return new Failure(
        `${label} is ${describeClaimValue(text)}, not a string`,
      );
    }
    return method(text, part);
  };
}
