import type { QueryKey } from '@tanstack/react-query';
import type { components } from '#contract/schema.d.ts';
import {
  getRateBudget,
  isBudgetLow,
  type RateBudget,
} from '@/lib/rate-limit.ts';

export type Provider = components['schemas']['IdentityProvider'];
export type ProviderList = components['schemas']['IdentityProviderList'];
export type Pool = components['schemas']['IdentityPool'];

/** Where one provider's walk over its pool pages stands (the walker's own report). */
export type PoolWalkProgress = {
  fetched: number;
  total: number | undefined;
  waiting?:
    | { reason: 'budget'; until: number }
    | { reason: 'retry'; until: number; error: unknown };
};

/**
 * What the search reads the organisation with. Features do not import each
 * other, so the route module hands in the providers' fetcher and the pools'
 * paced walker, and the list keys the search keeps its copies under: writes
 * that invalidate those lists then refresh the search as well.
 */
export type OrgPoolSource = {
  providerListsKey: QueryKey;
  listProviders: (
    params: { pageSize: number; pageToken?: string },
    signal?: AbortSignal,
  ) => Promise<ProviderList>;
  poolListsKey: (providerId: string) => QueryKey;
  /** Every pool of a provider, paced by the API budget, retrying failed pages. */
  listAllPools: (
    providerId: string,
    options: {
      signal: AbortSignal;
      onProgress: (progress: PoolWalkProgress) => void;
    },
  ) => Promise<Pool[]>;
};

const PROVIDER_PAGE_SIZE = 100;

// A little past the reset, as the walker waits between pages.
const RESET_MARGIN_MS = 250;

function nextPageToken(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return (
      new URL(link, 'http://link.invalid').searchParams.get('page_token') ??
      undefined
    );
  } catch {
    return undefined;
  }
}

/** Every provider of the organisation, following the list's pages. */
export async function listEveryProvider(
  source: Pick<OrgPoolSource, 'listProviders'>,
  signal: AbortSignal,
): Promise<Provider[]> {
  const providers: Provider[] = [];
  let pageToken: string | undefined;
  do {
    const page = await source.listProviders(
      { pageSize: PROVIDER_PAGE_SIZE, pageToken },
      signal,
    );
    // The service may leave out a null `data`: an empty page, not the end.
    providers.push(...(page.data ?? []));
    pageToken = nextPageToken(page.metadata.next);
  } while (pageToken);
  return providers;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, Math.max(0, ms));
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

/**
 * Before a provider's first page: when the budget is low, waits for its
 * window to reset (the walker itself only looks between pages).
 */
export async function waitForBudget(
  signal: AbortSignal,
  onWait: (until: number) => void,
  {
    budget = getRateBudget,
    now = Date.now,
    wait = sleep,
  }: {
    budget?: () => RateBudget | undefined;
    now?: () => number;
    wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  } = {},
): Promise<void> {
  const left = budget();
  if (!isBudgetLow(left, now())) return;
  const until = left.resetAt + RESET_MARGIN_MS;
  onWait(until);
  await wait(until - now(), signal);
}

/** Runs tasks one at a time, in the order they were queued. */
export type SerialQueue = {
  /**
   * Runs `task` once every task queued before it has settled. Aborting
   * `signal` while it waits rejects with the abort reason and gives up its
   * turn; once running, the task is expected to watch `signal` itself.
   */
  run: <T>(task: () => Promise<T>, signal: AbortSignal) => Promise<T>;
};

export function createSerialQueue(): SerialQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
      const previous = tail;
      let release = () => {};
      const finished = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The next task waits for this one and, through it, for every earlier one.
      tail = previous.then(() => finished);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          release();
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void previous.then(async () => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) return;
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          } finally {
            release();
          }
        });
      });
    },
  };
}
