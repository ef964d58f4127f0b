import type { AccessNames } from '#contract/effective-access.ts';
import { useMemo } from 'react';
import {
  useQueries,
  useQuery,
  type UseQueryResult,
} from '@tanstack/react-query';
import { directoryQueries, type Cluster } from '@/lib/directory-queries.ts';

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
  const organization = useQuery(directoryQueries.organization());
  const environments = useQuery(directoryQueries.environments());
  const clusters = useQueries({
    queries: (environments.data ?? []).map((environment) =>
      directoryQueries.clusters(environment.id),
    ),
    combine: combineClusters,
  });
  const clusterList = environments.data ? clusters.clusters : undefined;
  const names = useMemo(
    () =>
      directoryNames({
        organization: organization.data,
        environments: environments.data,
        clusters: clusterList,
      }),
    [organization.data, environments.data, clusterList],
  );
  return {
    organization: organization.data,
    environments: environments.data,
    clusters: clusterList,
    /** Display names by id, to show beside ids. */
    names,
    error: environments.error ?? clusters.error,
    isPending: environments.isPending || clusters.isPending,
    retry: () => {
      if (environments.isError) void environments.refetch();
      clusters.refetch();
    },
  };
}

/** Display names by id (the organization, environments and clusters), to show beside ids. */
export function directoryNames(directory: {
  organization?: { id: string; display_name?: string } | undefined;
  environments?: readonly { id: string; display_name: string }[] | undefined;
  clusters?: readonly Cluster[] | undefined;
}): AccessNames {
  const names = new Map<string, string>();
  const { organization } = directory;
  if (organization?.display_name) {
    names.set(organization.id, organization.display_name);
  }
  for (const environment of directory.environments ?? []) {
    names.set(environment.id, environment.display_name);
  }
  for (const cluster of directory.clusters ?? []) {
    names.set(cluster.id, cluster.spec.display_name);
  }
  return names;
}
