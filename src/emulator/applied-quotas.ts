import { buildCrn } from '#contract/crn.ts';
import { DEFAULT_QUOTAS, type EmulatorQuotas } from './config.ts';
import {
  certificateAuthorityCrn,
  certificateAuthorityPath,
} from './federation-resources.ts';
import {
  providerCrn,
  providerPath,
  type ResourceContext,
} from './resources.ts';
import type { Store } from './store.ts';

/**
 * The applied quotas of the federation objects, as the Quotas API lists
 * them (docs/confluent-api.md §30): each limit's code, the emulator's
 * default and configured value, and the live count where the service
 * reports one.
 */

/** The vendor's scope values; compared without case, since the CLI sends them in lower case. */
export const QUOTA_SCOPES = [
  'ORGANIZATION',
  'ENVIRONMENT',
  'NETWORK',
  'KAFKA_CLUSTER',
  'SERVICE_ACCOUNT',
  'USER_ACCOUNT',
  'IDENTITY_PROVIDER',
  'CERTIFICATE_AUTHORITY',
] as const;
export type QuotaScope = (typeof QUOTA_SCOPES)[number];

/** The filters of a quota list; each absent or empty one filters nothing. */
export type QuotaFilters = {
  id?: string;
  identity_provider?: string;
  certificate_authority?: string;
  environment?: string;
  network?: string;
  kafka_cluster?: string;
};

type Reference = { id: string; related: string; resource_name: string };

export type AppliedQuota = {
  code: string;
  scope: QuotaScope;
  displayName: string;
  limit: keyof EmulatorQuotas;
  /** Absent where the live service leaves `usage` out. */
  usage: number | undefined;
  identityProvider?: Reference;
  certificateAuthority?: Reference;
};

/** Every applied quota of the organization, in a fixed order. */
function allQuotas(store: Store, { baseUrl, orgId }: ResourceContext) {
  const quotas: AppliedQuota[] = [
    {
      code: 'iam.max_identity_providers.per_organization',
      scope: 'ORGANIZATION',
      displayName: 'Identity providers per organization',
      limit: 'providersPerOrg',
      usage: store.countProviders(),
    },
    {
      // The code is our guess after the identity providers' one; the
      // vendor names only the quota, `certificate_authorities_per_org`.
      code: 'iam.max_certificate_authorities.per_organization',
      scope: 'ORGANIZATION',
      displayName: 'Certificate authorities per organization',
      limit: 'certificateAuthoritiesPerOrg',
      usage: store.certificateAuthorities.count(),
    },
    {
      // Live answers list this one without usage; the console must cope.
      code: 'iam.max_group_mappings.per_org',
      scope: 'ORGANIZATION',
      displayName: 'Group mappings per organization',
      limit: 'groupMappingsPerOrg',
      usage: undefined,
    },
  ];
  for (const provider of store.listProviders({ after: 0 }, 100_000).rows) {
    quotas.push({
      code: 'iam.max_identity_pools.per_identity_provider',
      scope: 'IDENTITY_PROVIDER',
      displayName: 'Identity pools per identity provider',
      limit: 'poolsPerProvider',
      usage: store.countPools(provider.id),
      identityProvider: {
        id: provider.id,
        related: `${baseUrl}${providerPath(provider.id)}`,
        resource_name: providerCrn(orgId, provider.id),
      },
    });
  }
  const authorities = store.certificateAuthorities.list({ after: 0 }, 100_000);
  for (const authority of authorities.rows) {
    quotas.push({
      code: 'iam.max_certificate_pools.per_certificate_authority',
      scope: 'CERTIFICATE_AUTHORITY',
      displayName: 'Certificate identity pools per certificate authority',
      limit: 'poolsPerCertificateAuthority',
      usage: store.certificatePools.count(authority.id),
      certificateAuthority: {
        id: authority.id,
        related: `${baseUrl}${certificateAuthorityPath(authority.id)}`,
        resource_name: certificateAuthorityCrn(orgId, authority.id),
      },
    });
  }
  return quotas;
}

/** The scope named by a `scope` query value in any case, or undefined. */
export function parseQuotaScope(value: string): QuotaScope | undefined {
  const upper = value.toUpperCase();
  return QUOTA_SCOPES.find((scope) => scope === upper);
}

function matches(wanted: string | undefined, actual: string | undefined) {
  return wanted === undefined || wanted === '' || wanted === actual;
}

/**
 * The quotas at `scope` that pass every filter. The emulator keeps no
 * environments', networks' or clusters' quotas, so a filter on one of
 * those leaves nothing.
 */
export function appliedQuotas(
  store: Store,
  resources: ResourceContext,
  scope: QuotaScope,
  filters: QuotaFilters,
): AppliedQuota[] {
  return allQuotas(store, resources).filter(
    (quota) =>
      quota.scope === scope &&
      matches(filters.id, quota.code) &&
      matches(filters.identity_provider, quota.identityProvider?.id) &&
      matches(filters.certificate_authority, quota.certificateAuthority?.id) &&
      matches(filters.environment, undefined) &&
      matches(filters.network, undefined) &&
      matches(filters.kafka_cluster, undefined),
  );
}

/**
 * An applied quota as the API writes it: the scope in lower case, as live
 * answers carry it, and `usage` only where it is known.
 */
export function appliedQuotaResource(
  quota: AppliedQuota,
  quotas: EmulatorQuotas,
  { baseUrl, orgId }: ResourceContext,
) {
  const scope = quota.scope.toLowerCase();
  const subject = quota.identityProvider
    ? `&identity_provider=${quota.identityProvider.id}`
    : quota.certificateAuthority
      ? `&certificate_authority=${quota.certificateAuthority.id}`
      : '';
  return {
    api_version: 'service-quota/v1',
    kind: 'AppliedQuota',
    id: quota.code,
    metadata: {
      self: `${baseUrl}/service-quota/v1/applied-quotas/${quota.code}?scope=${scope}${subject}`,
    },
    scope,
    display_name: quota.displayName,
    default_limit: DEFAULT_QUOTAS[quota.limit],
    applied_limit: quotas[quota.limit],
    ...(quota.usage !== undefined && { usage: quota.usage }),
    organization: {
      id: orgId,
      related: `${baseUrl}/org/v2/organizations/${orgId}`,
      resource_name: buildCrn({ organization: orgId }),
    },
    ...(quota.identityProvider && {
      identity_provider: quota.identityProvider,
    }),
    ...(quota.certificateAuthority && {
      certificate_authority: quota.certificateAuthority,
    }),
  };
}
