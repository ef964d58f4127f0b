import { abortableSleep } from './abortable-sleep.ts';
import { pageTokenOf } from '#contract/page-token.ts';
import { getRateBudget, isBudgetLow, type RateBudget } from './rate-limit.ts';
import { retryDelay, shouldRetry } from './retry-policy.ts';

/**
 * The largest page a Confluent list serves (docs/confluent-api.md §3.1): a
 * walk costs one request per this many items.
 */
export const WALK_PAGE_SIZE = 100;

// A little past the reset, so the first request of the new window is not
// counted against the old one by a clock a few ms apart.
const RESET_MARGIN_MS = 250;

/** One page of a Confluent list, as far as a walk reads it. */
export type ListPage<T> = {
  /** The service may leave out a null `data`: an empty page, not the end. */
  data?: readonly T[] | null;
  metadata: {
    /** The next page's link; absent, null or empty on the last page. */
    next?: string | null;
    /** Items in the whole list, when the service says. */
    total_size?: number | null;
  };
};

/** Where a walk over every page of a list stands, for its progress view. */
export type WalkProgress = {
  /** Items fetched so far. */
  fetched: number;
  /** Items in the whole list, once a page has said. */
  total: number | undefined;
  /**
   * Set while the walk waits (until when, in ms since the epoch): for the
   * budget's window to reset, or to retry the page that failed with `error`.
   */
  waiting?:
    | { reason: 'budget'; until: number }
    | { reason: 'retry'; until: number; error: unknown };
};

/** Asks for one page: the first when `pageToken` is undefined. */
export type FetchPage<T> = (
  page: { pageSize: number; pageToken?: string },
  signal: AbortSignal,
) => Promise<ListPage<T>>;

export type PacedWalkOptions = {
  /** Stops the walk at once, mid-request or mid-wait; it rejects with the reason. */
  signal: AbortSignal;
  onProgress?: (progress: WalkProgress) => void;
  /**
   * Waits out a low budget before the first page too, not only between
   * pages: for a walk that follows others on the same budget.
   */
  paceFirstPage?: boolean;
  /**
   * Whether a failed page is tried again here (the default). False where a
   * query retries the whole walk itself, and shows its own countdown.
   */
  retry?: boolean;
  /** The seams below are for tests; the defaults are the real ones. */
  budget?: () => RateBudget | undefined;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/**
 * Every item of a paged list, page after page, paced by the upstream's
 * budget (src/web/lib/rate-limit.ts): before a page it waits for the window
 * to reset when the budget is low, leaving what is left to people clicking
 * around. A failed page is tried again as a query would be
 * (src/web/lib/retry-policy.ts: Retry-After on a 429, backoff on a 5xx).
 * `onProgress` hears where the walk stands before each page and each wait.
 * Rejects with the page's error when it gives up, or the abort reason.
 */
export async function walkPages<T>(
  fetchPage: FetchPage<T>,
  {
    signal,
    onProgress = () => {},
    paceFirstPage = false,
    retry = true,
    budget = getRateBudget,
    random = Math.random,
    now = Date.now,
    sleep = abortableSleep,
  }: PacedWalkOptions,
): Promise<T[]> {
  const items: T[] = [];
  let total: number | undefined;
  let pageToken: string | undefined;
  let isFirst = true;

  async function wait(
    waiting: NonNullable<WalkProgress['waiting']>,
  ): Promise<void> {
    onProgress({ fetched: items.length, total, waiting });
    await sleep(waiting.until - now(), signal);
  }

  do {
    if (signal.aborted) throw signal.reason;
    if (!isFirst || paceFirstPage) {
      const left = budget();
      if (isBudgetLow(left, now())) {
        await wait({ reason: 'budget', until: left.resetAt + RESET_MARGIN_MS });
      }
    }
    isFirst = false;
    onProgress({ fetched: items.length, total });
    const page = await withRetries(
      () => fetchPage({ pageSize: WALK_PAGE_SIZE, pageToken }, signal),
      { signal, random, retry },
      (delay, error) => wait({ reason: 'retry', until: now() + delay, error }),
    );
    // A fetcher that finished despite the abort: its page is not wanted.
    if (signal.aborted) throw signal.reason;
    items.push(...(page.data ?? []));
    total = page.metadata.total_size ?? undefined;
    pageToken = pageTokenOf(page.metadata.next);
  } while (pageToken);
  return items;
}

// One page, tried again as a query would be; `wait` sleeps between tries.
async function withRetries<T>(
  fetchPage: () => Promise<T>,
  {
    signal,
    random,
    retry,
  }: { signal: AbortSignal; random: () => number; retry: boolean },
  wait: (delay: number, error: unknown) => Promise<void>,
): Promise<T> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await fetchPage();
    } catch (error) {
      if (!retry || signal.aborted || !shouldRetry(failures, error)) {
        throw error;
      }
      await wait(retryDelay(failures, error, random), error);
    }
  }
}
