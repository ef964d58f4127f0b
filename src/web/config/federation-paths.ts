import {
  CERTIFICATE_AUTHORITIES,
  CERTIFICATE_AUTHORITY,
  CERTIFICATE_AUTHORITY_EDIT,
  CERTIFICATE_AUTHORITY_NEW,
  CERTIFICATE_AUTHORITY_REACH,
  CERTIFICATE_POOL,
  CERTIFICATE_POOL_EDIT,
  CERTIFICATE_POOL_NEW,
  GROUP_MAPPING,
  GROUP_MAPPING_EDIT,
  GROUP_MAPPING_NEW,
  GROUP_MAPPING_REACH,
  GROUP_MAPPINGS,
} from './federation-routes.ts';

// The console's URLs of the federation sections, as paths.ts has them for
// providers and pools: a `path` pattern (from federation-routes.ts) and a
// `getHref`. Kept apart from paths.ts, which ships with the first screen.

function withQuery(path: string, query: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A group mapping screen's tab; the details are the default. */
export type GroupMappingTab = 'history' | 'access';

/** Every URL of the SSO group mapping screens. */
export const groupMappingPaths = {
  list: {
    path: GROUP_MAPPINGS,
    /** The list's state (page, size, quick filter, sort) is in its query. */
    getHref: (
      search: {
        page_size?: number;
        page_token?: string;
        q?: string;
        sort?: string;
      } = {},
    ) =>
      withQuery(GROUP_MAPPINGS, {
        page_size: search.page_size ? String(search.page_size) : undefined,
        page_token: search.page_token,
        q: search.q,
        sort: search.sort,
      }),
  },
  create: {
    path: GROUP_MAPPING_NEW,
    /** `copy_of` starts the form from that mapping's fields. */
    getHref: (search: { copy_of?: string } = {}) =>
      withQuery(GROUP_MAPPING_NEW, { copy_of: search.copy_of }),
  },
  reach: {
    path: GROUP_MAPPING_REACH,
    getHref: () => GROUP_MAPPING_REACH,
  },
  detail: {
    path: GROUP_MAPPING,
    getHref: (groupMappingId: string, search: { tab?: GroupMappingTab } = {}) =>
      withQuery(
        GROUP_MAPPING.replace(
          ':groupMappingId',
          encodeURIComponent(groupMappingId),
        ),
        { tab: search.tab },
      ),
  },
  edit: {
    path: GROUP_MAPPING_EDIT,
    getHref: (groupMappingId: string) =>
      GROUP_MAPPING_EDIT.replace(
        ':groupMappingId',
        encodeURIComponent(groupMappingId),
      ),
  },
} as const;

function withCaId(pattern: string, caId: string) {
  return pattern.replace(':caId', encodeURIComponent(caId));
}

function withPoolId(pattern: string, caId: string, poolId: string) {
  return withCaId(pattern, caId).replace(':poolId', encodeURIComponent(poolId));
}

/** A certificate pool screen's tab; the details are the default. */
export type CertificatePoolTab = 'history' | 'access';

/** Every URL of the certificate authority and certificate pool screens. */
export const certificatePaths = {
  list: {
    path: CERTIFICATE_AUTHORITIES,
    getHref: (search: { page_token?: string } = {}) =>
      withQuery(CERTIFICATE_AUTHORITIES, { page_token: search.page_token }),
  },
  create: {
    path: CERTIFICATE_AUTHORITY_NEW,
    getHref: () => CERTIFICATE_AUTHORITY_NEW,
  },
  authority: {
    path: CERTIFICATE_AUTHORITY,
    /** The authority's page; its pool list's state is in the query. */
    getHref: (
      caId: string,
      search: {
        page_size?: number;
        page_token?: string;
        page?: number;
        q?: string;
        sort?: string;
      } = {},
    ) =>
      withQuery(withCaId(CERTIFICATE_AUTHORITY, caId), {
        page_size: search.page_size ? String(search.page_size) : undefined,
        page_token: search.page_token,
        page: search.page ? String(search.page) : undefined,
        q: search.q,
        sort: search.sort,
      }),
  },
  edit: {
    path: CERTIFICATE_AUTHORITY_EDIT,
    getHref: (caId: string) => withCaId(CERTIFICATE_AUTHORITY_EDIT, caId),
  },
  reach: {
    path: CERTIFICATE_AUTHORITY_REACH,
    getHref: (caId: string) => withCaId(CERTIFICATE_AUTHORITY_REACH, caId),
  },
  poolNew: {
    path: CERTIFICATE_POOL_NEW,
    /** `copy_of` starts the form from that pool's fields. */
    getHref: (caId: string, search: { copy_of?: string } = {}) =>
      withQuery(withCaId(CERTIFICATE_POOL_NEW, caId), {
        copy_of: search.copy_of,
      }),
  },
  pool: {
    path: CERTIFICATE_POOL,
    getHref: (
      caId: string,
      poolId: string,
      search: { tab?: CertificatePoolTab } = {},
    ) =>
      withQuery(withPoolId(CERTIFICATE_POOL, caId, poolId), {
        tab: search.tab,
      }),
  },
  poolEdit: {
    path: CERTIFICATE_POOL_EDIT,
    getHref: (caId: string, poolId: string) =>
      withPoolId(CERTIFICATE_POOL_EDIT, caId, poolId),
  },
} as const;
