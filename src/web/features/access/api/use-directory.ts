import {
  useQueries,
  useQuery,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Cluster } from './access.ts';
import { accessQueries } from './queries.ts';

function combineClusters(results: UseQueryResult<Cluster[]>[]) {
  return {
    clusters: results.flatMap((result) => result.data ?? []),
    error: results.find((result) => result.isError)?.error,
    isPending: results.some((result) => result.isPending),
    refetch: () => {
      for (const result of results) {
        if (result.isError) void result.refetch();
      }
    },
  };
}

/**
 * The organization's environments and every environment's Kafka clusters
 * (one list per environment, as Confluent requires), for names beside ids
 * and for the grant form's pickers.
 */
export function useDirectory() {
  const environments = useQuery(accessQueries.environments());
  const clusters = useQueries({
    queries: (environments.data ?? []).map((environment) =>
      accessQueries.clusters(environment.id),
    ),
    combine: combineClusters,
  });
  return {
    environments: environments.data,
    clusters: environments.data ? clusters.clusters : undefined,
    error: environments.error ?? clusters.error,
    isPending: environments.isPending || clusters.isPending,
    retry: () => {
      if (environments.isError) void environments.refetch();
      clusters.refetch();
    },
  };
}
