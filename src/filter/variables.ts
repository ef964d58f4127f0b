import type { FilterNode } from './ast.ts';
import { claimPath, formatClaimPath } from './claim-path.ts';
import { isCertificateAttribute, type FilterDialect } from './dialect.ts';
import { GROUPS_VARIABLE } from './group-mapping-subset.ts';

/**
 * What a filter reads, as a path into its input, whatever the dialect:
 * `claims.ext.uid` is `['ext', 'uid']` into a token's claims, `groups` is
 * `['groups']` into `{ groups }`, `OU` is `['OU']` into a certificate's
 * subject. `undefined` for any node that names no input of `dialect`.
 */
export function variablePath(
  node: FilterNode,
  dialect: FilterDialect,
): string[] | undefined {
  switch (dialect) {
    case 'identity-pool':
      return claimPath(node);
    case 'group-mapping':
      return node.kind === 'ident' && node.name === GROUPS_VARIABLE
        ? [GROUPS_VARIABLE]
        : undefined;
    case 'certificate-pool':
      return node.kind === 'ident' && isCertificateAttribute(node.name)
        ? [node.name]
        : undefined;
  }
}

/**
 * A path from {@link variablePath} as a filter writes it: `claims.ext.uid`,
 * `groups`, `OU`.
 */
export function formatVariable(
  path: readonly string[],
  dialect: FilterDialect,
): string {
  return dialect === 'identity-pool' ? formatClaimPath(path) : path.join('.');
}
