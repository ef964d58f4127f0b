import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';
import { parseFilterAst } from './ast.ts';
import type { FilterNode, Span } from './ast.ts';
import { checkFilter } from './check.ts';
import { claimPath } from './claim-path.ts';
import { filterConstrains } from './constraints.ts';
import { DEFAULT_DIALECT, type FilterDialect } from './dialect.ts';
import { code } from './display.ts';
import {
  describeClaimValue,
  formatClaimPath,
  lookupClaim,
} from './evaluate.ts';
import { GROUPS_VARIABLE } from './group-mapping-subset.ts';
import { maskSource } from './source-mask.ts';
import { formatVariable, variablePath } from './variables.ts';

/**
 * The stable id of each lint rule, for tests, telemetry and suppressions.
 * `no-sub-or-aud` and `eq-on-list` are about identity pools only,
 * `only-negations` about group mappings, `no-cn-or-uid` about certificate
 * pools; `absent-claim` compares with a sample token, or in a certificate
 * pool with a sample certificate's subject.
 */
export type LintRule =
  | 'syntax'
  | 'subset'
  | 'matches-everything'
  | 'no-sub-or-aud'
  | 'eq-on-list'
  | 'absent-claim'
  | 'too-long'
  | 'contradiction'
  | 'redundant'
  | 'only-negations'
  | 'no-cn-or-uid';

/** How much a diagnostic matters; `error` means the filter should not be saved. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** A suggested edit: replace [from, to) of the source with `insert`. */
export type LintFix = {
  label: string;
  from: number;
  to: number;
  insert: string;
};

/** One finding about a filter, over the 0-based UTF-16 range [from, to). */
export type LintDiagnostic = Span & {
  severity: LintSeverity;
  rule: LintRule;
  message: string;
  fix?: LintFix;
};

/**
 * What the linter knows beyond the filter text. `dialect` is the object the
 * filter guards (an identity pool unless said otherwise). `sampleClaims` is
 * a decoded token to compare against (in a certificate pool, a sample
 * certificate's subject attributes), `sharedIssuer` says the provider's
 * issuer and keys are shared with other organisations (docs/confluent-api.md
 * §9.3), and `maxLength` is the tenant's filter length limit (300 unless
 * raised).
 */
export type LintOptions = {
  dialect?: FilterDialect;
  sampleClaims?: unknown;
  sharedIssuer?: boolean;
  maxLength?: number;
};

/**
 * Finds mistakes in a filter. An invalid filter yields only
 * {@link checkFilter}'s errors (rule `syntax` or `subset`); a valid one is
 * checked for filters that match every token, a missing `sub`/`aud`
 * condition, `==` against a list claim, claims the sample token lacks, excess
 * length, contradictions and repeated conditions. Diagnostics come in source
 * order. Never throws.
 *
 * A group-mapping filter is checked for mapping every SSO user (`true`) and
 * for matching without membership of any group (`only-negations`); a
 * certificate-pool filter for matching every certificate of the CA and for
 * matching without a `CN` or `UID` value (`no-cn-or-uid`). Length,
 * contradictions and repeats are checked in every dialect.
 */
export function lintFilter(
  source: string,
  options: LintOptions = {},
): LintDiagnostic[] {
  const dialect = options.dialect ?? DEFAULT_DIALECT;
  const check = checkFilter(source, dialect);
  if (!check.valid) {
    const parsed = safeParse(source);
    const rule = parsed === undefined ? 'syntax' : 'subset';
    return check.errors.map(({ from, to, message }) => ({
      from,
      to,
      severity: 'error',
      rule,
      message,
    }));
  }
  const out: LintDiagnostic[] = [];
  try {
    const root = safeParse(source);
    if (root !== undefined) lintValid(source, root, options, dialect, out);
  } catch {
    // A linter bug must not hide the filter from its author; keep what we have.
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

function safeParse(source: string): FilterNode | undefined {
  const parsed = parseFilterAst(source);
  return parsed.ok ? parsed.root : undefined;
}

type Context = {
  source: string;
  dialect: FilterDialect;
  masked: string;
  sample: Record<string, unknown> | undefined;
  sharedIssuer: boolean;
  out: LintDiagnostic[];
};

function lintValid(
  source: string,
  root: FilterNode,
  options: LintOptions,
  dialect: FilterDialect,
  out: LintDiagnostic[],
): void {
  const ctx: Context = {
    source,
    dialect,
    masked: maskSource(source),
    sample: isRecord(options.sampleClaims) ? options.sampleClaims : undefined,
    sharedIssuer: options.sharedIssuer === true,
    out,
  };
  tooLong(ctx, options.maxLength);
  // An empty certificate-pool filter is valid and matches nothing: there is
  // nothing more to say about it.
  if (ctx.masked.trim() === '') return;
  const term = toTerm(ctx, root, false);
  switch (dialect) {
    case 'identity-pool':
      matchesEverything(ctx, term);
      noSubOrAud(ctx);
      visitChains(ctx, term);
      visitNodes(ctx, root);
      return;
    case 'group-mapping':
    case 'certificate-pool':
      if (!matchesEverything(ctx, term)) missingIdentity(ctx);
      visitChains(ctx, term);
      if (dialect === 'certificate-pool') absentAttributes(ctx, root);
      return;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function report(
  ctx: Context,
  span: Span,
  severity: LintSeverity,
  rule: LintRule,
  message: string,
  fix?: LintFix,
): void {
  const diagnostic: LintDiagnostic = {
    from: span.from,
    to: span.to,
    severity,
    rule,
    message,
  };
  if (fix !== undefined) diagnostic.fix = fix;
  ctx.out.push(diagnostic);
}

function textOf(ctx: Context, span: Span): string {
  return ctx.source.slice(span.from, span.to);
}

function wholeFilter(ctx: Context): Span {
  return { from: 0, to: ctx.source.length };
}

// --- too-long ---------------------------------------------------------------

function tooLong(ctx: Context, maxLength: number | undefined): void {
  const limit =
    maxLength !== undefined && Number.isInteger(maxLength) && maxLength >= 0
      ? maxLength
      : DEFAULT_FILTER_MAX_LENGTH;
  const { length } = ctx.source;
  if (length <= limit) return;
  // Lengths count UTF-16 units, as the form and the emulator do; a surrogate
  // pair split by the limit is underlined whole.
  const from = isHighSurrogate(ctx.source.charCodeAt(limit - 1))
    ? limit - 1
    : limit;
  // A warning: the limit is per organisation and can be raised, so only the
  // service knows whether this filter is too long (issue 15).
  report(
    ctx,
    { from, to: length },
    'warning',
    'too-long',
    `The filter is ${length} characters long; Confluent accepts at most ${limit} unless your organisation's limit has been raised`,
  );
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

// --- no-sub-or-aud ----------------------------------------------------------

function noSubOrAud(ctx: Context): void {
  if (filterConstrains(ctx.source, ['sub', 'aud'])) return;
  if (ctx.sharedIssuer) {
    report(
      ctx,
      wholeFilter(ctx),
      'error',
      'no-sub-or-aud',
      'This provider’s issuer is shared with other organisations, so Confluent refuses a filter that does not require a value of `claims.sub` or `claims.aud` on every path; add a condition such as `claims.aud == "…"`',
    );
    return;
  }
  report(
    ctx,
    wholeFilter(ctx),
    'warning',
    'no-sub-or-aud',
    'Not every way of matching this filter requires a value of `claims.sub` or `claims.aud`, so tokens the provider issues to other applications may match; add a condition such as `claims.aud == "…"`',
  );
}

// --- only-negations and no-cn-or-uid -----------------------------------------

/**
 * The group-mapping and certificate-pool counterparts of `no-sub-or-aud`:
 * a way of matching that names nobody in particular. In a group mapping,
 * conditions that only exclude groups (`!("contractors" in groups)`) map
 * everyone else, users without groups included; in a certificate pool, a
 * filter without `CN` or `UID` admits every certificate of the CA whose
 * organisation attributes fit.
 */
function missingIdentity(ctx: Context): void {
  if (ctx.dialect === 'group-mapping') {
    if (filterConstrains(ctx.source, [GROUPS_VARIABLE], ctx.dialect)) return;
    report(
      ctx,
      wholeFilter(ctx),
      'warning',
      'only-negations',
      'Not every way of matching this filter requires membership of a group, so it maps almost every SSO user (everyone outside the groups it excludes, and users with no groups); add a condition such as `"engineering" in groups`',
    );
    return;
  }
  if (filterConstrains(ctx.source, IDENTITY_ATTRIBUTES, ctx.dialect)) return;
  report(
    ctx,
    wholeFilter(ctx),
    'warning',
    'no-cn-or-uid',
    'Not every way of matching this filter requires a value of `CN` or `UID` (the client’s identity), so any certificate from this certificate authority with matching organisation attributes lands in this pool; add a condition such as `CN == "…"`',
  );
}

// The subject attributes that name a client rather than its organisation.
const IDENTITY_ATTRIBUTES: readonly string[] = ['CN', 'UID'];

// --- Logical structure ------------------------------------------------------

type BinaryNode = Extract<FilterNode, { kind: 'binary' }>;

/**
 * A condition with `!` folded in: `x != "p"` and `!(x == "p")` are both the
 * negative literal of `x == "p"`. `key` identifies the atom structurally,
 * regardless of whitespace, quotes, parentheses or operand order.
 */
type Literal = {
  kind: 'literal';
  positive: boolean;
  atom: FilterNode;
  key: string;
};

/**
 * A run of one logical operator after negations are pushed inward (De
 * Morgan), so `!(a || b)` is the conjunction of `!a` and `!b`.
 */
type Chain = {
  kind: 'chain';
  conjunction: boolean;
  members: Member[];
  key: string;
};

type Term = Literal | Chain;

/**
 * A term inside a chain, with the operand as written (`operand`, a direct
 * child of the `&&`/`||` node `parent`) so a fix can remove it.
 */
type Member = {
  term: Term;
  operand: FilterNode;
  parent: BinaryNode;
  isLeft: boolean;
  span: Span;
};

const TRUE_KEY = 'true';

function isLogical(node: FilterNode): node is BinaryNode {
  return node.kind === 'binary' && (node.op === '&&' || node.op === '||');
}

function stripNot(
  node: FilterNode,
  negated: boolean,
): { inner: FilterNode; negated: boolean } {
  let inner = node;
  let isNegated = negated;
  while (inner.kind === 'unary' && inner.op === '!') {
    inner = inner.operand;
    isNegated = !isNegated;
  }
  return { inner, negated: isNegated };
}

function toTerm(ctx: Context, node: FilterNode, negated: boolean): Term {
  const { inner, negated: isNegated } = stripNot(node, negated);
  if (!isLogical(inner)) return toLiteral(inner, isNegated);
  const conjunction = (inner.op === '&&') !== isNegated;
  const members: Member[] = [];
  collectMembers(ctx, inner, isNegated, conjunction, members);
  const keys = [...new Set(members.map((member) => memberKey(member.term)))];
  return {
    kind: 'chain',
    conjunction,
    members,
    key: `${conjunction ? 'and' : 'or'}(${keys.sort().join(',')})`,
  };
}

function collectMembers(
  ctx: Context,
  node: BinaryNode,
  negated: boolean,
  conjunction: boolean,
  members: Member[],
): void {
  const children: [FilterNode, boolean][] = [
    [node.left, true],
    [node.right, false],
  ];
  for (const [child, isLeft] of children) {
    const { inner, negated: isNegated } = stripNot(child, negated);
    if (
      isLogical(inner) &&
      ((inner.op === '&&') !== isNegated) === conjunction
    ) {
      collectMembers(ctx, inner, isNegated, conjunction, members);
    } else {
      members.push({
        term: toTerm(ctx, child, negated),
        operand: child,
        parent: node,
        isLeft,
        span: operandSpan(ctx, child, node),
      });
    }
  }
}

function toLiteral(atom: FilterNode, negated: boolean): Literal {
  if (atom.kind === 'bool') {
    return {
      kind: 'literal',
      positive: atom.value !== negated,
      atom,
      key: TRUE_KEY,
    };
  }
  if (atom.kind === 'binary' && (atom.op === '==' || atom.op === '!=')) {
    return {
      kind: 'literal',
      positive: (atom.op === '==') !== negated,
      atom,
      key: equalityKey(atom),
    };
  }
  return { kind: 'literal', positive: !negated, atom, key: atomKey(atom) };
}

function memberKey(term: Term): string {
  if (term.kind === 'chain') return term.key;
  return term.positive ? term.key : `!${term.key}`;
}

function equalityKey(node: BinaryNode): string {
  const operands = [atomKey(node.left), atomKey(node.right)].sort();
  return `eq(${operands.join(',')})`;
}

/** A structural identity for a node: equal keys mean the same condition. */
function atomKey(node: FilterNode): string {
  switch (node.kind) {
    case 'string':
      return `s${JSON.stringify(node.value)}`;
    case 'bool':
      return String(node.value);
    case 'ident':
      // A bare variable (`groups`, `CN`); identity pools name none.
      return `v${node.name}`;
    case 'select':
    case 'index': {
      const path = claimPath(node);
      return path === undefined ? uniqueKey(node) : `c${JSON.stringify(path)}`;
    }
    case 'list': {
      // Order and repeats in a list literal do not change `in`.
      const items = [...new Set(node.items.map(atomKey))].sort();
      return `[${items.join(',')}]`;
    }
    case 'binary':
      if (node.op === '==' || node.op === '!=') {
        return node.op === '==' ? equalityKey(node) : `!${equalityKey(node)}`;
      }
      return `${node.op}(${atomKey(node.left)},${atomKey(node.right)})`;
    case 'unary':
      return `${node.op}${atomKey(node.operand)}`;
    case 'call':
      return `${node.name}(${node.args.map(atomKey).join(',')})`;
    case 'method':
      return `${atomKey(node.target)}.${node.name}(${node.args.map(atomKey).join(',')})`;
    default:
      return uniqueKey(node);
  }
}

// Equal to nothing else, so an unexpected node is never taken for a repeat.
function uniqueKey(node: FilterNode): string {
  return `#${node.from}:${node.to}`;
}

/** The operand's span widened by its grouping parentheses, within `parent`. */
function operandSpan(ctx: Context, node: FilterNode, parent: Span): Span {
  const { masked } = ctx;
  let { from, to } = node;
  for (;;) {
    let open = from - 1;
    while (open >= parent.from && isSpace(masked[open])) open--;
    let close = to;
    while (close < parent.to && isSpace(masked[close])) close++;
    if (
      open < parent.from ||
      close >= parent.to ||
      masked[open] !== '(' ||
      masked[close] !== ')'
    ) {
      return { from, to };
    }
    from = open;
    to = close + 1;
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

// --- matches-everything -----------------------------------------------------

/** Reports a filter that is always true; returns whether it is one. */
function matchesEverything(ctx: Context, term: Term): boolean {
  if (alwaysTrue(term) !== true) return false;
  const decisive =
    term.kind === 'chain' && !term.conjunction
      ? term.members.find((member) => alwaysTrue(member.term) === true)
      : undefined;
  const shared = ctx.sharedIssuer && ctx.dialect === 'identity-pool';
  report(
    ctx,
    decisive?.span ?? wholeFilter(ctx),
    shared ? 'error' : 'warning',
    'matches-everything',
    shared
      ? 'This filter matches every token the provider issues, and the provider’s issuer is shared, so tokens issued to other organisations’ applications match too'
      : MATCHES_EVERYTHING[ctx.dialect],
  );
  return true;
}

const MATCHES_EVERYTHING: Record<FilterDialect, string> = {
  'identity-pool':
    'This filter matches every token the provider issues; add conditions on claims such as `claims.aud` or `claims.sub`',
  'group-mapping':
    'This filter maps every SSO user of the organisation; to map only some, test their groups, e.g. `"engineering" in groups`',
  'certificate-pool':
    'This filter matches every certificate this certificate authority issued; add a condition on the client’s identity, e.g. `CN == "…"`',
};

/** true or false when the term has that value for every token, else undefined. */
function alwaysTrue(term: Term): boolean | undefined {
  if (term.kind === 'literal') {
    return term.key === TRUE_KEY ? term.positive : undefined;
  }
  const values = term.members.map((member) => alwaysTrue(member.term));
  if (term.conjunction) {
    if (values.includes(false)) return false;
    return values.every((value) => value === true) ? true : undefined;
  }
  if (values.includes(true) || hasComplement(term)) return true;
  return values.every((value) => value === false) ? false : undefined;
}

/**
 * `has(claims.x) || !has(claims.x)` always holds: `has()` of a top-level claim
 * is never an error. With a longer path it is one when a parent is missing.
 */
function hasComplement(chain: Chain): boolean {
  const seen = new Map<string, boolean>();
  for (const { term } of chain.members) {
    if (term.kind !== 'literal' || term.atom.kind !== 'call') continue;
    const [argument] = term.atom.args;
    if (argument === undefined || claimPath(argument)?.length !== 1) continue;
    const previous = seen.get(term.key);
    if (previous !== undefined && previous !== term.positive) return true;
    seen.set(term.key, term.positive);
  }
  return false;
}

// --- contradiction and redundant --------------------------------------------

function visitChains(ctx: Context, root: Term): void {
  const pending: Term[] = [root];
  for (let term = pending.pop(); term !== undefined; term = pending.pop()) {
    if (term.kind !== 'chain') continue;
    if (term.conjunction) contradictions(ctx, term);
    repeats(ctx, term);
    for (const member of term.members) pending.push(member.term);
  }
}

type ValueSet = {
  /** undefined while any value not excluded would do. */
  allowed: Set<string> | undefined;
  excluded: Set<string>;
  first: Member;
};

function contradictions(ctx: Context, chain: Chain): void {
  const byKey = new Map<string, Member>();
  const byClaim = new Map<string, ValueSet>();
  for (const member of chain.members) {
    const { term } = member;
    if (term.kind !== 'literal') continue;
    const earlier = byKey.get(term.key);
    // `true && false` is left alone: a constant is written on purpose.
    if (
      term.key !== TRUE_KEY &&
      earlier !== undefined &&
      earlier.term.kind === 'literal' &&
      earlier.term.positive !== term.positive
    ) {
      report(
        ctx,
        member.span,
        'error',
        'contradiction',
        `${code(textOf(ctx, member.span))} and ${code(textOf(ctx, earlier.span))} can never both be true, so this can never match`,
      );
      continue;
    }
    if (earlier === undefined) byKey.set(term.key, member);
    narrowValues(ctx, member, term, byClaim);
  }
}

/**
 * Tracks which strings each claim may still equal under `==`, `!=` and `in`
 * with a list, and reports the literal that leaves none.
 */
function narrowValues(
  ctx: Context,
  member: Member,
  literal: Literal,
  byClaim: Map<string, ValueSet>,
): void {
  const constraint = valueConstraint(literal.atom, ctx.dialect);
  if (constraint === undefined) return;
  const key = JSON.stringify(constraint.path);
  let set = byClaim.get(key);
  if (set === undefined) {
    set = { allowed: undefined, excluded: new Set(), first: member };
    byClaim.set(key, set);
  }
  const wasEmpty = set.allowed?.size === 0;
  if (literal.positive) {
    const previous = set.allowed;
    const excluded = set.excluded;
    set.allowed = new Set(
      constraint.values.filter(
        (value) =>
          !excluded.has(value) &&
          (previous === undefined || previous.has(value)),
      ),
    );
  } else {
    for (const value of constraint.values) {
      set.excluded.add(value);
      set.allowed?.delete(value);
    }
  }
  if (wasEmpty || set.allowed?.size !== 0) return;
  const text = code(textOf(ctx, member.span));
  report(
    ctx,
    member.span,
    'error',
    'contradiction',
    set.first === member
      ? `${text} is never true, so this can never match`
      : `No value of ${code(formatVariable(constraint.path, ctx.dialect))} satisfies both ${code(textOf(ctx, set.first.span))} and ${text}, so this can never match`,
  );
}

function valueConstraint(
  atom: FilterNode,
  dialect: FilterDialect,
): { path: string[]; values: string[] } | undefined {
  if (atom.kind !== 'binary') return;
  const { left, right } = atom;
  if (atom.op === '==' || atom.op === '!=') {
    const leftPath = variablePath(left, dialect);
    const rightPath = variablePath(right, dialect);
    if (leftPath !== undefined && right.kind === 'string') {
      return { path: leftPath, values: [right.value] };
    }
    if (rightPath !== undefined && left.kind === 'string') {
      return { path: rightPath, values: [left.value] };
    }
    return;
  }
  if (atom.op === 'in' && right.kind === 'list') {
    const path = variablePath(left, dialect);
    const values = right.items.flatMap((item) =>
      item.kind === 'string' ? [item.value] : [],
    );
    if (path !== undefined && values.length === right.items.length) {
      return { path, values };
    }
  }
  return;
}

function repeats(ctx: Context, chain: Chain): void {
  const seen = new Map<string, Member>();
  const op = chain.members[0]?.parent.op ?? '&&';
  for (const member of chain.members) {
    const key = memberKey(member.term);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, member);
      continue;
    }
    report(
      ctx,
      member.span,
      'warning',
      'redundant',
      `This repeats ${code(textOf(ctx, first.span))} in the same ${code(op)} chain, so it changes nothing`,
      {
        label: 'Remove the repeated condition',
        ...removal(ctx, member),
        insert: '',
      },
    );
  }
}

/** The operand with the operator that joins it to its sibling. */
function removal(ctx: Context, member: Member): Span {
  const { parent, span } = member;
  if (member.isLeft) {
    return { from: span.from, to: operandSpan(ctx, parent.right, parent).from };
  }
  return { from: operandSpan(ctx, parent.left, parent).to, to: span.to };
}

// --- eq-on-list and absent-claim --------------------------------------------

// Claims that identity providers commonly issue as arrays; `aud` may be
// either a string or an array (RFC 7519 §4.1.3).
const LIST_CLAIMS: ReadonlySet<string> = new Set(['groups', 'roles', 'scp']);

function visitNodes(ctx: Context, root: FilterNode): void {
  const paired = pairedComparisons(root);
  const pending: { node: FilterNode; parent?: FilterNode; negated: boolean }[] =
    [{ node: root, negated: false }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, parent, negated } = item;
    const path = claimPath(node);
    if (path !== undefined) {
      absentClaim(ctx, node, path);
      continue;
    }
    const children: FilterNode[] = [];
    switch (node.kind) {
      case 'binary':
        if ((node.op === '==' || node.op === '!=') && !paired.has(node)) {
          eqOnList(ctx, node, parent, negated);
        }
        children.push(node.left, node.right);
        break;
      case 'unary':
        children.push(node.operand);
        break;
      case 'method':
        children.push(node.target, ...node.args);
        break;
      case 'call':
        // A claim inside `has()` is expected to be absent sometimes.
        if (node.name !== 'has') children.push(...node.args);
        break;
      case 'list':
        children.push(...node.items);
        break;
      default:
        break;
    }
    const flips = node.kind === 'unary' && node.op === '!';
    for (const child of children.reverse()) {
      pending.push({ node: child, parent: node, negated: negated !== flips });
    }
  }
}

/**
 * The comparisons already joined to the membership test their fix would add:
 * `claims.aud == "kafka" || "kafka" in claims.aud`, and under `!` the
 * `claims.aud != "kafka" && !("kafka" in claims.aud)` form.
 */
function pairedComparisons(root: FilterNode): Set<FilterNode> {
  const paired = new Set<FilterNode>();
  const pending: { node: FilterNode; parentOp?: string }[] = [{ node: root }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node } = item;
    if (node.kind === 'binary') {
      if (isLogical(node) && item.parentOp !== node.op) {
        pairInChain(node, paired);
      }
      pending.push(
        { node: node.left, parentOp: node.op },
        { node: node.right, parentOp: node.op },
      );
    } else if (node.kind === 'unary') {
      pending.push({ node: node.operand });
    }
  }
  return paired;
}

function pairInChain(chain: BinaryNode, paired: Set<FilterNode>): void {
  const operands: FilterNode[] = [];
  const pending: FilterNode[] = [chain];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'binary' && node.op === chain.op) {
      pending.push(node.right, node.left);
    } else {
      operands.push(node);
    }
  }
  const isOr = chain.op === '||';
  const memberships = new Set<string>();
  for (const operand of operands) {
    // Under `&&` the partner is the negated test, `!("kafka" in claims.aud)`.
    const test = isOr
      ? operand
      : operand.kind === 'unary' && operand.op === '!'
        ? operand.operand
        : undefined;
    if (test?.kind !== 'binary' || test.op !== 'in') continue;
    const path = claimPath(test.right);
    if (path !== undefined && test.left.kind === 'string') {
      memberships.add(JSON.stringify([path, test.left.value]));
    }
  }
  for (const operand of operands) {
    if (operand.kind !== 'binary' || operand.op !== (isOr ? '==' : '!=')) {
      continue;
    }
    const comparison = claimAgainstString(operand);
    if (
      comparison?.literal.kind === 'string' &&
      memberships.has(
        JSON.stringify([comparison.path, comparison.literal.value]),
      )
    ) {
      paired.add(operand);
    }
  }
}

function absentClaim(ctx: Context, node: FilterNode, path: string[]): void {
  if (ctx.sample === undefined) return;
  const found = lookupClaim(ctx.sample, path);
  if (found.found) return;
  const claim = code(formatClaimPath(path));
  report(
    ctx,
    node,
    'warning',
    'absent-claim',
    found.reason === 'absent'
      ? `The sample token has no ${claim} claim`
      : `In the sample token ${code(formatClaimPath(found.parent))} is ${describeClaimValue(found.value)}, so it has no ${claim}`,
  );
}

/**
 * In a certificate pool, the attributes a filter names that the sample
 * certificate's subject lacks: each such condition is an error there, so
 * the sample cannot match through it.
 */
function absentAttributes(ctx: Context, root: FilterNode): void {
  if (ctx.sample === undefined) return;
  const pending: FilterNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const path = variablePath(node, ctx.dialect);
    const [attribute] = path ?? [];
    if (attribute !== undefined) {
      if (!Object.hasOwn(ctx.sample, attribute)) {
        report(
          ctx,
          node,
          'warning',
          'absent-claim',
          `The sample certificate has no ${code(attribute)}`,
        );
      }
      continue;
    }
    if (node.kind === 'binary') pending.push(node.right, node.left);
    else if (node.kind === 'unary') pending.push(node.operand);
    else if (node.kind === 'method') pending.push(node.target);
  }
}

function eqOnList(
  ctx: Context,
  node: BinaryNode,
  parent: FilterNode | undefined,
  negated: boolean,
): void {
  const comparison = claimAgainstString(node);
  if (comparison === undefined) return;
  const { claim, path, literal } = comparison;
  const membership = `${textOf(ctx, literal)} in ${textOf(ctx, claim)}`;
  const isEquals = node.op === '==';
  // A fix must keep matching every token that matched (issue 15). Where the
  // comparison lets tokens in (`==`, or `!=` under `!`), it is kept beside
  // the membership test; `||` (or `&&` under `!`) absorbs the error of the
  // side that does not apply, so a string claim fares as before. Where it
  // keeps tokens out, every array passes it today, and any rewrite that
  // tests membership shuts out those arrays, so it gets advice only.
  const join = isEquals ? '||' : '&&';
  const test = isEquals ? membership : `!(${membership})`;
  const addition = `${join} ${test}`;
  const alternative = `${textOf(ctx, node)} ${addition}`;
  const fix: LintFix | undefined =
    isEquals === negated
      ? undefined
      : {
          label: `Add ${code(addition)}`,
          from: node.from,
          to: node.to,
          insert: needsGrouping(ctx, node, parent, join)
            ? `(${alternative})`
            : alternative,
        };
  const advice =
    fix === undefined
      ? `${code(test)} would test the array's members, but no token whose claim is a string would match it`
      : `add ${code(addition)} so it works for a string and an array`;
  const label = code(formatClaimPath(path));
  const always = isEquals ? 'always false' : 'always true';

  const sample =
    ctx.sample === undefined ? undefined : lookupClaim(ctx.sample, path);
  if (sample?.found === true) {
    if (!Array.isArray(sample.value)) return;
    report(
      ctx,
      node,
      'warning',
      'eq-on-list',
      `In the sample token ${label} is an array, and an array never equals a string, so this is ${always}; ${advice}`,
      fix,
    );
    return;
  }
  const name = path.at(-1) ?? '';
  if (path.length === 1 && name === 'aud') {
    report(
      ctx,
      node,
      'info',
      'eq-on-list',
      `${label} may be a string or an array of audiences; if your tokens carry an array, this is ${always}; ${advice}`,
      fix,
    );
  } else if (LIST_CLAIMS.has(name)) {
    report(
      ctx,
      node,
      'info',
      'eq-on-list',
      `${label} is usually an array, and an array never equals a string; if it is one in your tokens, ${advice}`,
      fix,
    );
  }
}

/**
 * Whether `A <join> B` put in place of `node` needs parentheses to stay one
 * operand: not at the root, not under `join`, not already parenthesised.
 */
function needsGrouping(
  ctx: Context,
  node: FilterNode,
  parent: FilterNode | undefined,
  join: '||' | '&&',
): boolean {
  if (parent === undefined) return false;
  if (parent.kind === 'binary' && parent.op === join) return false;
  let open = node.from - 1;
  while (open >= 0 && isSpace(ctx.masked[open])) open--;
  let close = node.to;
  while (close < ctx.masked.length && isSpace(ctx.masked[close])) close++;
  return ctx.masked[open] !== '(' || ctx.masked[close] !== ')';
}

function claimAgainstString(
  node: BinaryNode,
): { claim: FilterNode; path: string[]; literal: FilterNode } | undefined {
  const leftPath = claimPath(node.left);
  if (leftPath !== undefined && node.right.kind === 'string') {
    return { claim: node.left, path: leftPath, literal: node.right };
  }
  const rightPath = claimPath(node.right);
  if (rightPath !== undefined && node.left.kind === 'string') {
    return { claim: node.right, path: rightPath, literal: node.left };
  }
  return;
}
