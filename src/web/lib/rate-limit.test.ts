import { expect, test } from 'vitest';
import {
  getRateBudget,
  isBudgetLow,
  lowBudgetThreshold,
  parseRateLimitHeaders,
  recordRateLimit,
  resetRateBudget,
} from './rate-limit.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function headers(values: Record<string, string>) {
  return new Headers(values);
}

test('X-RateLimit-Reset is seconds from now, as Confluent and the emulator send it', () => {
  expect(
    parseRateLimitHeaders(
      headers({
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '12',
        'x-ratelimit-reset': '40',
      }),
      NOW,
    ),
  ).toEqual({
    limit: 1000,
    remaining: 12,
    resetAt: NOW + 40_000,
    receivedAt: NOW,
  });
});

test('a Reset too large to be a window length is read as epoch seconds', () => {
  const budget = parseRateLimitHeaders(
    headers({
      'x-ratelimit-remaining': '3',
      'x-ratelimit-reset': String(NOW / 1000 + 90),
    }),
    NOW,
  );
  expect(budget?.resetAt).toBe(NOW + 90_000);
  expect(budget?.limit).toBeUndefined();
});

test.each([
  [{}],
  [{ 'x-ratelimit-remaining': '5' }],
  [{ 'x-ratelimit-reset': '5' }],
  [{ 'x-ratelimit-remaining': '', 'x-ratelimit-reset': '5' }],
  [{ 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': '5' }],
  [{ 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': '5' }],
  [{ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': 'soon' }],
])('headers without a usable budget give none: %j', (values) => {
  expect(parseRateLimitHeaders(headers(values), NOW)).toBeUndefined();
});

test('low means under 50 requests, or under 20% of a limit when that is fewer', () => {
  expect(lowBudgetThreshold(10_000)).toBe(50);
  expect(lowBudgetThreshold(1_000)).toBe(50);
  expect(lowBudgetThreshold(60)).toBe(12);
  expect(lowBudgetThreshold(undefined)).toBe(50);
  const budget = (remaining: number, limit?: number) => ({
    limit,
    remaining,
    resetAt: NOW + 30_000,
    receivedAt: NOW,
  });
  expect(isBudgetLow(budget(12, 1_000), NOW)).toBe(true);
  expect(isBudgetLow(budget(49, 1_000), NOW)).toBe(true);
  expect(isBudgetLow(budget(50, 1_000), NOW)).toBe(false);
  expect(isBudgetLow(budget(11, 60), NOW)).toBe(true);
  expect(isBudgetLow(budget(20, 60), NOW)).toBe(false);
  expect(isBudgetLow(undefined, NOW)).toBe(false);
});

test('a low budget stops counting once its window has reset', () => {
  const budget = {
    limit: 1000,
    remaining: 0,
    resetAt: NOW + 30_000,
    receivedAt: NOW,
  };
  expect(isBudgetLow(budget, NOW + 29_999)).toBe(true);
  expect(isBudgetLow(budget, NOW + 30_000)).toBe(false);
});

test('the store keeps the latest reported budget and ignores responses without one', () => {
  resetRateBudget();
  recordRateLimit(
    headers({ 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': '10' }),
    NOW,
  );
  expect(getRateBudget()?.remaining).toBe(9);
  recordRateLimit(headers({ 'content-type': 'application/json' }), NOW);
  expect(getRateBudget()?.remaining).toBe(9);
  recordRateLimit(
    headers({ 'x-ratelimit-remaining': '900', 'x-ratelimit-reset': '60' }),
    NOW,
  );
  expect(getRateBudget()?.remaining).toBe(900);
  resetRateBudget();
  expect(getRateBudget()).toBeUndefined();
});
