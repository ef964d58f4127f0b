import type { FilterNode } from './ast.ts';

/** The name the JWT's claims go by in a filter. */
export const CLAIMS_ROOT = 'claims';

/**
 * The path of a claim reference, e.g. `['a', 'b']` for `claims.a.b` or
 * `claims["a"]["b"]`; `undefined` if the node is anything else, including
 * bare `claims`.
 */
export function claimPath(node: FilterNode): string[] | undefined {
  const path: string[] = [];
  let current = node;
  for (;;) {
    if (current.kind === 'select') {
      path.push(current.field);
      current = current.target;
    } else if (current.kind === 'index' && current.index.kind === 'string') {
      path.push(current.index.value);
      current = current.target;
    } else {
      break;
    }
  }
  if (current.kind !== 'ident' || current.name !== CLAIMS_ROOT) return;
  if (path.length === 0) return;
  return path.reverse();
}

/**
 * Writes a claim path the way a filter would, e.g. `claims.ext.uid` or
 * `claims["tenant-id"]`.
 */
export function formatClaimPath(path: readonly string[]): string {
  let text = CLAIMS_ROOT;
  for (const segment of path) {
    text +=
      IDENTIFIER.test(segment) && !RESERVED_WORDS.has(segment)
        ? `.${segment}`
        : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// CEL's reserved words cannot follow a dot, so a path through one is shown
// with brackets.
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'false',
  'for',
  'function',
  'if',
  'import',
  'in',
  'let',
  'loop',
  'package',
  'namespace',
  'null',
  'return',
  'true',
  'var',
  'void',
  'while',
]);
