import { queryOptions } from '@tanstack/react-query';
import {
  walkPages,
  type PacedWalkOptions,
  type WalkProgress,
} from '@/lib/paced-walk.ts';
import {
  listPools,
  type Pool,
  type PoolList,
  type PoolListParams,
} from './pools.ts';
import { poolQueries } from './queries.ts';

export type AllPoolsOptions = PacedWalkOptions & {
  /** For tests; the default asks the API. */
  listPage?: (params: PoolListParams, signal: AbortSignal) => Promise<PoolList>;
};

/**
 * Every pool of a provider, walked page by page at the API budget's pace
 * (see {@link walkPages}: waits, retries, abort, progress).
 */
export function listAllPools(
  providerId: string,
  { listPage = listPools, ...options }: AllPoolsOptions,
): Promise<Pool[]> {
  return walkPages(
    (page, signal) => listPage({ providerId, ...page }, signal),
    options,
  );
}

/** A walk costs a request per 100 pools: its copy stays fresh for a while. */
export const ALL_POOLS_STALE_MS = 5 * 60_000;

/**
 * Every pool of a provider, walked with {@link listAllPools}; `onProgress`
 * hears the walk. Kept under the provider's list key (the org-wide search
 * keeps its copy there too), so a write that refreshes the provider's lists
 * refreshes this as well. Not in queries.ts: that module ships with the first
 * screen, this walker need not.
 */
export function allPoolsQuery(
  providerId: string,
  onProgress: (progress: WalkProgress) => void = () => {},
) {
  // The progress callback is not part of the data: one cached walk serves
  // whoever listens.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [...poolQueries.providerLists(providerId), 'every'] as const,
    queryFn: ({ signal }) => listAllPools(providerId, { signal, onProgress }),
    // The walker already retries each failed page as the policy says.
    retry: false,
    staleTime: ALL_POOLS_STALE_MS,
  });
}
