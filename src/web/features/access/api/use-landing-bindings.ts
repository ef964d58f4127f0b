import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RoleBinding } from './access.ts';
import { accessQueries } from './queries.ts';

/** How far reading the bindings of the pools a token lands in has got. */
export type LandingProgress = { done: number; total: number };

/**
 * The role bindings of each pool a token lands in, by pool id. One pool
 * after another rather than all at once: a broad token can land in dozens,
 * and each pool's walk is paced by the rate-limit budget. Each pool's list
 * is the Access tab's own query, so a grant or revoke there is seen here
 * and a list read there is not read again.
 */
export function useLandingBindings(poolIds: readonly string[]) {
  const queryClient = useQueryClient();
  const organization = useQuery(accessQueries.organization());
  const organizationId = organization.data?.id;
  const [progress, setProgress] = useState<LandingProgress>();
  const ids = [...new Set(poolIds)].sort();
  const bindings = useQuery({
    queryKey: [...accessQueries.all(), 'landings', organizationId, ids],
    queryFn: async ({ signal }) => {
      const byPool: Record<string, RoleBinding[]> = {};
      for (const [at, poolId] of ids.entries()) {
        signal.throwIfAborted();
        setProgress({ done: at, total: ids.length });
        byPool[poolId] = await queryClient.fetchQuery(
          accessQueries.poolBindings(poolId, organizationId!),
        );
      }
      return byPool;
    },
    enabled: organizationId !== undefined && ids.length > 0,
    // Grants and revokes invalidate the pools' own lists, not this key:
    // asking again costs nothing for the lists still fresh.
    staleTime: 0,
  });
  return {
    bindings,
    error: organization.error ?? bindings.error,
    isPending:
      ids.length > 0 &&
      (organization.isPending || (bindings.isPending && !bindings.isError)),
    progress: bindings.isFetching ? progress : undefined,
    retry: () =>
      void (organization.isError ? organization.refetch() : bindings.refetch()),
  };
}
