import { queryOptions } from '@tanstack/react-query';
import { getPool, listPools, type PoolListParams } from './pools.ts';

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
};
