/** Every URL of the console; screens never build one by hand. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  provider: {
    path: '/providers/:providerId',
    getHref: (
      providerId: string,
      search: { page_size?: number; page_token?: string } = {},
    ) => {
      const query = new URLSearchParams();
      if (search.page_size) query.set('page_size', String(search.page_size));
      if (search.page_token) query.set('page_token', search.page_token);
      const text = query.toString();
      return `/providers/${encodeURIComponent(providerId)}${text ? `?${text}` : ''}`;
    },
  },
  providerNew: {
    path: '/providers/new',
    getHref: () => '/providers/new',
  },
  providerDetail: {
    path: '/providers/:providerId/details',
    getHref: (providerId: string) =>
      `/providers/${encodeURIComponent(providerId)}/details`,
  },
  providerEdit: {
    path: '/providers/:providerId/edit',
    getHref: (providerId: string) =>
      `/providers/${encodeURIComponent(providerId)}/edit`,
  },
  poolNew: {
    path: '/providers/:providerId/pools/new',
    /** `copy_of` prefills from a pool of this provider, `template` from a filter template. */
    getHref: (providerId: string, search: PoolNewSearch = {}) => {
      const query = new URLSearchParams();
      if (search.copy_of) query.set('copy_of', search.copy_of);
      if (search.template) query.set('template', search.template);
      const text = query.toString();
      return `/providers/${encodeURIComponent(providerId)}/pools/new${text ? `?${text}` : ''}`;
    },
  },
  pool: {
    path: '/providers/:providerId/pools/:poolId',
    getHref: (
      providerId: string,
      poolId: string,
      search: { tab?: 'history' | 'access' } = {},
    ) =>
      `/providers/${encodeURIComponent(providerId)}/pools/${encodeURIComponent(poolId)}${search.tab ? `?tab=${search.tab}` : ''}`,
  },
  poolEdit: {
    path: '/providers/:providerId/pools/:poolId/edit',
    getHref: (providerId: string, poolId: string) =>
      `/providers/${encodeURIComponent(providerId)}/pools/${encodeURIComponent(poolId)}/edit`,
  },
  search: {
    path: '/search',
    /** The org-wide pool search; `sort` is a key with an optional `-` (descending). */
    getHref: (
      search: { q?: string; provider?: string; sort?: string } = {},
    ) => {
      const query = new URLSearchParams();
      if (search.q) query.set('q', search.q);
      if (search.provider) query.set('provider', search.provider);
      if (search.sort) query.set('sort', search.sort);
      const text = query.toString();
      return `/search${text ? `?${text}` : ''}`;
    },
  },
  resourceAccess: {
    path: '/access',
    /** Who can reach a resource; the question is the query, so a link reproduces the answer. */
    getHref: (search: ResourceAccessSearch = {}) => {
      const query = new URLSearchParams();
      for (const key of RESOURCE_ACCESS_SEARCH_KEYS) {
        const value = search[key];
        if (value) query.set(key, value);
      }
      const text = query.toString();
      return `/access${text ? `?${text}` : ''}`;
    },
  },
  audit: {
    path: '/audit',
    getHref: (search: AuditSearch = {}) => {
      const query = new URLSearchParams();
      for (const key of AUDIT_SEARCH_KEYS) {
        const value = search[key];
        if (value) query.set(key, value);
      }
      const text = query.toString();
      return `/audit${text ? `?${text}` : ''}`;
    },
  },
} as const;

/** What the new-pool form starts from; nothing means an empty form. */
export type PoolNewSearch = { copy_of?: string; template?: string };

/**
 * The resource page's question as the URL holds it: `type` is a resource
 * type (`topic`, `group`, `transactional-id`, `subject`) or `cluster`;
 * `registry` is the Schema Registry (`lsrc-…`) of a subject; `prefix=1`
 * makes `name` a prefix.
 */
export type ResourceAccessSearch = {
  environment?: string;
  cluster?: string;
  registry?: string;
  type?: string;
  name?: string;
  prefix?: string;
};

export const RESOURCE_ACCESS_SEARCH_KEYS = [
  'environment',
  'cluster',
  'registry',
  'type',
  'name',
  'prefix',
] as const satisfies readonly (keyof ResourceAccessSearch)[];

/** The audit page's filters as the URL holds them; dates are YYYY-MM-DD (UTC). */
export type AuditSearch = {
  provider_id?: string;
  pool_id?: string;
  since?: string;
  until?: string;
};

export const AUDIT_SEARCH_KEYS = [
  'provider_id',
  'pool_id',
  'since',
  'until',
] as const satisfies readonly (keyof AuditSearch)[];

/** Maps an upstream resource path (from a Location header) to a console URL. */
export function consoleHrefForApiPath(apiPath: string): string | undefined {
  const match =
    /^\/api\/iam\/v2\/identity-providers\/([A-Za-z0-9_-]+)(?:\/identity-pools\/([A-Za-z0-9_-]+))?$/.exec(
      apiPath,
    );
  if (!match) return undefined;
  const [, providerId, poolId] = match;
  return poolId
    ? paths.pool.getHref(providerId!, poolId)
    : paths.provider.getHref(providerId!);
}
