import type { FilterNode } from './ast.ts';
import {
  CERTIFICATE_ATTRIBUTES,
  isCertificateAttribute,
  type CertificateAttribute,
} from './dialect.ts';
import {
  findDialectViolations,
  refuseOperand,
  report,
  rootName,
  shapeOf as shapeOfIn,
  textOf,
  unsupportedFunction,
  type CommonShape,
  type ShapeRules,
  type Walk,
} from './dialect-subset.ts';
import { code } from './display.ts';
import type { FilterProblem } from './problem.ts';

const NAME = 'certificate pool';

const ATTRIBUTE_LIST = `${CERTIFICATE_ATTRIBUTES.slice(0, -1)
  .map((attribute) => `\`${attribute}\``)
  .join(', ')} and \`${CERTIFICATE_ATTRIBUTES.at(-1) ?? ''}\``;

const ALLOWED =
  'compare a subject attribute with `==`, `!=`, `in ["…"]`, `.startsWith("…")`, `.endsWith("…")` or `.contains("…")`';

const STRING_METHODS: ReadonlySet<string> = new Set([
  'startsWith',
  'endsWith',
  'contains',
]);

// The long names of the attributes (RFC 4519), and the lower-case spellings
// people carry over from OpenSSL's output: each points at the keyword.
const ATTRIBUTE_ALIASES: Readonly<Record<string, CertificateAttribute>> = {
  commonName: 'CN',
  localityName: 'L',
  stateOrProvinceName: 'ST',
  organizationName: 'O',
  organisationName: 'O',
  organizationalUnitName: 'OU',
  organisationalUnitName: 'OU',
  countryName: 'C',
  streetAddress: 'STREET',
  domainComponent: 'DC',
  userId: 'UID',
};

type Shape = 'attribute' | CommonShape;

const RULES: ShapeRules<'attribute'> = {
  name: NAME,
  advice: ALLOWED,
  listItem: 'A list in a filter may hold only strings in quotes',
  condition: atom,
  ident: name,
  fieldAccess,
  call: (walk, node) => {
    report(walk, node, callMessage(node.name));
    for (const argument of node.args) shapeOf(walk, argument);
  },
  method: (walk, node) => {
    shapeOf(walk, node.target);
    report(
      walk,
      { from: node.nameFrom, to: node.to },
      unsupportedFunction(node.name, NAME, ALLOWED),
    );
  },
};

/**
 * Every place where a parsed filter leaves what certificate pools accept:
 * a subject attribute (RFC 4514 keyword) compared with a string literal by
 * `==`, `!=`, `in [list of strings]`, `.startsWith()`, `.endsWith()` or
 * `.contains()`; `true` and `false`; joined by `!`, `&&`, `||` and
 * parentheses.
 */
export function findCertificateViolations(
  root: FilterNode,
  source: string,
): FilterProblem[] {
  return findDialectViolations(root, source, RULES);
}

function atom(walk: Walk, node: FilterNode): void {
  if (node.kind === 'binary' && (node.op === '==' || node.op === '!=')) {
    equality(walk, node);
    return;
  }
  if (node.kind === 'binary' && node.op === 'in') {
    membership(walk, node);
    return;
  }
  if (node.kind === 'method' && STRING_METHODS.has(node.name)) {
    stringTest(walk, node);
    return;
  }
  const shape = shapeOf(walk, node);
  switch (shape) {
    case 'attribute': {
      const text = textOf(walk, node);
      report(
        walk,
        node,
        `${code(text)} on its own is not a condition; compare it, e.g. ${code(`${text} == "…"`)}`,
      );
      return;
    }
    case 'string':
      report(
        walk,
        node,
        'A string on its own is not a condition; compare an attribute with it, e.g. `CN == "…"`',
      );
      return;
    case 'list':
      report(
        walk,
        node,
        'A list on its own is not a condition; test an attribute against it, e.g. `OU in ["a", "b"]`',
      );
      return;
  }
}

function shapeOf(walk: Walk, node: FilterNode): Shape {
  return shapeOfIn(walk, node, RULES);
}

function callMessage(functionName: string): string {
  if (STRING_METHODS.has(functionName)) {
    return `${code(`${functionName}()`)} is called on an attribute, e.g. ${code(`CN.${functionName}("…")`)}`;
  }
  return unsupportedFunction(functionName, NAME, ALLOWED);
}

function name(walk: Walk, node: Extract<FilterNode, { kind: 'ident' }>): Shape {
  if (isCertificateAttribute(node.name)) return 'attribute';
  report(walk, node, unknownNameMessage(node.name));
  return 'unknown';
}

function unknownNameMessage(text: string): string {
  if (text === 'claims') {
    return 'Certificate pool filters read the client certificate’s subject attributes, not `claims`: write e.g. `CN == "…"`';
  }
  const sameLetters = CERTIFICATE_ATTRIBUTES.find(
    (attribute) => attribute.toLowerCase() === text.toLowerCase(),
  );
  if (sameLetters !== undefined) {
    return `${code(text)} is not an attribute name: names are case-sensitive, write ${code(sameLetters)}`;
  }
  const alias = Object.hasOwn(ATTRIBUTE_ALIASES, text)
    ? ATTRIBUTE_ALIASES[text]
    : undefined;
  if (alias !== undefined) {
    return `Write ${code(alias)} for ${code(text)}: filters name attributes by their RFC 4514 keyword`;
  }
  return `Unknown name ${code(text)}; certificate pool filters name the subject attributes ${ATTRIBUTE_LIST}`;
}

function fieldAccess(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'select' | 'index' }>,
): void {
  const root = rootName(node);
  if (root === 'claims') {
    report(walk, node, unknownNameMessage('claims'));
    return;
  }
  if (root !== undefined && isCertificateAttribute(root)) {
    report(
      walk,
      node,
      `${code(root)} is a string and has no fields; compare it, e.g. ${code(`${root} == "…"`)}`,
    );
    return;
  }
  // `subject.CN`, `cert.O`: the attribute is meant; say how to name it.
  if (node.kind === 'select' && isCertificateAttribute(node.field)) {
    report(
      walk,
      node,
      `Name the attribute on its own: write ${code(node.field)}, not ${code(textOf(walk, node))}`,
    );
    return;
  }
  shapeOf(walk, node.target);
  if (node.kind === 'index') shapeOf(walk, node.index);
}

/** Reports an operand of `==`/`!=` that is neither an attribute nor a string. */
function operand(walk: Walk, node: FilterNode, operator: string): Shape {
  const shape = shapeOf(walk, node);
  return refuseOperand(walk, node, shape, operator, 'Attributes')
    ? 'unknown'
    : shape;
}

function equality(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'binary' }>,
): void {
  const left = operand(walk, node.left, node.op);
  const right = operand(walk, node.right, node.op);
  if (left === 'string' && right === 'string') {
    report(
      walk,
      node,
      `This compares two strings, so it does not depend on the certificate; compare an attribute, e.g. ${code(`CN ${node.op} "…"`)}`,
    );
  } else if (left === 'attribute' && right === 'attribute') {
    report(
      walk,
      node,
      `Compare an attribute with a string in quotes, e.g. ${code(`${textOf(walk, node.left)} ${node.op} "…"`)}; comparing two attributes is not supported in certificate pool filters`,
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
  if (right === 'attribute' && left !== 'attribute') {
    const attribute = textOf(walk, node.right);
    const value = left === 'string' ? textOf(walk, node.left) : '"…"';
    report(
      walk,
      node,
      `An attribute holds one string, not a list; write ${code(`${attribute} == ${value}`)} or ${code(`${attribute}.contains(${value})`)}`,
    );
    return;
  }
  if (right !== 'list') {
    report(
      walk,
      node.right,
      'The right side of `in` must be a list of strings, e.g. `OU in ["payments", "orders"]`',
    );
    return;
  }
  if (left === 'attribute') return;
  report(
    walk,
    left === 'string' ? node : node.left,
    left === 'string'
      ? 'This tests a string against a list, so it does not depend on the certificate; test an attribute, e.g. `OU in ["a", "b"]`'
      : 'The left side of `in` must be an attribute, e.g. `OU in ["a", "b"]`',
  );
}

function stringTest(
  walk: Walk,
  node: Extract<FilterNode, { kind: 'method' }>,
): void {
  const shown = code(`${node.name}()`);
  const callSpan = { from: node.nameFrom, to: node.to };
  const target = shapeOf(walk, node.target);
  if (target !== 'attribute' && target !== 'unknown') {
    report(
      walk,
      node.target,
      `${shown} must be called on an attribute, e.g. ${code(`CN.${node.name}("…")`)}`,
    );
  }
  const [argument] = node.args;
  if (node.args.length !== 1 || argument === undefined) {
    report(
      walk,
      callSpan,
      `${shown} takes one string in quotes, e.g. ${code(`CN.${node.name}("…")`)}`,
    );
    return;
  }
  const shape = shapeOf(walk, argument);
  if (shape !== 'string' && shape !== 'unknown') {
    report(
      walk,
      argument,
      `The argument of ${shown} must be a string in quotes`,
    );
  }
}
