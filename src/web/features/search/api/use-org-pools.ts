import {
  useQueries,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { indexPools, type IndexedPool } from '../search-index.ts';
import type { OrgPoolSource, Pool, Provider } from './org-pools.ts';
import { orgSearchQueries } from './queries.ts';

/** One provider's part of the search. */
export type ProviderPools = {
  provider: Provider;
  pools: Pool[] | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  /** Its walk, while it runs; undefined while it waits for its turn. */
  progress: WalkProgress | undefined;
  dataUpdatedAt: number;
  retry: () => void;
};

type PoolQueryState = Pick<
  UseQueryResult<Pool[]>,
  'data' | 'error' | 'isError' | 'isFetching' | 'dataUpdatedAt' | 'refetch'
>;

// Module-level, so React Query re-runs it only when a query's state changes;
// its structural sharing then keeps `lists` the same array while no
// provider's pools changed, and the index is not rebuilt on a keystroke.
function combinePools(results: UseQueryResult<Pool[]>[]) {
  return {
    states: results.map((result): PoolQueryState => ({
      data: result.data,
      error: result.error,
      isError: result.isError,
      isFetching: result.isFetching,
      dataUpdatedAt: result.dataUpdatedAt,
      refetch: result.refetch,
    })),
    lists: results.map((result) => result.data),
  };
}

// Per provider's pool list, so a provider that did not change is not
// indexed again when another one loads.
const indexCache = new WeakMap<
  Pool[],
  { providerName: string; entries: IndexedPool[] }
>();

function indexOf(provider: Provider, pools: Pool[]): IndexedPool[] {
  const cached = indexCache.get(pools);
  if (cached?.providerName === provider.display_name) return cached.entries;
  const entries = indexPools(provider, pools);
  indexCache.set(pools, { providerName: provider.display_name, entries });
  return entries;
}

/**
 * Every pool of every provider, one provider at a time, each cached on its
 * own: a provider that fails keeps the others' pools, and can be retried
 * alone. `stop` cancels what is still loading; `resume` loads what is missing.
 */
export function useOrgPools(source: OrgPoolSource) {
  const queryClient = useQueryClient();
  const providersQuery = useQuery(orgSearchQueries.providers(source));
  const providers = providersQuery.data;
  const [progress, setProgress] = useState<
    Record<string, WalkProgress | undefined>
  >({});
  const [isStopped, setIsStopped] = useState(false);

  const poolQueries = useMemo(
    () =>
      (providers ?? []).map((provider) =>
        orgSearchQueries.pools(source, provider.id, (next) =>
          setProgress((all) => ({ ...all, [provider.id]: next })),
        ),
      ),
    [providers, source],
  );
  const { states, lists } = useQueries({
    queries: poolQueries,
    combine: combinePools,
  });

  const entries = useMemo(
    () =>
      (providers ?? []).flatMap((provider, index) => {
        const pools = lists[index];
        return pools ? indexOf(provider, pools) : [];
      }),
    [providers, lists],
  );

  const byProvider: ProviderPools[] = (providers ?? []).map(
    (provider, index) => {
      const state = states[index];
      return {
        provider,
        pools: state?.data,
        error: state?.error,
        isError: state?.isError ?? false,
        isFetching: state?.isFetching ?? false,
        progress: state?.isFetching ? progress[provider.id] : undefined,
        dataUpdatedAt: state?.dataUpdatedAt ?? 0,
        retry: () => {
          setIsStopped(false);
          void state?.refetch();
        },
      };
    },
  );

  const stop = useCallback(() => {
    setIsStopped(true);
    void queryClient.cancelQueries({
      queryKey: orgSearchQueries.providers(source).queryKey,
      exact: true,
    });
    for (const options of poolQueries) {
      void queryClient.cancelQueries({
        queryKey: options.queryKey,
        exact: true,
      });
    }
  }, [queryClient, source, poolQueries]);

  // useQuery's result is a new object every render: depend on its parts.
  const { data: providersData, refetch: refetchProviders } = providersQuery;
  const resume = useCallback(() => {
    setIsStopped(false);
    if (providersData === undefined) {
      void refetchProviders();
      return;
    }
    for (const state of states) {
      if (state.data === undefined && !state.isFetching) void state.refetch();
    }
  }, [providersData, refetchProviders, states]);

  const refresh = useCallback(() => {
    setIsStopped(false);
    void refetchProviders();
    for (const state of states) void state.refetch();
  }, [refetchProviders, states]);

  return {
    providersQuery,
    providers,
    byProvider,
    entries,
    isFetching:
      providersQuery.isFetching || states.some((state) => state.isFetching),
    isStopped,
    stop,
    resume,
    refresh,
  };
}
