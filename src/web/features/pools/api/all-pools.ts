import { queryOptions } from '@tanstack/react-query';
import {
  getRateBudget,
  isBudgetLow,
  type RateBudget,
} from '@/lib/rate-limit.ts';
import { retryDelay, shouldRetry } from '@/lib/retry-policy.ts';
import {
  listPools,
  pageTokenOf,
  type Pool,
  type PoolList,
  type PoolListParams,
} from './pools.ts';
import { poolQueries } from './queries.ts';

const PAGE_SIZE = 100;

// A little past the reset, so the first request of the new window is not
// counted against the old one by a clock a few ms apart.
const RESET_MARGIN_MS = 250;

/** Where a walk over every page stands, for its progress line. */
export type WalkProgress = {
  fetched: number;
  total: number | undefined;
  /** Set while the walk waits: for the budget to reset, or to retry a failed page. */
  waiting?:
    | { reason: 'budget'; until: number }
    | { reason: 'retry'; until: number; error: unknown };
};

export type WalkOptions = {
  signal: AbortSignal;
  onProgress: (progress: WalkProgress) => void;
  /** The seams below are for tests; the defaults are the real ones. */
  listPage?: (params: PoolListParams, signal: AbortSignal) => Promise<PoolList>;
  budget?: () => RateBudget | undefined;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

// One page, tried again as a query would be; `wait` sleeps between tries.
async function withRetries<T>(
  fetchPage: () => Promise<T>,
  { signal, random }: { signal: AbortSignal; random: () => number },
  wait: (delay: number, error: unknown) => Promise<void>,
): Promise<T> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await fetchPage();
    } catch (error) {
      if (signal.aborted || !shouldRetry(failures, error)) throw error;
      await wait(retryDelay(failures, error, random), error);
    }
  }
}

/**
 * Every pool of a provider, page by page, paced by the upstream's budget:
 * between pages it waits for the window to reset when the budget is low
 * (leaving what is left to people clicking around), and a failed page is
 * retried as a query would be (Retry-After on a 429, backoff on a 5xx).
 * Rejects with the page's error when it gives up, or the abort reason.
 */
export async function listAllPools(
  providerId: string,
  {
    signal,
    onProgress,
    listPage = listPools,
    budget = getRateBudget,
    random = Math.random,
    now = Date.now,
    sleep = abortableSleep,
  }: WalkOptions,
): Promise<Pool[]> {
  const pools: Pool[] = [];
  let total: number | undefined;
  let pageToken: string | undefined;
  do {
    onProgress({ fetched: pools.length, total });
    const list = await withRetries(
      () => listPage({ providerId, pageSize: PAGE_SIZE, pageToken }, signal),
      { signal, random },
      (delay, error) => {
        onProgress({
          fetched: pools.length,
          total,
          waiting: { reason: 'retry', until: now() + delay, error },
        });
        return sleep(delay, signal);
      },
    );
    // The service may leave out a null `data`: an empty page, not the end.
    pools.push(...(list.data ?? []));
    total = list.metadata.total_size ?? undefined;
    pageToken = pageTokenOf(list.metadata.next);
    const left = budget();
    if (pageToken && isBudgetLow(left, now())) {
      const until = left.resetAt + RESET_MARGIN_MS;
      onProgress({
        fetched: pools.length,
        total,
        waiting: { reason: 'budget', until },
      });
      await sleep(until - now(), signal);
    }
  } while (pageToken);
  return pools;
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
