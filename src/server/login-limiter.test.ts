import { expect, test } from 'vitest';
import { FailureLimiter } from './login-limiter.ts';

test('after max failures in the window a key waits until the oldest leaves it', () => {
  const limiter = new FailureLimiter(3, 1000);
  limiter.fail('a', 0);
  limiter.fail('a', 100);
  expect(limiter.retryAfterMs('a', 200)).toBe(0);
  limiter.fail('a', 200);
  expect(limiter.retryAfterMs('a', 300)).toBe(700);
  expect(limiter.retryAfterMs('b', 300)).toBe(0);
  expect(limiter.retryAfterMs('a', 1000)).toBe(0);
});

test('a reset clears a key', () => {
  const limiter = new FailureLimiter(1, 1000);
  limiter.fail('a', 0);
  expect(limiter.retryAfterMs('a', 1)).toBeGreaterThan(0);
  limiter.reset('a');
  expect(limiter.retryAfterMs('a', 1)).toBe(0);
});

test('memory stays bounded however many keys fail', () => {
  const limiter = new FailureLimiter(1, 60_000, 100);
  for (let index = 0; index < 10_000; index += 1) limiter.fail(`k${index}`, 0);
  expect(limiter.retryAfterMs('k9999', 1)).toBeGreaterThan(0);
  // The oldest keys were dropped to keep within capacity.
  expect(limiter.retryAfterMs('k0', 1)).toBe(0);
});
