import { queryOptions } from '@tanstack/react-query';
import type { components } from '#contract/schema.d.ts';
import { api } from './api-client.ts';
import { walkPages } from './paced-walk.ts';

/**
 * Confluent's applied quotas (`GET /service-quota/v1/applied-quotas`),
 * shared by every feature that shows how close an object is to a limit
 * (features do not import one another). Facts:
 * docs/confluent-api.md §30 and `openapi.yaml`.
 */

export type AppliedQuota = components['schemas']['AppliedQuota'];

/** The scopes the federation quotas live at. */
export type QuotaScope =
  'ORGANIZATION' | 'IDENTITY_PROVIDER' | 'CERTIFICATE_AUTHORITY';

/** The quota codes of the federation objects. */
export const QUOTA_CODES = {
  /** Identity pools per identity provider (scope IDENTITY_PROVIDER). */
  identityPoolsPerProvider: 'iam.max_identity_pools.per_identity_provider',
  /** Certificate pools per certificate authority (scope CERTIFICATE_AUTHORITY). */
  certificatePoolsPerAuthority:
    'iam.max_certificate_pools.per_certificate_authority',
  /** Group mappings per organization (scope ORGANIZATION); listed without usage. */
  groupMappingsPerOrganization: 'iam.max_group_mappings.per_org',
  /** Identity providers per organization (scope ORGANIZATION). */
  identityProvidersPerOrganization:
    'iam.max_identity_providers.per_organization',
} as const;

/** Which quotas: one scope, narrowed by code and by the resource it is on. */
export type AppliedQuotaFilter = {
  scope: QuotaScope;
  /** The quota code, e.g. {@link QUOTA_CODES}`.identityPoolsPerProvider`. */
  code?: string;
  /** Only this identity provider's quotas (`op-…`). */
  identityProvider?: string;
  /** Only this certificate authority's quotas (`op-…`). */
  certificateAuthority?: string;
};

/**
 * Every applied quota the filter matches, page after page (the list pages
 * by up to 200; the walk asks for 100), paced by the API budget. The query
 * retries the whole walk itself.
 */
export function listAppliedQuotas(
  filter: AppliedQuotaFilter,
  signal: AbortSignal,
): Promise<AppliedQuota[]> {
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET('/service-quota/v1/applied-quotas', {
        params: {
          query: {
            scope: filter.scope,
            id: filter.code || undefined,
            identity_provider: filter.identityProvider || undefined,
            certificate_authority: filter.certificateAuthority || undefined,
            page_size: pageSize,
            page_token: pageToken,
          },
        },
        signal: pageSignal,
      });
      return data!;
    },
    { signal, retry: false },
  );
}

/**
 * The quota the filter names among `quotas`: its code, its scope (compared
 * without case: live answers carry lower-case scopes), and the resource it
 * is on when the filter names one (an item that names none is taken, as the
 * service already filtered by it). Undefined when none is listed.
 */
export function findAppliedQuota(
  quotas: readonly AppliedQuota[],
  filter: AppliedQuotaFilter,
): AppliedQuota | undefined {
  return quotas.find(
    (quota) =>
      (filter.code === undefined || quota.id === filter.code) &&
      quota.scope.toUpperCase() === filter.scope &&
      (filter.identityProvider === undefined ||
        quota.identity_provider === undefined ||
        quota.identity_provider.id === filter.identityProvider) &&
      (filter.certificateAuthority === undefined ||
        quota.certificate_authority === undefined ||
        quota.certificate_authority.id === filter.certificateAuthority),
  );
}

// Limits move rarely (a support request), usage with every create and
// delete: a minute old is close enough for a meter, and writes that change
// the usage invalidate `quotaQueries.all()`.
const QUOTA_STALE_MS = 60_000;

/**
 * Query factory of the applied quotas, keyed scope → resource → code, so
 * invalidating `quotaQueries.all()` (after a create or delete) or
 * `quotaQueries.scope(scope)` refreshes every meter concerned.
 */
export const quotaQueries = {
  all: () => ['quotas'] as const,
  scope: (scope: QuotaScope) => [...quotaQueries.all(), scope] as const,
  /** The applied quotas the filter matches (usually one). */
  applied: (filter: AppliedQuotaFilter) =>
    queryOptions({
      queryKey: [
        ...quotaQueries.scope(filter.scope),
        filter.identityProvider ?? filter.certificateAuthority ?? '',
        filter.code ?? '',
        filter,
      ],
      queryFn: ({ signal }) => listAppliedQuotas(filter, signal),
      staleTime: QUOTA_STALE_MS,
    }),
};
