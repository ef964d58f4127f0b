import { queryOptions } from '@tanstack/react-query';
import {
  getAuthority,
  listAuthorities,
  type AuthorityListParams,
} from './authorities.ts';
import {
  getCertificatePool,
  listCertificatePools,
  type CertificatePoolListParams,
} from './pools.ts';

export const authorityQueries = {
  all: () => ['certificate-authorities'] as const,
  lists: () => [...authorityQueries.all(), 'list'] as const,
  list: (params: AuthorityListParams) =>
    queryOptions({
      queryKey: [...authorityQueries.lists(), params],
      queryFn: ({ signal }) => listAuthorities(params, signal),
    }),
  details: () => [...authorityQueries.all(), 'detail'] as const,
  detail: (caId: string) =>
    queryOptions({
      queryKey: [...authorityQueries.details(), caId],
      queryFn: ({ signal }) => getAuthority(caId, signal),
    }),
  /**
   * The authority as the server has it at this moment, for a save to
   * compare with the version its form was opened from: never from a cache.
   */
  current: (caId: string) =>
    queryOptions({
      queryKey: [...authorityQueries.detail(caId).queryKey, 'current'],
      queryFn: ({ signal }) => getAuthority(caId, signal, { fresh: true }),
      staleTime: 0,
      gcTime: 0,
    }),
};

export const certificatePoolQueries = {
  all: () => ['certificate-pools'] as const,
  lists: () => [...certificatePoolQueries.all(), 'list'] as const,
  /** Every list of one authority's pools (its pages and the walk over them). */
  authorityLists: (caId: string) =>
    [...certificatePoolQueries.lists(), caId] as const,
  list: (params: CertificatePoolListParams) =>
    queryOptions({
      queryKey: [
        ...certificatePoolQueries.authorityLists(params.caId),
        'page',
        params,
      ],
      queryFn: ({ signal }) => listCertificatePools(params, signal),
    }),
  details: () => [...certificatePoolQueries.all(), 'detail'] as const,
  authorityDetails: (caId: string) =>
    [...certificatePoolQueries.details(), caId] as const,
  detail: (caId: string, poolId: string) =>
    queryOptions({
      queryKey: [...certificatePoolQueries.authorityDetails(caId), poolId],
      queryFn: ({ signal }) => getCertificatePool(caId, poolId, signal),
    }),
  /** The pool as the server has it now (a save's version check). */
  current: (caId: string, poolId: string) =>
    queryOptions({
      queryKey: [
        ...certificatePoolQueries.detail(caId, poolId).queryKey,
        'current',
      ],
      queryFn: ({ signal }) =>
        getCertificatePool(caId, poolId, signal, { fresh: true }),
      staleTime: 0,
      gcTime: 0,
    }),
};
