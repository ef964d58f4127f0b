import { z } from 'zod';
import {
  DEFAULT_SEARCH_SORT,
  SEARCH_KINDS,
  SEARCH_SORTS,
  type SearchKind,
  type SearchSort,
} from './search-index.ts';

/**
 * The search page's state, as its URL holds it. `provider` is the parent:
 * an identity provider or a certificate authority (both `op-…`).
 */
export type OrgSearch = {
  q: string;
  provider?: string;
  kind?: SearchKind;
  sort: SearchSort;
};

const searchSchema = z.object({
  q: z.string().max(500).catch(''),
  provider: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/)
    .optional()
    .catch(undefined),
  kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
  sort: z.enum(SEARCH_SORTS).catch(DEFAULT_SEARCH_SORT),
});

/** Reads the URL's search; what makes no sense falls back to the defaults. */
export function parseOrgSearch(params: URLSearchParams): OrgSearch {
  return searchSchema.parse({
    q: params.get('q') ?? '',
    provider: params.get('provider') ?? undefined,
    kind: params.get('kind') ?? undefined,
    sort: params.get('sort') ?? undefined,
  });
}

/** The URL's search for a state; defaults are left out so links stay short. */
export function toSearchParams(search: OrgSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.provider) params.set('provider', search.provider);
  if (search.kind) params.set('kind', search.kind);
  if (search.sort !== DEFAULT_SEARCH_SORT) params.set('sort', search.sort);
  return params;
}
