import {
  certificatePaths,
  groupMappingPaths,
} from '@/config/federation-paths.ts';
import { paths } from '@/config/paths.ts';
import type { AuditAction, AuditEntry } from './api/audit.ts';

/** What an audit entry is about, as the log links and names it. */
export type AuditTargetKind =
  | 'identity-provider'
  | 'identity-pool'
  | 'certificate-authority'
  | 'certificate-pool'
  | 'group-mapping';

const KIND_OF_ACTION: Partial<Record<AuditAction, AuditTargetKind>> = {
  'create-pool': 'identity-pool',
  'update-pool': 'identity-pool',
  'delete-pool': 'identity-pool',
  'delete-pool-with-provider': 'identity-pool',
  'create-test-case': 'identity-pool',
  'delete-test-case': 'identity-pool',
  'create-provider': 'identity-provider',
  'update-provider': 'identity-provider',
  'delete-provider': 'identity-provider',
  'refresh-provider-keys': 'identity-provider',
  'create-group-mapping': 'group-mapping',
  'update-group-mapping': 'group-mapping',
  'delete-group-mapping': 'group-mapping',
  'create-certificate-authority': 'certificate-authority',
  'update-certificate-authority': 'certificate-authority',
  'delete-certificate-authority': 'certificate-authority',
  'create-certificate-pool': 'certificate-pool',
  'update-certificate-pool': 'certificate-pool',
  'delete-certificate-pool': 'certificate-pool',
  'delete-certificate-pool-with-authority': 'certificate-pool',
};

/** An entry's object with its screen: the screen's link, the ids it takes. */
export type AuditTarget = {
  kind: AuditTargetKind;
  /** The object's id (a pool's, a mapping's; a provider's or authority's own). */
  id: string;
  /** The parent's id: an identity pool's provider, a certificate pool's authority. */
  parentId?: string;
  /** Its screen (the history tab where the screen has one). */
  href: string;
  /** Its parent's screen. */
  parentHref?: string;
};

/**
 * What an entry is about and where its screen is, decided from its action
 * (the server records `providerId` as the parent, identity provider or
 * certificate authority, and `poolId` as the object): a group mapping →
 * `/group-mappings/<id>`, a certificate authority →
 * `/certificate-authorities/<id>`, a certificate pool →
 * `/certificate-authorities/<ca>/pools/<id>`. A grant or revoke names only
 * its principal's object: a group mapping is linked, a `pool-…` is not
 * (an identity and a certificate pool look alike, and neither names its
 * parent). Undefined when the entry names no object it can link.
 */
export function auditTarget(entry: AuditEntry): AuditTarget | undefined {
  const { providerId, poolId } = entry;
  let kind = KIND_OF_ACTION[entry.action];
  if (entry.action === 'grant-role' || entry.action === 'revoke-role') {
    kind = poolId?.startsWith('group-') ? 'group-mapping' : undefined;
  } else if (kind === undefined) {
    // An action this console does not know yet: read as it was before.
    kind = poolId
      ? providerId
        ? 'identity-pool'
        : undefined
      : providerId
        ? 'identity-provider'
        : undefined;
  }
  switch (kind) {
    case 'identity-pool':
      return providerId && poolId
        ? {
            kind,
            id: poolId,
            parentId: providerId,
            href: paths.pool.getHref(providerId, poolId, { tab: 'history' }),
            parentHref: paths.provider.getHref(providerId),
          }
        : undefined;
    case 'identity-provider':
      return providerId
        ? { kind, id: providerId, href: paths.provider.getHref(providerId) }
        : undefined;
    case 'group-mapping':
      return poolId
        ? {
            kind,
            id: poolId,
            href: groupMappingPaths.detail.getHref(poolId, { tab: 'history' }),
          }
        : undefined;
    case 'certificate-authority':
      return providerId
        ? {
            kind,
            id: providerId,
            href: certificatePaths.authority.getHref(providerId),
          }
        : undefined;
    case 'certificate-pool':
      return providerId && poolId
        ? {
            kind,
            id: poolId,
            parentId: providerId,
            href: certificatePaths.pool.getHref(providerId, poolId, {
              tab: 'history',
            }),
            parentHref: certificatePaths.authority.getHref(providerId),
          }
        : undefined;
    case undefined:
      return undefined;
  }
}

/** "group mapping", "certificate pool": how a kind reads in a sentence. */
export const TARGET_KIND_LABELS: Record<AuditTargetKind, string> = {
  'identity-provider': 'identity provider',
  'identity-pool': 'identity pool',
  'certificate-authority': 'certificate authority',
  'certificate-pool': 'certificate pool',
  'group-mapping': 'group mapping',
};
