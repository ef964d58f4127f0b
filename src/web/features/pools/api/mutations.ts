import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createPool,
  deletePool,
  updatePool,
  type Pool,
  type PoolCreateInput,
  type PoolUpdateBody,
} from './pools.ts';
import { poolQueries, testCaseQueries } from './queries.ts';
import {
  createTestCase,
  deleteTestCase,
  type TestCaseInput,
} from './test-cases.ts';

// Writes are pessimistic (server validation must reach the form); each hook
// owns its cache effects and returns the invalidation so isPending covers it.

export function useCreatePool(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (input: PoolCreateInput) => createPool(providerId, input),
    onSuccess: (pool: Pool) => {
      queryClient.setQueryData(
        poolQueries.detail(providerId, pool.id).queryKey,
        pool,
      );
      // Pool counts on the providers page are pool lists too.
      return queryClient.invalidateQueries({
        queryKey: poolQueries.providerLists(providerId),
      });
    },
  });
}

export function useUpdatePool(providerId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: PoolUpdateBody) => updatePool(providerId, poolId, body),
    onSuccess: (pool: Pool) => {
      queryClient.setQueryData(
        poolQueries.detail(providerId, poolId).queryKey,
        pool,
      );
      return queryClient.invalidateQueries({
        queryKey: poolQueries.providerLists(providerId),
      });
    },
  });
}

export function useDeletePool(providerId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => deletePool(providerId, poolId),
    onSuccess: async () => {
      // Pool counts on the providers page are pool lists too.
      await queryClient.invalidateQueries({
        queryKey: poolQueries.providerLists(providerId),
      });
      // Last, right before the caller navigates away: removing it earlier
      // would make the still-mounted detail page refetch and flash a 404.
      queryClient.removeQueries({
        queryKey: poolQueries.detail(providerId, poolId).queryKey,
      });
    },
  });
}

export function useCreateTestCase(providerId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (input: TestCaseInput) =>
      createTestCase(providerId, poolId, input),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: testCaseQueries.list(providerId, poolId).queryKey,
      }),
  });
}

export function useDeleteTestCase(providerId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteTestCase(providerId, poolId, id),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: testCaseQueries.list(providerId, poolId).queryKey,
      }),
  });
}
