import { ApiError } from './errors.ts';

/**
 * Tries in total (the first plus retries) for a read that failed in a way
 * that may pass: a 500, 502, 503 or 504, or no answer at all (status 0).
 */
export const MAX_TRANSIENT_TRIES = 3;

/** Tries in total for a read answered 429 whose Retry-After we honour. */
export const MAX_RATE_LIMITED_TRIES = 5;

/**
 * The longest Retry-After a read waits for by itself. Longer than this, a
 * spinner is worse than an honest error that says when to try again, and
 * retrying sooner than asked would only earn another 429.
 */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Added after Retry-After, so tabs and pages that were refused together do not return together. */
export const RATE_LIMIT_JITTER_MS = 1_000;

/** First backoff step; it doubles per failure up to {@link BACKOFF_CAP_MS}. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 10_000;

const TRANSIENT_STATUSES = new Set([0, 500, 502, 503, 504]);

/** A failure that may pass by itself: no answer, or a 500, 502, 503 or 504. */
export function isTransientFailure(error: unknown): error is ApiError {
  return error instanceof ApiError && TRANSIENT_STATUSES.has(error.status);
}

function retryAfterMs(error: ApiError): number | undefined {
  return error.retryAfterSeconds === undefined
    ? undefined
    : error.retryAfterSeconds * 1000;
}

/**
 * Whether a read (never a write) that failed `failureCount + 1` times so far
 * should be tried again; `failureCount` counts earlier failures, as React
 * Query passes it. Other 4xx never change by themselves, and anything that is
 * not an ApiError is a bug or a bad body, which retrying would not fix.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 429) {
    const wait = retryAfterMs(error);
    if (wait !== undefined && wait > RETRY_AFTER_CAP_MS) return false;
    return failureCount + 1 < MAX_RATE_LIMITED_TRIES;
  }
  if (isTransientFailure(error)) {
    return failureCount + 1 < MAX_TRANSIENT_TRIES;
  }
  return false;
}

/**
 * Milliseconds to wait before the next try. A 429 waits its Retry-After plus
 * up to {@link RATE_LIMIT_JITTER_MS}, never less (capped at
 * {@link RETRY_AFTER_CAP_MS}); everything else backs off exponentially
 * (1 s, 2 s, 4 s … up to {@link BACKOFF_CAP_MS}) with "equal jitter": half
 * the step fixed, half random. `random` returns [0, 1) like Math.random.
 */
export function retryDelay(
  failureCount: number,
  error: unknown,
  random: () => number,
): number {
  if (error instanceof ApiError && error.status === 429) {
    const wait = retryAfterMs(error);
    if (wait !== undefined) {
      return (
        Math.min(wait, RETRY_AFTER_CAP_MS) + random() * RATE_LIMIT_JITTER_MS
      );
    }
  }
  const step = Math.min(BACKOFF_BASE_MS * 2 ** failureCount, BACKOFF_CAP_MS);
  return step / 2 + (random() * step) / 2;
}
