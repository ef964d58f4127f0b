import type { FilterNode, Span } from './ast.ts';
import { KNOWN_CEL_FUNCTIONS } from './cel-functions.ts';
import { code } from './display.ts';
import type { FilterProblem } from './problem.ts';

/**
 * What the group-mapping and certificate-pool checks share. Both dialects
 * read variables by bare name (`groups`, `CN`) and allow only conditions
 * joined by `!`, `&&`, `||` and parentheses, so one walk handles the logic,
 * the literals and the CEL that no dialect accepts; each dialect says what
 * an atom may be and what its names, fields and calls mean. The identity
 * pools' check (`subset.ts`) walks its own way but reports through the
 * same helpers.
 */

/** The problems found so far in one filter. */
export type Walk = { source: string; problems: FilterProblem[] };

/** One dialect's rules for what sits between the logical operators. */
export type AtomRules = {
  /** "group mapping", for "… is not supported in group mapping filters". */
  name: string;
  /** Checks a node in condition position other than `!`, `&&`, `||` and `true`/`false`. */
  condition: (walk: Walk, node: FilterNode) => void;
};

/**
 * What a checked node turned out to be, besides a dialect's own shapes
 * (`groups`, `attribute`). `unknown` means a problem inside it was already
 * reported, so the parent stays quiet about it.
 */
export type CommonShape = 'string' | 'list' | 'bool' | 'condition' | 'unknown';

/** A dialect's rules for the nodes whose meaning is its own. */
export type ShapeRules<Own extends string> = AtomRules & {
  /** Ends the messages for foreign syntax: what to write instead. */
  advice: string;
  /** The message for a list item that is not a string in quotes. */
  listItem: string;
  ident: (
    walk: Walk,
    node: Extract<FilterNode, { kind: 'ident' }>,
  ) => Own | CommonShape;
  /** Reports a `.field` or `[…]`, which neither dialect accepts. */
  fieldAccess: (
    walk: Walk,
    node: Extract<FilterNode, { kind: 'select' | 'index' }>,
  ) => void;
  /** Reports a call outside condition position. */
  call: (walk: Walk, node: Extract<FilterNode, { kind: 'call' }>) => void;
  /** Reports a method call outside condition position. */
  method: (walk: Walk, node: Extract<FilterNode, { kind: 'method' }>) => void;
};

/** Checks `node` anywhere in a filter and says what it is. */
export function shapeOf<Own extends string>(
  walk: Walk,
  node: FilterNode,
  rules: ShapeRules<Own>,
): Own | CommonShape {
  const visit = (child: FilterNode) => void shapeOf(walk, child, rules);
  if (refuseForeignSyntax(walk, node, rules.name, rules.advice, visit)) {
    return 'unknown';
  }
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'ident':
      return rules.ident(walk, node);
    case 'select':
    case 'index':
      rules.fieldAccess(walk, node);
      return 'unknown';
    case 'list':
      for (const item of node.items) {
        const shape = shapeOf(walk, item, rules);
        if (shape !== 'string' && shape !== 'unknown') {
          report(walk, item, rules.listItem);
        }
      }
      return 'list';
    case 'call':
      rules.call(walk, node);
      return 'unknown';
    case 'method':
      rules.method(walk, node);
      return 'unknown';
    case 'unary':
    case 'binary':
      requireCondition(walk, node, rules);
      return 'condition';
    default:
      return 'unknown';
  }
}

/**
 * Reports an operand of `==`, `!=` or `in` whose shape can never be one:
 * `true`/`false`, a condition, a list on the left. Whether it reported.
 * `compared` names what the dialect compares ("Claims", "Attributes").
 */
export function refuseOperand(
  walk: Walk,
  node: FilterNode,
  shape: string,
  operator: string,
  compared: string,
): boolean {
  switch (shape) {
    case 'bool':
      report(
        walk,
        node,
        `${compared} are compared with strings; ${code(textOf(walk, node))} can only stand as a whole condition`,
      );
      return true;
    case 'condition':
      report(
        walk,
        node,
        `A condition cannot be an operand of ${code(operator)}; combine conditions with \`&&\` or \`||\``,
      );
      return true;
    case 'list':
      report(walk, node, 'A list can only appear on the right of `in`');
      return true;
    default:
      return false;
  }
}

/**
 * Every place where a parsed filter leaves the dialect described by
 * `rules`, in source order.
 */
export function findDialectViolations(
  root: FilterNode,
  source: string,
  rules: AtomRules,
): FilterProblem[] {
  const walk: Walk = { source, problems: [] };
  requireCondition(walk, root, rules);
  return walk.problems.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Checks `node` as a condition: logic is walked here, atoms by `rules`. */
export function requireCondition(
  walk: Walk,
  node: FilterNode,
  rules: AtomRules,
): void {
  // An explicit stack: generated filters chain hundreds of `||`.
  const pending: FilterNode[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.kind === 'bool') continue;
    if (next.kind === 'unary' && next.op === '!') {
      pending.push(next.operand);
    } else if (
      next.kind === 'binary' &&
      (next.op === '&&' || next.op === '||')
    ) {
      pending.push(next.right, next.left);
    } else {
      rules.condition(walk, next);
    }
  }
}

export function report(walk: Walk, span: Span, message: string): void {
  walk.problems.push({ from: span.from, to: span.to, message });
}

export function textOf(walk: Walk, span: Span): string {
  return walk.source.slice(span.from, span.to);
}

/**
 * Reports the CEL no dialect but the identity pool's comes near: numbers,
 * `null`, bytes, maps, `? :`, arithmetic and ordering. Returns false, having
 * reported nothing, for any other node. `advice` ends each message with
 * what to write instead.
 */
export function refuseForeignSyntax(
  walk: Walk,
  node: FilterNode,
  name: string,
  advice: string,
  visit: (node: FilterNode) => void,
): boolean {
  switch (node.kind) {
    case 'number':
      report(
        walk,
        node,
        `Numbers are not supported in ${name} filters; write the value in quotes, e.g. ${code(`"${textOf(walk, node)}"`)}`,
      );
      return true;
    case 'null':
      report(walk, node, `\`null\` is not supported in ${name} filters`);
      return true;
    case 'bytes':
      report(
        walk,
        node,
        `Byte strings (\`b"…"\`) are not supported in ${name} filters`,
      );
      return true;
    case 'map':
      report(walk, node, `Maps (\`{…}\`) are not supported in ${name} filters`);
      return true;
    case 'conditional':
      report(
        walk,
        node.opSpan,
        `The conditional operator \`? :\` is not supported in ${name} filters; ${advice}`,
      );
      visit(node.test);
      visit(node.consequent);
      visit(node.alternate);
      return true;
    case 'unknown':
      report(walk, node, `This is not supported in ${name} filters`);
      return true;
    case 'unary':
      if (node.op === '!') return false;
      report(
        walk,
        { from: node.from, to: node.from + 1 },
        node.operand.kind === 'number'
          ? `Numbers are not supported in ${name} filters`
          : `Arithmetic (\`-\`) is not supported in ${name} filters`,
      );
      if (node.operand.kind !== 'number') visit(node.operand);
      return true;
    case 'binary':
      switch (node.op) {
        case '<':
        case '<=':
        case '>':
        case '>=':
          report(
            walk,
            node.opSpan,
            `${code(node.op)} is not supported in ${name} filters; ${advice}`,
          );
          break;
        case '+':
        case '-':
        case '*':
        case '/':
        case '%':
          report(
            walk,
            node.opSpan,
            `Arithmetic (${code(node.op)}) is not supported in ${name} filters; ${advice}`,
          );
          break;
        default:
          return false;
      }
      visit(node.left);
      visit(node.right);
      return true;
    default:
      return false;
  }
}

/**
 * "`size()` is not supported in … filters", or for a name CEL does not know
 * at all, that it is unknown; either way followed by `advice`.
 */
export function unsupportedFunction(
  name: string,
  dialectName: string,
  advice: string,
): string {
  const shown = code(`${name}()`);
  // `has()` is CEL's; only identity pools support it, so the set leaves it out.
  return KNOWN_CEL_FUNCTIONS.has(name) || name === 'has'
    ? `${shown} is not supported in ${dialectName} filters; ${advice}`
    : `Unknown function ${shown}; ${advice}`;
}

/** The bare name a `.field` / `[…]` chain starts from, if it starts from one. */
export function rootName(node: FilterNode): string | undefined {
  let current = node;
  while (current.kind === 'select' || current.kind === 'index') {
    current = current.target;
  }
  return current.kind === 'ident' ? current.name : undefined;
}
