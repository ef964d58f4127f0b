import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError, getErrorMessage, isRoleRefusal } from './errors.ts';

const MAX_RETRIES = 2;

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

/** Retry 429 and server errors, never other 4xx (they will not change). */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return failureCount < MAX_RETRIES;
  if (error.status === 429) return failureCount < 5;
  if (error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** Honour Retry-After; otherwise exponential backoff with jitter. */
export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined) {
    return error.retryAfterSeconds * 1000 + Math.random() * 250;
  }
  return Math.min(1000 * 2 ** failureCount, 8000) * (0.5 + Math.random() / 2);
}

/** One QueryClient per app (and per test), with the project's defaults. */
export function createQueryClient(
  options: { retries?: boolean } = {},
): QueryClient {
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
          toast.error(`Could not refresh: ${getErrorMessage(error)}`);
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isSessionDoubt(error)) {
          void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
        }
        if (!mutation.options.onError && !mutation.meta?.handlesErrors) {
          toast.error(getErrorMessage(error));
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: options.retries === false ? false : shouldRetry,
        retryDelay,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
