import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, getErrorMessage, isRoleRefusal } from './errors.ts';
import { isTransientFailure, retryDelay, shouldRetry } from './retry-policy.ts';
import { notify } from './notify.ts';

/**
 * The key of the signed-in session's query (features/session owns the
 * query). It lives here because every failed call may make it stale.
 */
export const SESSION_QUERY_KEY = ['session'] as const;

/** Whether a query key is the session's (e.g. to spare it when clearing the rest). */
export function isSessionQueryKey(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === SESSION_QUERY_KEY[0];
}

/**
 * A 401 from any call means the session may have ended, and a role refusal
 * that the role may have changed: either way the session is asked again,
 * which shows the sign-in (over the page, so nothing typed is lost).
 */
function isSessionDoubt(error: unknown): boolean {
  return (
    (error instanceof ApiError && error.status === 401) || isRoleRefusal(error)
  );
}

// When each failed query's next try is due, keyed by the failure itself:
// React Query keeps the failure as the query's failureReason but not the
// delay, so a countdown looks the delay up here by that same object.
const retryDueAt = new WeakMap<object, number>();

/**
 * When a query that failed with `failureReason` will try again by itself
 * (ms since the epoch), if a retry was scheduled for that failure.
 */
export function scheduledRetryAt(failureReason: unknown): number | undefined {
  return typeof failureReason === 'object' && failureReason !== null
    ? retryDueAt.get(failureReason)
    : undefined;
}

/**
 * Refetches the shown queries that failed for want of connectivity (no
 * answer, 500, 502, 503, 504), once it is back. Others, such as a 404, would
 * fail the same way again.
 */
export function refetchFailedQueries(client: QueryClient): Promise<void> {
  return client.refetchQueries({
    type: 'active',
    predicate: (query) =>
      query.state.status === 'error' && isTransientFailure(query.state.error),
  });
}

/** One QueryClient per app (and per test), with the project's defaults. */
export function createQueryClient(
  options: {
    /** false turns automatic retries off (most component tests). */
    retries?: boolean;
    /** The jitter's random source, [0, 1); injected for deterministic tests. */
    random?: () => number;
  } = {},
): QueryClient {
  const random = options.random ?? Math.random;
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isSessionDoubt(error) && !isSessionQueryKey(query.queryKey)) {
          void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
          // The sign-in that follows explains it better than a toast.
          if (error instanceof ApiError && error.status === 401) return;
        }
        // A first load shows its error inline; a failed background refetch of
        // data already on screen says so in a toast instead.
        if (query.state.data !== undefined) {
          notify.error(`Could not refresh: ${getErrorMessage(error)}`);
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isSessionDoubt(error)) {
          void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
        }
        if (!mutation.options.onError && !mutation.meta?.handlesErrors) {
          notify.error(getErrorMessage(error));
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: options.retries === false ? false : shouldRetry,
        retryDelay: (failureCount, error) => {
          const delay = retryDelay(failureCount, error, random);
          if (typeof error === 'object' && error !== null) {
            retryDueAt.set(error, Date.now() + delay);
          }
          return delay;
        },
        refetchOnWindowFocus: false,
      },
      // A write may have been applied even when its answer was an error
      // (a 504, a dropped connection), so only the user decides to send it again.
      mutations: { retry: false },
    },
  });
  return client;
}
