import type { FilterNode } from './ast.ts';
import { code } from './display.ts';
import {
  findDialectViolations,
  report,
  rootName,
  shapeOf as shapeOfIn,
  textOf,
  unsupportedFunction,
  type CommonShape,
  type ShapeRules,
  type Walk,
} from './dialect-subset.ts';
import type { FilterProblem } from './problem.ts';

/** The one variable of a group-mapping filter: the user's SAML groups. */
export const GROUPS_VARIABLE = 'groups';

const NAME = 'group mapping';
const EXAMPLE = '`"engineering" in groups`';
const ADVICE = `test membership with \`in\`, e.g. ${EXAMPLE}`;

type Shape = 'groups' | CommonShape;

// Not CEL functions of their own, so KNOWN_CEL_FUNCTIONS leaves them out.
const STRING_METHODS: ReadonlySet<string> = new Set([
  'startsWith',
  'endsWith',
  'contains',
]);

const RULES: ShapeRules<'groups'> = {
  name: NAME,
  advice: ADVICE,
  listItem: 'A list in a filter may hold only group names in quotes',
  condition: atom,
  ident: name,
  fieldAccess,
  call: (walk, node) => report(walk, node, functionMessage(node.name)),
  method,
};

/**
 * Every place where a parsed filter leaves what group mappings accept:
 * `"name" in groups`, `true`, `false`, joined by `!`, `&&`, `||` and
 * parentheses. Confluent's docs confirm no more than that, and the identity
 * pools' subset has no list macros (`exists`), so neither does this.
 */
export function findGroupMappingViolations(
  root: FilterNode,
  source: string,
): FilterProblem[] {
  return findDialectViolations(root, source, RULES);
}

function atom(walk: Walk, node: FilterNode): void {
  if (node.kind === 'binary' && node.op === 'in') {
    membership(walk, node);
    return;
  }
  if (node.kind === 'binary' && (node.op === '==' || node.op === '!=')) {
    equality(walk, node);
    return;
  }
  const shape = shapeOf(walk, node);
  switch (shape) {
    case 'groups':
      report(walk, node, `\`groups\` on its own is not a condition; ${ADVICE}`);
      return;
    case 'string':
      report(
        walk,
        node,
        `A string on its own is not a condition; test whether the user is in that group: ${code(`${textOf(walk, node)} in groups`)}`,
      );
      return;
    case 'list':
      report(walk, node, `A list on its own is not a condition; ${ADVICE}`);
      return;
  }
}

function shapeOf(walk: Walk, node: FilterNode): Shape {
  return shapeOfIn(walk, node, RULES);
}

function name(walk: Walk, node: Extract<FilterNode, { kind: 'ident' }>): Shape {
  if (node.name === GROUPS_VARIABLE) return 'groups';
  if (node.name === 'claims') {
    report(walk, node, claimsMessage());
    return 'unknown';
  }
  const guess =
    node.name.toLowerCase() === 'group' || node.name.toLowerCase() === 'groups'
      ? ' (did you mean `groups`?)'
      : '';
  report(
    walk,
    node,
    `Unknown name ${code(node.name)}${guess}; group mapping filters read only \`groups\`, the user's SSO groups, e.g. ${EXAMPLE}`,
  );
  return 'unknown';
}

function functionMessage(functionName: string): string {
  return STRING_METHODS.has(functionName)
    ? `${code(`${functionName}()`)} is not supported in group mapping filters; ${ADVICE}`
    : unsupportedFunction(functionName, NAME, ADVICE);
}

function claimsMessage(): string {
  return `Group mapping filters use \`groups\`, not \`claims\`: write ${EXAMPLE}`;
}

function fieldAccess(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'select' | 'index' }>,
): void {
  const root = rootName(node);
  if (root === 'claims') {
    // An old SDK example wrote `claims.group`; Confluent reads `groups`.
    report(walk, node, claimsMessage());
    return;
  }
  if (root === GROUPS_VARIABLE) {
    report(
      walk,
      node,
      `\`groups\` is a list of group names and has no fields; ${ADVICE}`,
    );
    return;
  }
  shapeOf(walk, node.target);
  if (node.kind === 'index') shapeOf(walk, node.index);
}

function method(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'method' }>,
): void {
  const callSpan = { from: node.nameFrom, to: node.to };
  const target = shapeOf(walk, node.target);
  const shown = code(`${node.name}()`);
  if (target !== 'groups') {
    if (target !== 'unknown') {
      report(walk, callSpan, functionMessage(node.name));
    }
    return;
  }
  switch (node.name) {
    case 'exists':
    case 'exists_one':
    case 'all':
    case 'filter':
    case 'map':
      report(
        walk,
        node,
        `${shown} is not supported in group mapping filters; name each group instead, e.g. \`"team-a" in groups || "team-b" in groups\``,
      );
      return;
    case 'contains': {
      const [argument] = node.args;
      const suggestion =
        argument?.kind === 'string'
          ? code(`${textOf(walk, argument)} in groups`)
          : EXAMPLE;
      report(
        walk,
        node,
        `\`groups\` is a list; test whether the user is in a group with \`in\`: ${suggestion}`,
      );
      return;
    }
    default:
      report(
        walk,
        callSpan,
        `\`groups\` is a list of group names, so ${shown} does not apply to it; ${ADVICE}`,
      );
  }
}

function membership(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): void {
  const left = shapeOf(walk, node.left);
  const right = shapeOf(walk, node.right);
  if (left === 'unknown' || right === 'unknown') return;
  if (right === 'groups') {
    if (left !== 'string') {
      report(
        walk,
        node.left,
        `The left side of \`in\` is a group name in quotes, e.g. ${EXAMPLE}`,
      );
    }
    return;
  }
  if (left === 'groups' && right === 'list') {
    report(
      walk,
      node,
      'Test one group at a time: `"team-a" in groups || "team-b" in groups`',
    );
    return;
  }
  if (left === 'string' && right === 'list') {
    report(
      walk,
      node,
      `This tests a string against a list, so it does not depend on the user's groups; write ${code(`${textOf(walk, node.left)} in groups`)}`,
    );
    return;
  }
  report(
    walk,
    node.right,
    `The right side of \`in\` is \`groups\`, e.g. ${EXAMPLE}`,
  );
}

function equality(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): void {
  const left = shapeOf(walk, node.left);
  const right = shapeOf(walk, node.right);
  if (left === 'unknown' || right === 'unknown') return;
  if (left === 'groups' || right === 'groups') {
    const other = left === 'groups' ? node.right : node.left;
    const suggestion =
      other.kind === 'string'
        ? code(`${textOf(walk, other)} in groups`)
        : EXAMPLE;
    report(
      walk,
      node,
      `\`groups\` is a list of group names and never equals a string; test membership instead: ${suggestion}`,
    );
    return;
  }
  report(
    walk,
    node.opSpan,
    `${code(node.op)} does not test the user's groups; group mapping filters ${ADVICE}`,
  );
}
