import type { FilterNode } from './ast.ts';
import { CLAIMS_ROOT } from './claim-path.ts';
import { KNOWN_CEL_FUNCTIONS } from './cel-functions.ts';
import { refuseOperand, report, textOf, type Walk } from './dialect-subset.ts';
import { code } from './display.ts';
import type { FilterProblem } from './problem.ts';

/**
 * What a checked node turned out to be. `unknown` means a problem inside it
 * was already reported (or its shape cannot be known), so the parent stays
 * quiet about it rather than piling a second message on the same text.
 */
type Shape =
  'condition' | 'claim' | 'claims' | 'string' | 'bool' | 'list' | 'unknown';

const STRING_METHODS: ReadonlySet<string> = new Set([
  'startsWith',
  'endsWith',
  'contains',
]);

const SUPPORTED_FUNCTIONS =
  '`has()`, `startsWith()`, `endsWith()` and `contains()`';

const NUMBERS_UNSUPPORTED =
  'Numbers are not supported in identity pool filters; compare claims with strings';

/**
 * Every place where a successfully parsed filter leaves Confluent's subset of
 * CEL, in source order. Operators are reported at the operator token, calls
 * from the function name to the closing parenthesis, anything else over the
 * whole node.
 */
export function findSubsetViolations(
  root: FilterNode,
  source: string,
): FilterProblem[] {
  const walk: Walk = { source, problems: [] };
  requireCondition(walk, root);
  return walk.problems.sort((a, b) => a.from - b.from || a.to - b.to);
}

function requireCondition(walk: Walk, node: FilterNode): void {
  const shape = shapeOf(walk, node);
  switch (shape) {
    case 'claim': {
      const text = textOf(walk, node);
      report(
        walk,
        node,
        `${code(text)} on its own is not a condition; compare it, e.g. ${code(`${text} == "…"`)}`,
      );
      return;
    }
    case 'claims':
      report(walk, node, nameAClaim());
      return;
    case 'string':
      report(
        walk,
        node,
        'A string on its own is not a condition; compare a claim with it, e.g. `claims.sub == "…"`',
      );
      return;
    case 'list':
      report(
        walk,
        node,
        'A list on its own is not a condition; test a claim against it, e.g. `claims.sub in ["a", "b"]`',
      );
      return;
  }
}

function nameAClaim(): string {
  return '`claims` on its own is not a claim; name one, e.g. `claims.sub`';
}

function shapeOf(walk: Walk, node: FilterNode): Shape {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'number':
      report(walk, node, NUMBERS_UNSUPPORTED);
      return 'unknown';
    case 'null':
      report(walk, node, '`null` is not supported in identity pool filters');
      return 'unknown';
    case 'bytes':
      report(
        walk,
        node,
        'Byte strings (`b"…"`) are not supported in identity pool filters',
      );
      return 'unknown';
    case 'ident':
      if (node.name === CLAIMS_ROOT) return 'claims';
      report(
        walk,
        node,
        `${unknownName(node.name)} (did you mean ${code(`${CLAIMS_ROOT}.${node.name}`)}?)`,
      );
      return 'unknown';
    case 'select':
    case 'index':
      return claimAccess(walk, node);
    case 'list':
      for (const item of node.items) {
        const shape = shapeOf(walk, item);
        if (shape !== 'string' && shape !== 'unknown') {
          report(
            walk,
            item,
            'A list in a filter may hold only string literals',
          );
        }
      }
      return 'list';
    case 'map':
      report(
        walk,
        node,
        'Maps (`{…}`) are not supported in identity pool filters',
      );
      return 'unknown';
    case 'call':
      return call(walk, node);
    case 'method':
      return method(walk, node);
    case 'binary':
      return binary(walk, node);
    case 'unary':
      if (node.op === '!') {
        requireCondition(walk, node.operand);
        return 'condition';
      }
      if (node.operand.kind === 'number') {
        report(walk, node, NUMBERS_UNSUPPORTED);
        return 'unknown';
      }
      report(
        walk,
        { from: node.from, to: node.from + 1 },
        'Arithmetic (`-`) is not supported in identity pool filters',
      );
      shapeOf(walk, node.operand);
      return 'unknown';
    case 'conditional':
      report(
        walk,
        node.opSpan,
        'The conditional operator `? :` is not supported in identity pool filters',
      );
      shapeOf(walk, node.test);
      shapeOf(walk, node.consequent);
      shapeOf(walk, node.alternate);
      return 'unknown';
    case 'unknown':
      report(walk, node, 'This is not supported in identity pool filters');
      return 'unknown';
  }
}

function unknownName(name: string): string {
  return `Unknown name ${code(name)}; claims are written \`${CLAIMS_ROOT}.<name>\``;
}

function claimAccess(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'select' | 'index' }>,
): Shape {
  const { target } = node;
  let targetShape: Shape;
  if (target.kind === 'ident' && target.name !== CLAIMS_ROOT) {
    report(walk, target, unknownName(target.name));
    targetShape = 'unknown';
  } else {
    targetShape = shapeOf(walk, target);
  }

  let indexIsValid = true;
  if (node.kind === 'index' && node.index.kind !== 'string') {
    report(
      walk,
      node.index,
      'Write the claim name in quotes inside `[]`, e.g. `claims["name-with-dash"]`',
    );
    indexIsValid = false;
  }

  if (targetShape === 'claims' || targetShape === 'claim') {
    return indexIsValid ? 'claim' : 'unknown';
  }
  if (targetShape !== 'unknown') {
    const access = node.kind === 'select' ? code(`.${node.field}`) : '`[…]`';
    report(
      walk,
      node,
      `${access} can only follow a claim, e.g. \`claims.a.b\``,
    );
  }
  return 'unknown';
}

function binary(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): Shape {
  switch (node.op) {
    case '&&':
    case '||':
      requireCondition(walk, node.left);
      requireCondition(walk, node.right);
      return 'condition';
    case '==':
    case '!=':
      comparison(walk, node);
      return 'condition';
    case 'in':
      membership(walk, node);
      return 'condition';
    case '<':
    case '<=':
    case '>':
    case '>=':
      report(
        walk,
        node.opSpan,
        `${code(node.op)} is not supported in identity pool filters; compare with \`==\`, \`!=\` or \`in\``,
      );
      shapeOf(walk, node.left);
      shapeOf(walk, node.right);
      return 'condition';
    default:
      report(
        walk,
        node.opSpan,
        `Arithmetic (${code(node.op)}) is not supported in identity pool filters`,
      );
      shapeOf(walk, node.left);
      shapeOf(walk, node.right);
      return 'unknown';
  }
}

/** Reports an operand that is neither a claim nor a string; returns its shape. */
function operand(walk: Walk, node: FilterNode, operator: string): Shape {
  const shape = shapeOf(walk, node);
  if (shape === 'claims') {
    report(walk, node, nameAClaim());
    return 'unknown';
  }
  return refuseOperand(walk, node, shape, operator, 'Claims')
    ? 'unknown'
    : shape;
}

function comparison(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): void {
  const left = operand(walk, node.left, node.op);
  const right = operand(walk, node.right, node.op);
  if (left === 'string' && right === 'string') {
    report(
      walk,
      node,
      `This compares two strings, so it does not depend on the token; compare a claim, e.g. \`claims.sub ${node.op} "…"\``,
    );
  }
}

function membership(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): void {
  const left = operand(walk, node.left, 'in');
  const right = shapeOf(walk, node.right);
  if (right === 'claims') {
    report(walk, node.right, nameAClaim());
  } else if (right !== 'list' && right !== 'claim' && right !== 'unknown') {
    report(
      walk,
      node.right,
      'The right side of `in` must be a list like `["a", "b"]` or an array claim like `claims.groups`',
    );
  } else if (left === 'string' && right === 'list') {
    report(
      walk,
      node,
      'This tests a string against a list, so it does not depend on the token; test a claim, e.g. `claims.sub in ["a", "b"]`',
    );
  }
}

function call(walk: Walk, node: Extract<FilterNode, { kind: 'call' }>): Shape {
  if (node.name === 'has') {
    const [argument] = node.args;
    if (node.args.length !== 1 || argument === undefined) {
      report(walk, node, '`has()` takes one claim, e.g. `has(claims.email)`');
      return 'condition';
    }
    const shape = shapeOf(walk, argument);
    if (
      shape !== 'unknown' &&
      (argument.kind !== 'select' || shape !== 'claim')
    ) {
      report(
        walk,
        argument,
        '`has()` needs a claim written with dots, e.g. `has(claims.email)`',
      );
    }
    return 'condition';
  }
  if (STRING_METHODS.has(node.name)) {
    report(
      walk,
      node,
      `${code(`${node.name}()`)} is called on a claim, e.g. ${code(`claims.sub.${node.name}("…")`)}`,
    );
    return 'condition';
  }
  report(walk, node, unsupportedFunction(node.name));
  return 'unknown';
}

function method(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'method' }>,
): Shape {
  const callSpan = { from: node.nameFrom, to: node.to };
  const shown = code(`${node.name}()`);
  if (STRING_METHODS.has(node.name)) {
    const target = shapeOf(walk, node.target);
    if (target === 'claims') {
      report(walk, node.target, nameAClaim());
    } else if (target !== 'claim' && target !== 'unknown') {
      report(
        walk,
        node.target,
        `${shown} must be called on a claim, e.g. ${code(`claims.sub.${node.name}("…")`)}`,
      );
    }
    const [argument] = node.args;
    if (node.args.length !== 1 || argument === undefined) {
      report(
        walk,
        callSpan,
        `${shown} takes one string literal, e.g. ${code(`claims.sub.${node.name}("…")`)}`,
      );
    } else {
      const shape = shapeOf(walk, argument);
      if (shape !== 'string' && shape !== 'unknown') {
        report(
          walk,
          argument,
          `The argument of ${shown} must be a string literal`,
        );
      }
    }
    return 'condition';
  }
  if (node.name === 'has') {
    report(walk, node, '`has()` is not a method; write `has(claims.<name>)`');
    return 'condition';
  }
  if (
    node.name === 'bind' &&
    node.target.kind === 'ident' &&
    node.target.name === 'cel'
  ) {
    report(
      walk,
      node,
      '`cel.bind()` is not supported in identity pool filters',
    );
    return 'unknown';
  }
  shapeOf(walk, node.target);
  report(walk, callSpan, unsupportedFunction(node.name));
  return 'unknown';
}

function unsupportedFunction(name: string): string {
  const shown = code(`${name}()`);
  return KNOWN_CEL_FUNCTIONS.has(name)
    ? `${shown} is not supported in identity pool filters`
    : `Unknown function ${shown}; identity pool filters support ${SUPPORTED_FUNCTIONS}`;
}
