import { expect, test } from 'vitest';
import { ApiError } from './errors.ts';
import {
  BACKOFF_CAP_MS,
  RATE_LIMIT_JITTER_MS,
  RETRY_AFTER_CAP_MS,
  retryDelay,
  shouldRetry,
} from './retry-policy.ts';

const failure = (status: number, retryAfterSeconds?: number) =>
  new ApiError({ status, retryAfterSeconds });

// React Query passes the number of earlier failures: 0 after the first try.
function triesMade(error: unknown): number {
  let failures = 0;
  while (shouldRetry(failures, error)) failures += 1;
  return failures + 1;
}

test.each([0, 500, 502, 503, 504])(
  'a read failing with %i is tried 3 times in all',
  (status) => {
    expect(triesMade(failure(status))).toBe(3);
  },
);

test.each([400, 401, 402, 403, 404, 409, 413, 422, 501, 505])(
  'a read failing with %i is never retried',
  (status) => {
    expect(shouldRetry(0, failure(status))).toBe(false);
  },
);

test('errors that are not API answers (a bug, a bad body) are not retried', () => {
  expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
  expect(shouldRetry(0, 'text')).toBe(false);
});

test('a 429 whose Retry-After is within the cap is tried up to 5 times', () => {
  expect(triesMade(failure(429, 5))).toBe(5);
  expect(triesMade(failure(429, RETRY_AFTER_CAP_MS / 1000))).toBe(5);
  expect(triesMade(failure(429))).toBe(5);
});

test('a 429 asking to wait longer than the cap is left to the user', () => {
  expect(shouldRetry(0, failure(429, RETRY_AFTER_CAP_MS / 1000 + 1))).toBe(
    false,
  );
});

test('a 429 waits its Retry-After plus up to a second of jitter, never less', () => {
  const error = failure(429, 4);
  expect(retryDelay(0, error, () => 0)).toBe(4_000);
  expect(retryDelay(3, error, () => 0.5)).toBe(
    4_000 + RATE_LIMIT_JITTER_MS / 2,
  );
  expect(retryDelay(0, error, () => 0.999_999)).toBeLessThan(
    4_000 + RATE_LIMIT_JITTER_MS,
  );
});

test('a 429 wait is capped', () => {
  expect(retryDelay(0, failure(429, 3_600), () => 0)).toBe(RETRY_AFTER_CAP_MS);
});

test('server errors back off exponentially with equal jitter', () => {
  const error = failure(503);
  // Half of each step is fixed, half random.
  expect(retryDelay(0, error, () => 0)).toBe(500);
  expect(retryDelay(0, error, () => 0.999_999)).toBeCloseTo(1_000, 0);
  expect(retryDelay(1, error, () => 0)).toBe(1_000);
  expect(retryDelay(2, error, () => 0.5)).toBe(3_000);
  expect(retryDelay(20, error, () => 0.999_999)).toBeCloseTo(BACKOFF_CAP_MS, 0);
  expect(retryDelay(20, error, () => 0)).toBe(BACKOFF_CAP_MS / 2);
});

test('a 429 without Retry-After backs off like a server error', () => {
  expect(retryDelay(1, failure(429), () => 0)).toBe(1_000);
});
