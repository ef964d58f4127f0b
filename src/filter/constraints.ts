import { parseFilterAst } from './ast.ts';
import type { FilterNode } from './ast.ts';
import { checkFilter } from './check.ts';
import { DEFAULT_DIALECT, type FilterDialect } from './dialect.ts';
import { variablePath } from './variables.ts';

/**
 * Whether every way of satisfying the filter includes a positive condition
 * on one of the top-level claims in `claimNames`: after negations are pushed
 * inward, each disjunct must contain `claims.x == "v"` (either way round),
 * `claims.x in ["v", …]` with a non-empty list, `"v" in claims.x`, or
 * `claims.x.startsWith/endsWith/contains("v")` with a non-empty argument.
 * `!=`, negated conditions, `has()`, `true` and `false` constrain nothing.
 *
 * This backs Confluent's rule (since 2026-04-30) that a pool under a provider
 * with a shared issuer must constrain `sub` or `aud`. Returns false for an
 * invalid filter. Never throws.
 *
 * In another `dialect` the names are its variables: `['groups']` asks
 * whether every way of matching a group-mapping filter needs membership of
 * some group (`"v" in groups`), `['CN', 'UID']` whether a certificate-pool
 * filter pins the client's identity.
 */
export function filterConstrains(
  source: string,
  claimNames: readonly string[],
  dialect: FilterDialect = DEFAULT_DIALECT,
): boolean {
  try {
    if (!checkFilter(source, dialect).valid) return false;
    const parsed = parseFilterAst(source);
    if (!parsed.ok) return false;
    const names: Names = { names: new Set(claimNames), dialect };
    return everyPathConstrains(parsed.root, false, names);
  } catch {
    return false;
  }
}

/** The variables that count, and the dialect that says how they are written. */
type Names = { names: ReadonlySet<string>; dialect: FilterDialect };

function everyPathConstrains(
  node: FilterNode,
  negated: boolean,
  names: Names,
): boolean {
  if (node.kind === 'unary' && node.op === '!') {
    return everyPathConstrains(node.operand, !negated, names);
  }
  if (node.kind === 'binary' && (node.op === '&&' || node.op === '||')) {
    const left = everyPathConstrains(node.left, negated, names);
    const right = everyPathConstrains(node.right, negated, names);
    // De Morgan: a negated `||` is an `&&` of negations, and vice versa.
    const isConjunction = (node.op === '&&') !== negated;
    // Each disjunct of A && B joins one of A's with one of B's, so it is
    // enough that either side constrains all of its own.
    return isConjunction ? left || right : left && right;
  }
  return isPositiveConstraint(node, negated, names);
}

function isPositiveConstraint(
  node: FilterNode,
  negated: boolean,
  names: Names,
): boolean {
  if (node.kind === 'binary') {
    const { op, left, right } = node;
    if ((op === '==' && !negated) || (op === '!=' && negated)) {
      return (
        (isNamedClaim(left, names) && right.kind === 'string') ||
        (left.kind === 'string' && isNamedClaim(right, names))
      );
    }
    if (op === 'in' && !negated) {
      return (
        (isNamedClaim(left, names) &&
          right.kind === 'list' &&
          right.items.length > 0) ||
        (left.kind === 'string' && isNamedClaim(right, names))
      );
    }
    return false;
  }
  if (node.kind === 'method' && !negated) {
    const [argument] = node.args;
    return (
      ['startsWith', 'endsWith', 'contains'].includes(node.name) &&
      isNamedClaim(node.target, names) &&
      node.args.length === 1 &&
      argument?.kind === 'string' &&
      argument.value !== ''
    );
  }
  return false;
}

function isNamedClaim(node: FilterNode, { names, dialect }: Names): boolean {
  const path = variablePath(node, dialect);
  return path?.length === 1 && names.has(path[0] ?? '');
}
