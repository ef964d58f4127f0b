import { z } from 'zod';
import type { AuditAction } from '#contract/audit.ts';
import type { UpstreamOperationId } from '#contract/routes.ts';
import {
  APPLIED_QUOTA_FILTERS,
  ENVIRONMENT,
  PAGING,
  RESOURCE_OWNER,
  ROLE_BINDING_FILTERS,
  type QueryRule,
} from './query.ts';

/**
 * What an audited write records besides what it asked for: the resource's
 * values before the write (read from the upstream just before sending it)
 * and, for a delete that takes a collection with it, every item of that
 * collection.
 */
export type WriteAudit = {
  action: AuditAction;
  /** Read the resource first, so its entry shows what the write replaced. */
  readsBefore: boolean;
  /** The sub-collection (a path segment) the write also removes, read whole first. */
  removesWith?: string;
  /**
   * What it writes, which says where the entry's two ids come from (the
   * audit log keeps a parent and an object id, `providerId` and `poolId`;
   * docs/decisions/019): a provider's path (`{id}` or `{provider_id}`),
   * a pool's path (`{provider_id}`, `{id}`), a group mapping's (`{id}`,
   * no parent), a certificate authority's (`{id}` as the parent), a
   * certificate pool's (`{certificate_authority_id}`, `{id}`), or a role
   * binding's principal when that is a pool or a group mapping.
   */
  about:
    | 'provider'
    | 'pool'
    | 'group-mapping'
    | 'certificate-authority'
    | 'certificate-pool'
    | 'role-binding';
};

/** How Lifeguard forwards one upstream operation of the contract. */
export type ForwardedOperation = {
  /** Who may call it: any signed-in user, or only a user whose role may write. */
  access: 'signed-in' | 'admin';
  /** The query parameters passed on, each checked; any other is dropped. */
  query: readonly QueryRule[];
  /**
   * The JSON body it takes, if any. Field rules are the upstream's to
   * apply: Lifeguard must not refuse what Confluent accepts, so this only
   * holds the body's shape. The body goes on byte for byte.
   */
  body?: z.ZodType;
  /** For a write: what the audit log records of it. */
  audit?: WriteAudit;
  /** The largest body it takes, when more than the server's default. */
  bodyLimit?: number;
};

/**
 * A certificate authority's body carries its PEM chain and may carry its
 * revocation list, which for a large authority runs to hundreds of
 * kilobytes; the emulator takes the same (decision 018).
 */
const CERTIFICATE_AUTHORITY_BODY_LIMIT = 1024 * 1024;

/** A JSON object, whatever its members (see {@link ForwardedOperation.body}). */
const JSON_OBJECT = z.looseObject({});

const READ: ForwardedOperation = { access: 'signed-in', query: [] };
const LIST: ForwardedOperation = { access: 'signed-in', query: PAGING };

function write(
  action: AuditAction,
  about: WriteAudit['about'],
  options: {
    body?: boolean;
    query?: readonly QueryRule[];
    readsBefore?: boolean;
    removesWith?: string;
    bodyLimit?: number;
  } = {},
): ForwardedOperation {
  return {
    access: 'admin',
    query: options.query ?? [],
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.body ? { body: JSON_OBJECT } : {}),
    audit: {
      action,
      about,
      readsBefore: options.readsBefore ?? false,
      ...(options.removesWith ? { removesWith: options.removesWith } : {}),
    },
  };
}

/**
 * Every upstream operation of the contract (src/contract/routes.ts, which
 * holds each one's method and path) and how it is forwarded. Keyed by the
 * operation id, so a contract operation without a line here does not
 * typecheck: adding a forwarded operation is its contract entry plus one
 * line here.
 */
export const FORWARDED_OPERATIONS: {
  readonly [Id in UpstreamOperationId]: ForwardedOperation;
} = {
  listIamV2IdentityProviders: LIST,
  createIamV2IdentityProvider: write('create-provider', 'provider', {
    body: true,
  }),
  getIamV2IdentityProvider: READ,
  updateIamV2IdentityProvider: write('update-provider', 'provider', {
    body: true,
    readsBefore: true,
  }),
  deleteIamV2IdentityProvider: write('delete-provider', 'provider', {
    readsBefore: true,
    removesWith: 'identity-pools',
  }),
  refreshIamV2JsonWebKeySet: write('refresh-provider-keys', 'provider', {
    body: true,
  }),
  listIamV2IdentityPools: LIST,
  createIamV2IdentityPool: write('create-pool', 'pool', {
    body: true,
    query: [RESOURCE_OWNER],
  }),
  getIamV2IdentityPool: READ,
  updateIamV2IdentityPool: write('update-pool', 'pool', {
    body: true,
    readsBefore: true,
  }),
  deleteIamV2IdentityPool: write('delete-pool', 'pool', { readsBefore: true }),
  listIamV2SsoGroupMappings: LIST,
  createIamV2SsoGroupMapping: write('create-group-mapping', 'group-mapping', {
    body: true,
  }),
  getIamV2SsoGroupMapping: READ,
  updateIamV2SsoGroupMapping: write('update-group-mapping', 'group-mapping', {
    body: true,
    readsBefore: true,
  }),
  deleteIamV2SsoGroupMapping: write('delete-group-mapping', 'group-mapping', {
    readsBefore: true,
  }),
  listIamV2CertificateAuthorities: LIST,
  createIamV2CertificateAuthority: write(
    'create-certificate-authority',
    'certificate-authority',
    { body: true, bodyLimit: CERTIFICATE_AUTHORITY_BODY_LIMIT },
  ),
  getIamV2CertificateAuthority: READ,
  updateIamV2CertificateAuthority: write(
    'update-certificate-authority',
    'certificate-authority',
    {
      body: true,
      readsBefore: true,
      bodyLimit: CERTIFICATE_AUTHORITY_BODY_LIMIT,
    },
  ),
  deleteIamV2CertificateAuthority: write(
    'delete-certificate-authority',
    'certificate-authority',
    { readsBefore: true, removesWith: 'identity-pools' },
  ),
  listIamV2CertificateIdentityPools: LIST,
  createIamV2CertificateIdentityPool: write(
    'create-certificate-pool',
    'certificate-pool',
    { body: true, query: [RESOURCE_OWNER] },
  ),
  getIamV2CertificateIdentityPool: READ,
  updateIamV2CertificateIdentityPool: write(
    'update-certificate-pool',
    'certificate-pool',
    { body: true, readsBefore: true },
  ),
  deleteIamV2CertificateIdentityPool: write(
    'delete-certificate-pool',
    'certificate-pool',
    { readsBefore: true },
  ),
  listServiceQuotaV1AppliedQuotas: {
    access: 'signed-in',
    query: [...APPLIED_QUOTA_FILTERS, ...PAGING],
  },
  listOrgV2Organizations: LIST,
  listOrgV2Environments: LIST,
  listCmkV2Clusters: { access: 'signed-in', query: [ENVIRONMENT, ...PAGING] },
  listIamV2Users: LIST,
  listIamV2RoleBindings: {
    access: 'signed-in',
    query: [...ROLE_BINDING_FILTERS, ...PAGING],
  },
  createIamV2RoleBinding: write('grant-role', 'role-binding', { body: true }),
  getIamV2RoleBinding: READ,
  // Read first: the entry then names the principal, role and CRN revoked.
  deleteIamV2RoleBinding: write('revoke-role', 'role-binding', {
    readsBefore: true,
  }),
};
