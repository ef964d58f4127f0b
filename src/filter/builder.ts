import { parseFilterAst } from './ast.ts';
import type { FilterNode } from './ast.ts';
import { checkFilter, isEmptyFilter } from './check.ts';
import { CLAIMS_ROOT } from './claim-path.ts';
import {
  CERTIFICATE_ATTRIBUTES,
  DEFAULT_DIALECT,
  DIALECTS,
  isCertificateAttribute,
  type FilterDialect,
} from './dialect.ts';
import { code } from './display.ts';
import { GROUPS_VARIABLE } from './group-mapping-subset.ts';
import { maskSource } from './source-mask.ts';
import { variablePath } from './variables.ts';

/**
 * What a builder row tests. Each positive operator has a negated twin, so
 * every condition the builder shows can also be shown negated:
 *
 * | operator             | filter text                        |
 * |----------------------|------------------------------------|
 * | `equals`             | `claims.x == "v"`                  |
 * | `not-equals`         | `claims.x != "v"`                  |
 * | `in`                 | `claims.x in ["a", "b"]`           |
 * | `not-in`             | `!(claims.x in ["a", "b"])`        |
 * | `contains-value`     | `"v" in claims.x` (an array claim) |
 * | `not-contains-value` | `!("v" in claims.x)`               |
 * | `starts-with`        | `claims.x.startsWith("v")`         |
 * | `not-starts-with`    | `!claims.x.startsWith("v")`        |
 * | `ends-with`          | `claims.x.endsWith("v")`           |
 * | `not-ends-with`      | `!claims.x.endsWith("v")`          |
 * | `contains`           | `claims.x.contains("v")`           |
 * | `not-contains`       | `!claims.x.contains("v")`          |
 * | `present`            | `has(claims.x)`                    |
 * | `absent`             | `!has(claims.x)`                   |
 */
export type BuilderOperator =
  | 'equals'
  | 'not-equals'
  | 'in'
  | 'not-in'
  | 'contains-value'
  | 'not-contains-value'
  | 'starts-with'
  | 'not-starts-with'
  | 'ends-with'
  | 'not-ends-with'
  | 'contains'
  | 'not-contains'
  | 'present'
  | 'absent';

/**
 * Every {@link BuilderOperator}, positive and negated twins side by side:
 * the operators of an identity pool's builder.
 */
export const BUILDER_OPERATORS: readonly BuilderOperator[] = [
  'equals',
  'not-equals',
  'in',
  'not-in',
  'contains-value',
  'not-contains-value',
  'starts-with',
  'not-starts-with',
  'ends-with',
  'not-ends-with',
  'contains',
  'not-contains',
  'present',
  'absent',
];

/**
 * One builder row.
 *
 * In a group mapping `claim` is always `groups` and the operator
 * `contains-value` ("member of group `value`") or `not-contains-value`; in
 * a certificate pool `claim` is a subject attribute (`CN`, `OU`…). In an
 * identity pool `claim` is the claim's name as a person types it, without
 * `claims.`:
 * - `sub`, or `ext.uid` for a nested claim (a dotted path of identifiers);
 * - any other text is one claim name, so `https://example.com/roles` and
 *   `tenant-id` need no quoting;
 * - brackets with a quoted name spell a path whose parts are not
 *   identifiers: `ext["tenant-id"]`, `["a.b"].c`.
 *
 * See {@link claimNameToPath}. `value` is a list for `in` / `not-in`, `''`
 * for `present` / `absent` and one string otherwise (see
 * {@link builderValueKind}).
 */
export type BuilderCondition = {
  kind: 'condition';
  claim: string;
  operator: BuilderOperator;
  value: string | string[];
};

/** Conditions joined by `&&` (`all`) or `||` (`any`), possibly nested. */
export type BuilderGroup = {
  kind: 'group';
  join: 'all' | 'any';
  items: BuilderItem[];
};

/** A row or a nested group. */
export type BuilderItem = BuilderCondition | BuilderGroup;

/** The outcome of {@link filterToBuilder}. */
export type FilterToBuilderResult =
  | {
      ok: true;
      model: BuilderGroup;
      /**
       * `builderToFilter(model)`. When it differs from the source, switching
       * to the builder reformats the filter (same meaning, different text),
       * and the editor should say so first.
       */
      canonical: string;
    }
  | { ok: false; reason: string };

/** A problem with one builder item; see {@link validateBuilder}. */
export type BuilderProblem = { path: number[]; message: string };

/** What a {@link BuilderCondition}'s `value` holds for an operator. */
export type BuilderValueKind = 'single' | 'list' | 'none';

// cel-js and cel-go lex exactly these four as keywords, so `claims.in` does
// not parse; CEL's other reserved words are accepted as field names.
const KEYWORDS: ReadonlySet<string> = new Set(['in', 'true', 'false', 'null']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

// Characters that are invisible or confusable on screen (controls, format
// characters such as bidi overrides, line separators, spaces other than
// U+0020). Printing them escaped keeps a security filter readable.
const NEEDS_ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

const MAX_GROUP_DEPTH = 32;

// Group mappings test membership only; certificate pools have no `has()`
// and no list-valued attributes.
const GROUP_MAPPING_OPERATORS: readonly BuilderOperator[] = [
  'contains-value',
  'not-contains-value',
];

const CERTIFICATE_OPERATORS: readonly BuilderOperator[] = [
  'equals',
  'not-equals',
  'in',
  'not-in',
  'starts-with',
  'not-starts-with',
  'ends-with',
  'not-ends-with',
  'contains',
  'not-contains',
];

/** The operators a builder row may use in `dialect`, in display order. */
export function builderOperators(
  dialect: FilterDialect = DEFAULT_DIALECT,
): readonly BuilderOperator[] {
  switch (dialect) {
    case 'identity-pool':
      return BUILDER_OPERATORS;
    case 'group-mapping':
      return GROUP_MAPPING_OPERATORS;
    case 'certificate-pool':
      return CERTIFICATE_OPERATORS;
  }
}

/** Whether `operator` takes one string, a list of strings or no value. */
export function builderValueKind(operator: BuilderOperator): BuilderValueKind {
  switch (operator) {
    case 'in':
    case 'not-in':
      return 'list';
    case 'present':
    case 'absent':
      return 'none';
    default:
      return 'single';
  }
}

/** A builder with one empty row, the starting point for a new filter. */
export function emptyBuilder(
  dialect: FilterDialect = DEFAULT_DIALECT,
): BuilderGroup {
  return { kind: 'group', join: 'all', items: [emptyCondition(dialect)] };
}

/** A row with nothing filled in but what the dialect fixes or suggests. */
export function emptyCondition(
  dialect: FilterDialect = DEFAULT_DIALECT,
): BuilderCondition {
  switch (dialect) {
    case 'identity-pool':
      return { kind: 'condition', claim: '', operator: 'equals', value: '' };
    case 'group-mapping':
      return {
        kind: 'condition',
        claim: GROUPS_VARIABLE,
        operator: 'contains-value',
        value: '',
      };
    case 'certificate-pool':
      // The client's identity: the attribute a pool most needs.
      return { kind: 'condition', claim: 'CN', operator: 'equals', value: '' };
  }
}

/**
 * The path a builder claim name stands for (see {@link BuilderCondition}):
 * `ext.uid` → `['ext', 'uid']`, `ext["tenant-id"]` → `['ext', 'tenant-id']`,
 * `https://example.com/roles` → `['https://example.com/roles']`. Text that
 * is neither a dotted path of identifiers nor a well-formed bracket path is
 * one name, so every string has a meaning. Never throws.
 */
export function claimNameToPath(name: string): string[] {
  if (NAME_PATH.test(name)) return name.split('.');
  return bracketPath(name) ?? [name];
}

/**
 * The claim name a person would type for `path`, the inverse of
 * {@link claimNameToPath}: identifiers joined by dots, a single other name
 * as it is, and brackets only where a part would otherwise be misread.
 * Never throws.
 */
export function claimNameFromPath(path: readonly string[]): string {
  const [first] = path;
  if (first === undefined) return '';
  if (path.length === 1 && isBareName(first)) return first;
  let name = '';
  path.forEach((part, i) => {
    // A leading `claims` part is bracketed so that validateBuilder's
    // "leave out `claims.`" hint never fires on a real claim of that name.
    const plain = NAME.test(part) && !(i === 0 && part === CLAIMS_ROOT);
    if (plain) name += i === 0 ? part : `.${part}`;
    else name += `[${celString(part)}]`;
  });
  return name;
}

/**
 * Prints a builder model as canonical filter text, which passes
 * `checkFilter` whenever {@link validateBuilder} finds no problem:
 * double-quoted strings, `claims.a.b` for identifiers and `claims["x-y"]`
 * otherwise, ` && ` / ` || ` joins, and parentheses only where precedence
 * needs them (an `any` group inside an `all` group).
 *
 * - An empty top-level group prints as `true`: a builder with no rows
 *   admits every token from the provider.
 * - Empty nested groups add nothing and are left out; a group with one
 *   item prints as that item, and a nested group with the same join as its
 *   parent prints without parentheses. Reading the text back therefore
 *   gives a flatter model, but the same text.
 * - A value of the wrong shape is coerced, not refused: a list for a
 *   single-value operator uses its first item, a string for `in` becomes a
 *   one-item list (none if empty); validateBuilder reports both.
 *
 * Never throws; a model too deep to print (or containing itself) gives
 * `''`, which checkFilter rejects as empty (in a certificate pool, where
 * empty is valid, it matches nothing rather than too much).
 *
 * In a group mapping a row prints as `"v" in groups` (or its negation), in a
 * certificate pool as `CN == "v"` and so on, with the attribute as written.
 */
export function builderToFilter(
  model: BuilderGroup,
  dialect: FilterDialect = DEFAULT_DIALECT,
): string {
  try {
    const printed = printGroup(model, dialect);
    return printed.precedence === 'empty' ? 'true' : printed.text;
  } catch {
    return '';
  }
}

/**
 * Reads filter text into a builder model, or says why it cannot be shown
 * in the builder. Never rewrites meaning: anything the builder cannot hold
 * is refused, not approximated.
 *
 * Accepted: `true` (an empty group); `&&` / `||` trees, where a change of
 * operator becomes a nested group; and leaves that are one
 * {@link BuilderOperator}, including the negated spellings `!(… == …)`,
 * `!(… in …)`, `!claims.x.startsWith(…)` and `!has(…)`.
 *
 * Normalised (same meaning, different text; `canonical` shows the result):
 * whitespace, quote style and string escapes, redundant parentheses, trailing
 * commas in lists, `claims["sub"]` → `claims.sub`, `"v" == claims.x` →
 * `claims.x == "v"` (equality is symmetric), `!(claims.x == "v")` →
 * `claims.x != "v"`, and nested `&&` (or `||`) chains flattened into one
 * group.
 *
 * Refused: invalid filters (the first problem checkFilter reports),
 * comments, `false`, `true` inside a larger filter, claim-to-claim
 * comparisons, `!` over a group, and double negations such as
 * `!(claims.x != "v")` or `!!has(claims.x)`. Never throws.
 *
 * Other dialects read the same way with their own operators (see
 * {@link builderOperators}); an empty certificate-pool filter, valid but
 * matching nothing, is refused, since an empty builder stands for `true`.
 */
export function filterToBuilder(
  source: string,
  dialect: FilterDialect = DEFAULT_DIALECT,
): FilterToBuilderResult {
  try {
    const first = readFilter(source, dialect);
    if (!first.ok) return first;
    // A bug in the printer must not pass a changed filter off as the same
    // one: the canonical text has to read back to itself.
    const again = readFilter(first.canonical, dialect);
    if (!again.ok || again.canonical !== first.canonical) {
      return { ok: false, reason: 'The builder cannot show this filter' };
    }
    return first;
  } catch {
    return { ok: false, reason: 'The builder cannot show this filter' };
  }
}

/**
 * Whether `source` is already exactly what the builder would write, so that
 * switching to the builder and back changes nothing. False for text the
 * builder cannot show. Never throws.
 */
export function isCanonical(
  source: string,
  dialect: FilterDialect = DEFAULT_DIALECT,
): boolean {
  const result = filterToBuilder(source, dialect);
  return result.ok && result.canonical === source;
}

/**
 * Problems that stop a builder model from being a sensible filter, each with
 * the path of item indexes from the top group to the item (`[]` is the top
 * group, `[1, 0]` the first item of the second item). Checks for: an empty,
 * space-padded or `claims.`-prefixed claim name, a malformed bracket name,
 * empty parts between dots, `has()` on a name it cannot take, a missing or
 * wrongly shaped value, empty lists and list items, lone UTF-16 surrogates,
 * empty nested groups and groups nested too deeply. Never throws.
 *
 * In a group mapping a row must test `groups` for membership; in a
 * certificate pool its claim must be a subject attribute (case-sensitive)
 * and its operator one of {@link builderOperators}.
 */
export function validateBuilder(
  model: BuilderGroup,
  dialect: FilterDialect = DEFAULT_DIALECT,
): BuilderProblem[] {
  const problems: BuilderProblem[] = [];
  try {
    validateGroup(model, [], new Set(), problems, dialect);
  } catch {
    problems.push({ path: [], message: 'The builder is malformed' });
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Claim names

/** Parses `first(.name | ["…"])*` where first is a name or `["…"]`. */
function bracketPath(name: string): string[] | undefined {
  if (!name.includes('[')) return;
  const path: string[] = [];
  let i = 0;
  while (i < name.length) {
    if (name[i] === '[') {
      const end = stringLiteralEnd(name, i + 1);
      if (end === undefined || name[end] !== ']') return;
      const value = decodeString(name.slice(i + 1, end));
      if (value === undefined) return;
      path.push(value);
      i = end + 1;
      continue;
    }
    if (path.length > 0) {
      if (name[i] !== '.') return;
      i += 1;
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(name.slice(i));
    if (!match) return;
    path.push(match[0]);
    i += match[0].length;
  }
  return path;
}

/** The index just past the string literal starting at `open`, if any. */
function stringLiteralEnd(text: string, open: number): number | undefined {
  const quote = text[open];
  if (quote !== '"' && quote !== "'") return;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return;
}

function decodeString(literal: string): string | undefined {
  const parsed = parseFilterAst(literal);
  if (!parsed.ok || parsed.root.kind !== 'string') return;
  return parsed.root.value;
}

/** Whether a one-part path may be written without brackets. */
function isBareName(part: string): boolean {
  const path = claimNameToPath(part);
  return (
    path.length === 1 &&
    path[0] === part &&
    !hasInvisible(part) &&
    claimNameProblem(part) === undefined
  );
}

function hasInvisible(text: string): boolean {
  for (const ch of text) {
    if (ch !== ' ' && NEEDS_ESCAPE.test(ch)) return true;
  }
  return false;
}

/** The claim reference in CEL, e.g. `claims.ext.uid`, `claims["x-y"]`. */
function claimReference(path: readonly string[]): string {
  let text = CLAIMS_ROOT;
  for (const part of path) {
    text += isCelIdentifier(part) ? `.${part}` : `[${celString(part)}]`;
  }
  return text;
}

function isCelIdentifier(part: string): boolean {
  return NAME.test(part) && !KEYWORDS.has(part);
}

// ---------------------------------------------------------------------------
// Printing

/**
 * A double-quoted CEL string for `value`: `"` and `\` escaped, `\n`, `\r`
 * and `\t` by name, other invisible characters as `\uXXXX` / `\UXXXXXXXX`.
 * A lone surrogate is left as it is, since CEL has no escape for it;
 * validateBuilder reports it.
 */
function celString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NEEDS_ESCAPE.test(ch)) out += unicodeEscape(ch);
    else out += ch;
  }
  return `${out}"`;
}

function unicodeEscape(ch: string): string {
  const point = ch.codePointAt(0) ?? 0;
  return point > 0xffff
    ? `\\U${point.toString(16).padStart(8, '0')}`
    : `\\u${point.toString(16).padStart(4, '0')}`;
}

/** Printed text and the loosest operator at its top level. */
type Printed = { text: string; precedence: 'empty' | 'atom' | 'all' | 'any' };

function printGroup(group: BuilderGroup, dialect: FilterDialect): Printed {
  const join = group.join === 'any' ? 'any' : 'all';
  const parts: Printed[] = [];
  for (const item of group.items) {
    const printed =
      item.kind === 'group'
        ? printGroup(item, dialect)
        : { text: printCondition(item, dialect), precedence: 'atom' as const };
    if (printed.precedence !== 'empty') parts.push(printed);
  }
  const [only] = parts;
  if (only === undefined) return { text: '', precedence: 'empty' };
  if (parts.length === 1) return only;
  const texts = parts.map((part) =>
    // `&&` binds tighter than `||`, so only an `||` inside `&&` needs them.
    join === 'all' && part.precedence === 'any' ? `(${part.text})` : part.text,
  );
  return {
    text: texts.join(join === 'all' ? ' && ' : ' || '),
    precedence: join,
  };
}

/** The variable a row tests, as the filter writes it. */
function variableReference(claim: string, dialect: FilterDialect): string {
  switch (dialect) {
    case 'identity-pool':
      return claimReference(claimNameToPath(claim));
    case 'group-mapping':
      return GROUPS_VARIABLE;
    case 'certificate-pool':
      // validateBuilder refuses anything but an attribute's keyword.
      return claim;
  }
}

function printCondition(
  condition: BuilderCondition,
  dialect: FilterDialect,
): string {
  const claim = variableReference(condition.claim, dialect);
  const value = celString(singleValue(condition.value));
  switch (condition.operator) {
    case 'not-equals':
      return `${claim} != ${value}`;
    case 'in':
      return `${claim} in ${celList(condition.value)}`;
    case 'not-in':
      return `!(${claim} in ${celList(condition.value)})`;
    case 'contains-value':
      return `${value} in ${claim}`;
    case 'not-contains-value':
      return `!(${value} in ${claim})`;
    case 'starts-with':
      return `${claim}.startsWith(${value})`;
    case 'not-starts-with':
      return `!${claim}.startsWith(${value})`;
    case 'ends-with':
      return `${claim}.endsWith(${value})`;
    case 'not-ends-with':
      return `!${claim}.endsWith(${value})`;
    case 'contains':
      return `${claim}.contains(${value})`;
    case 'not-contains':
      return `!${claim}.contains(${value})`;
    case 'present':
      return `has(${claim})`;
    case 'absent':
      return `!has(${claim})`;
    default:
      // `equals`, and any operator a caller invented at runtime, which
      // validateBuilder reports.
      return `${claim} == ${value}`;
  }
}

function singleValue(value: string | string[]): string {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? String(value[0] ?? '') : '';
}

function celList(value: string | string[]): string {
  const items =
    typeof value === 'string' ? (value === '' ? [] : [value]) : value;
  return `[${items.map((item) => celString(String(item))).join(', ')}]`;
}

// ---------------------------------------------------------------------------
// Reading

class Unrepresentable extends Error {}

function refuse(reason: string): never {
  throw new Unrepresentable(reason);
}

/** How a dialect's variables read back into a row's `claim`. */
type Reading = { dialect: FilterDialect; source: string };

function readFilter(
  source: string,
  dialect: FilterDialect,
): FilterToBuilderResult {
  const check = checkFilter(source, dialect);
  if (!check.valid) {
    const [first] = check.errors;
    return { ok: false, reason: first?.message ?? 'The filter is not valid' };
  }
  if (isEmptyFilter(source)) {
    return {
      ok: false,
      reason: `${DIALECTS[dialect].emptyMessage}, and the builder has no rows for that`,
    };
  }
  if (hasComment(source)) {
    return {
      ok: false,
      reason:
        'The filter has a comment, which the builder cannot keep; remove it to switch',
    };
  }
  const parsed = parseFilterAst(source);
  if (!parsed.ok) return { ok: false, reason: 'The filter is not valid' };
  try {
    const model = readRoot(parsed.root, { dialect, source });
    return { ok: true, model, canonical: builderToFilter(model, dialect) };
  } catch (error) {
    if (error instanceof Unrepresentable) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

function hasComment(source: string): boolean {
  // maskSource turns comments (and only comments) into runs of spaces and
  // keeps everything else outside strings as it is.
  const masked = maskSource(source);
  for (let i = 0; i < source.length; i++) {
    if (masked[i] === ' ' && source[i] !== ' ') return true;
  }
  return false;
}

function readRoot(root: FilterNode, reading: Reading): BuilderGroup {
  if (root.kind === 'bool' && root.value) {
    return { kind: 'group', join: 'all', items: [] };
  }
  if (isJoin(root)) return readGroup(root, reading);
  return { kind: 'group', join: 'all', items: [readCondition(root, reading)] };
}

function isJoin(
  node: FilterNode,
): node is Extract<FilterNode, { kind: 'binary' }> {
  return node.kind === 'binary' && (node.op === '&&' || node.op === '||');
}

function readGroup(
  node: Extract<FilterNode, { kind: 'binary' }>,
  reading: Reading,
): BuilderGroup {
  const operands: FilterNode[] = [];
  collectOperands(node, node.op, operands);
  return {
    kind: 'group',
    join: node.op === '&&' ? 'all' : 'any',
    items: operands.map((operand) =>
      isJoin(operand)
        ? readGroup(operand, reading)
        : readCondition(operand, reading),
    ),
  };
}

/** Flattens a chain of one operator; `&&` and `||` are associative in CEL. */
function collectOperands(
  node: FilterNode,
  op: string,
  out: FilterNode[],
): void {
  if (node.kind === 'binary' && node.op === op) {
    collectOperands(node.left, op, out);
    collectOperands(node.right, op, out);
  } else {
    out.push(node);
  }
}

function readCondition(node: FilterNode, reading: Reading): BuilderCondition {
  const text = reading.source.slice(node.from, node.to);
  if (node.kind === 'bool') {
    refuse(
      node.value
        ? `A \`true\` inside a larger filter has no builder row; remove it`
        : '`false` matches no token and has no builder row',
    );
  }
  if (node.kind === 'unary' && node.op === '!') {
    return readNegated(node.operand, text, reading);
  }
  const condition = readPositive(node, text, reading.dialect);
  if (condition === undefined) refuse(`${code(text)} has no builder row`);
  return condition;
}

function readNegated(
  operand: FilterNode,
  text: string,
  reading: Reading,
): BuilderCondition {
  if (
    (operand.kind === 'unary' && operand.op === '!') ||
    (operand.kind === 'binary' && operand.op === '!=')
  ) {
    refuse(
      `A double negation (${code(text)}) has no builder row; write the condition without it`,
    );
  }
  if (isJoin(operand)) {
    refuse(
      `Negating a group of conditions (${code(text)}) has no builder row; the builder negates single conditions only`,
    );
  }
  if (operand.kind === 'bool') {
    refuse(`${code(text)} is a constant and has no builder row`);
  }
  const inner = reading.source.slice(operand.from, operand.to);
  const positive = readPositive(operand, inner, reading.dialect);
  if (positive === undefined) refuse(`${code(text)} has no builder row`);
  return { ...positive, operator: NEGATED[positive.operator] };
}

// Only positive operators come out of readPositive, and `!=` is refused
// under `!` before this table is used.
const NEGATED: Record<BuilderOperator, BuilderOperator> = {
  equals: 'not-equals',
  'not-equals': 'equals',
  in: 'not-in',
  'not-in': 'in',
  'contains-value': 'not-contains-value',
  'not-contains-value': 'contains-value',
  'starts-with': 'not-starts-with',
  'not-starts-with': 'starts-with',
  'ends-with': 'not-ends-with',
  'not-ends-with': 'ends-with',
  contains: 'not-contains',
  'not-contains': 'contains',
  present: 'absent',
  absent: 'present',
};

const METHOD_OPERATORS: Record<string, BuilderOperator> = {
  startsWith: 'starts-with',
  endsWith: 'ends-with',
  contains: 'contains',
};

/** A leaf without a leading `!`, or undefined if it is no builder row. */
function readPositive(
  node: FilterNode,
  text: string,
  dialect: FilterDialect,
): BuilderCondition | undefined {
  const pathOf = (operand: FilterNode) => variablePath(operand, dialect);
  const condition = (
    path: string[],
    operator: BuilderOperator,
    value: string | string[],
  ) => row(path, operator, value, dialect);
  if (node.kind === 'binary' && (node.op === '==' || node.op === '!=')) {
    const operator = node.op === '==' ? 'equals' : 'not-equals';
    const left = pathOf(node.left);
    const right = pathOf(node.right);
    if (left && right) {
      refuse(`Comparing two claims (${code(text)}) has no builder row`);
    }
    if (left && node.right.kind === 'string') {
      return condition(left, operator, node.right.value);
    }
    if (right && node.left.kind === 'string') {
      return condition(right, operator, node.left.value);
    }
    return;
  }
  if (node.kind === 'binary' && node.op === 'in') {
    const left = pathOf(node.left);
    const right = pathOf(node.right);
    if (left && right) {
      refuse(
        `Testing a claim against another claim (${code(text)}) has no builder row`,
      );
    }
    if (left && node.right.kind === 'list') {
      const values: string[] = [];
      for (const item of node.right.items) {
        if (item.kind !== 'string') return;
        values.push(item.value);
      }
      return condition(left, 'in', values);
    }
    if (right && node.left.kind === 'string') {
      return condition(right, 'contains-value', node.left.value);
    }
    return;
  }
  if (node.kind === 'method') {
    const operator = METHOD_OPERATORS[node.name];
    const path = pathOf(node.target);
    const [argument] = node.args;
    if (
      operator === undefined ||
      path === undefined ||
      node.args.length !== 1 ||
      argument?.kind !== 'string'
    ) {
      return;
    }
    return condition(path, operator, argument.value);
  }
  if (node.kind === 'call' && node.name === 'has' && node.args.length === 1) {
    const [argument] = node.args;
    const path = argument && pathOf(argument);
    return path && condition(path, 'present', '');
  }
  return;
}

function row(
  path: string[],
  operator: BuilderOperator,
  value: string | string[],
  dialect: FilterDialect,
): BuilderCondition {
  const claim =
    dialect === 'identity-pool' ? claimNameFromPath(path) : path.join('.');
  return { kind: 'condition', claim, operator, value };
}

// ---------------------------------------------------------------------------
// Validation

function validateGroup(
  group: BuilderGroup,
  path: number[],
  open: Set<BuilderGroup>,
  problems: BuilderProblem[],
  dialect: FilterDialect,
): void {
  if (open.has(group)) {
    problems.push({ path, message: 'This group contains itself' });
    return;
  }
  if (path.length > MAX_GROUP_DEPTH) {
    problems.push({
      path,
      message: `Groups are nested more than ${MAX_GROUP_DEPTH} deep; flatten them`,
    });
    return;
  }
  if (group.join !== 'all' && group.join !== 'any') {
    problems.push({ path, message: 'Choose whether all or any must match' });
  }
  if (!Array.isArray(group.items)) {
    problems.push({ path, message: 'The builder is malformed' });
    return;
  }
  if (path.length > 0 && group.items.length === 0) {
    problems.push({ path, message: 'This group has no conditions' });
  }
  open.add(group);
  group.items.forEach((item, i) => {
    const itemPath = [...path, i];
    if (item?.kind === 'group') {
      validateGroup(item, itemPath, open, problems, dialect);
    } else if (item?.kind === 'condition') {
      for (const message of conditionProblems(item, dialect)) {
        problems.push({ path: itemPath, message });
      }
    } else {
      problems.push({
        path: itemPath,
        message: 'This item is neither a condition nor a group',
      });
    }
  });
  open.delete(group);
}

function conditionProblems(
  condition: BuilderCondition,
  dialect: FilterDialect,
): string[] {
  const messages: string[] = [];
  const claim = typeof condition.claim === 'string' ? condition.claim : '';
  const claimProblem = variableProblem(claim, dialect);
  if (claimProblem !== undefined) messages.push(claimProblem);

  if (!builderOperators(dialect).includes(condition.operator)) {
    messages.push(
      dialect === 'group-mapping'
        ? 'Choose whether the user must or must not be a member of the group'
        : 'Choose an operator',
    );
    return messages;
  }
  const kind = builderValueKind(condition.operator);
  if (kind === 'none') {
    const last = claimNameToPath(claim).at(-1);
    if (claimProblem === undefined && !isCelIdentifier(last ?? '')) {
      messages.push(
        'Presence can only be tested for a claim whose name (its last part) is letters, digits and `_`; `has()` takes no other names',
      );
    }
    return messages;
  }
  const valueProblem =
    kind === 'list'
      ? listProblem(condition.value)
      : singleProblem(condition.value);
  if (valueProblem !== undefined) messages.push(valueProblem);
  return messages;
}

/** What is wrong with a row's variable in `dialect`, if anything. */
function variableProblem(
  claim: string,
  dialect: FilterDialect,
): string | undefined {
  switch (dialect) {
    case 'identity-pool':
      return claimNameProblem(claim);
    case 'group-mapping':
      return claim === GROUPS_VARIABLE
        ? undefined
        : 'Group mapping conditions test the user’s `groups`';
    case 'certificate-pool':
      return attributeProblem(claim);
  }
}

function attributeProblem(claim: string): string | undefined {
  if (isCertificateAttribute(claim)) return;
  if (claim.trim() === '') return 'Choose a subject attribute, e.g. `CN`';
  const sameLetters = CERTIFICATE_ATTRIBUTES.find(
    (attribute) => attribute.toLowerCase() === claim.trim().toLowerCase(),
  );
  if (sameLetters !== undefined) {
    return `Attribute names are case-sensitive: write \`${sameLetters}\``;
  }
  return `Choose one of the subject attributes ${CERTIFICATE_ATTRIBUTES.join(', ')}`;
}

/** What is wrong with a claim name as typed, if anything. */
function claimNameProblem(claim: string): string | undefined {
  if (claim.trim() === '') return 'Enter a claim name, e.g. `sub`';
  if (claim !== claim.trim()) {
    return 'The claim name starts or ends with a space; remove it, or write the name as `[" … "]` if the space is part of it';
  }
  if (
    claim.startsWith(`${CLAIMS_ROOT}.`) ||
    claim.startsWith(`${CLAIMS_ROOT}[`)
  ) {
    return 'Leave out `claims.`: write `sub`, not `claims.sub`';
  }
  const path = claimNameToPath(claim);
  const isOneName = path.length === 1 && path[0] === claim;
  if (isOneName && claim.startsWith('[')) {
    return 'Write the claim name in quotes inside the brackets, e.g. `["https://example.com/roles"]`';
  }
  if (
    isOneName &&
    (claim.startsWith('.') || claim.endsWith('.') || claim.includes('..'))
  ) {
    return 'The claim name has an empty part between dots; write it as `["…"]` if that is its exact spelling';
  }
  if (path.some((part) => LONE_SURROGATE.test(part))) {
    return 'The claim name contains a broken character (a lone UTF-16 surrogate)';
  }
  return;
}

function singleProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return 'This operator takes one value, not a list';
  }
  if (value === '') return 'Enter a value';
  if (LONE_SURROGATE.test(value)) {
    return 'The value contains a broken character (a lone UTF-16 surrogate)';
  }
  return;
}

function listProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'This operator takes a list of values';
  if (value.length === 0) return 'Add at least one value';
  if (value.some((item) => typeof item !== 'string' || item === '')) {
    return 'The list has an empty value';
  }
  if (value.some((item: string) => LONE_SURROGATE.test(item))) {
    return 'A value in the list contains a broken character (a lone UTF-16 surrogate)';
  }
  return;
}
