import { queryOptions } from '@tanstack/react-query';
import { getPool, listPools, type PoolListParams } from './pools.ts';
import { listTestCases } from './test-cases.ts';

export const poolQueries = {
  all: () => ['pools'] as const,
  lists: () => [...poolQueries.all(), 'list'] as const,
  providerLists: (providerId: string) =>
    [...poolQueries.lists(), providerId] as const,
  list: (params: PoolListParams) =>
    queryOptions({
      queryKey: [...poolQueries.providerLists(params.providerId), params],
      queryFn: ({ signal }) => listPools(params, signal),
    }),
  details: () => [...poolQueries.all(), 'detail'] as const,
  detail: (providerId: string, poolId: string) =>
    queryOptions({
      queryKey: [...poolQueries.details(), providerId, poolId],
      queryFn: ({ signal }) => getPool(providerId, poolId, signal),
    }),
  /**
   * The pool as the server has it at this moment, for a save to compare
   * with the version its form was opened from: never served from a cache.
   */
  current: (providerId: string, poolId: string) =>
    queryOptions({
      queryKey: [...poolQueries.detail(providerId, poolId).queryKey, 'current'],
      queryFn: ({ signal }) =>
        getPool(providerId, poolId, signal, { fresh: true }),
      staleTime: 0,
      gcTime: 0,
    }),
};

export const testCaseQueries = {
  all: () => ['test-cases'] as const,
  list: (providerId: string, poolId: string) =>
    queryOptions({
      queryKey: [...testCaseQueries.all(), providerId, poolId],
      queryFn: ({ signal }) => listTestCases(providerId, poolId, signal),
    }),
};
