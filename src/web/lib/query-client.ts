import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError, getErrorMessage } from './errors.ts';

const MAX_RETRIES = 2;

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
  return new QueryClient({
    queryCache: new QueryCache({
      // A first load shows its error inline; a failed background refetch of
      // data already on screen says so in a toast instead.
      onError: (error, query) => {
        if (query.state.data !== undefined) {
          toast.error(`Could not refresh: ${getErrorMessage(error)}`);
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
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
}
