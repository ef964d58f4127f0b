import { useSyncExternalStore } from 'react';

/** The upstream's request budget, as the last X-RateLimit-* headers told it. */
export type RateBudget = {
  /** Requests allowed per window (X-RateLimit-Limit), if sent. */
  limit: number | undefined;
  /** Requests left in the current window (X-RateLimit-Remaining). */
  remaining: number;
  /** When the window resets, in ms since the epoch. */
  resetAt: number;
  /** When the response carrying these headers arrived, in ms since the epoch. */
  receivedAt: number;
};

/**
 * The budget counts as low below this many requests, or below
 * {@link LOW_BUDGET_FRACTION} of the limit when that is fewer. One screen
 * spends a handful of requests (list, prefetch, provider, counts) and a bulk
 * walk one per 100 pools, so 50 warns a few screens ahead on a large budget
 * without nagging; the fraction keeps a small budget (say 60 a minute) from
 * looking low all the time.
 */
export const LOW_BUDGET_REQUESTS = 50;
export const LOW_BUDGET_FRACTION = 0.2;

// Confluent (and the emulator) send X-RateLimit-Reset as seconds from now.
// Some APIs send an epoch time instead; a value this large cannot be a
// window length (it is 31 years), so it is read as epoch seconds.
const EPOCH_SECONDS_FROM = 1_000_000_000;

function headerNumber(headers: Headers, name: string): number | undefined {
  const text = headers.get(name)?.trim();
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads X-RateLimit-Limit, -Remaining and -Reset; undefined unless both
 * Remaining and Reset are present and numeric. Reset is seconds until the
 * window resets (Confluent's meaning), or an epoch time in seconds.
 */
export function parseRateLimitHeaders(
  headers: Headers,
  now: number = Date.now(),
): RateBudget | undefined {
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  if (remaining === undefined || reset === undefined) return undefined;
  return {
    limit: headerNumber(headers, 'x-ratelimit-limit'),
    remaining: Math.floor(remaining),
    resetAt: reset >= EPOCH_SECONDS_FROM ? reset * 1000 : now + reset * 1000,
    receivedAt: now,
  };
}

/** How few remaining requests count as low for a given limit. */
export function lowBudgetThreshold(limit: number | undefined): number {
  if (limit === undefined) return LOW_BUDGET_REQUESTS;
  return Math.min(LOW_BUDGET_REQUESTS, Math.ceil(limit * LOW_BUDGET_FRACTION));
}

/**
 * Whether the budget is low right now. Once its reset time has passed the
 * window has refilled, so an old low reading no longer counts.
 */
export function isBudgetLow(
  budget: RateBudget | undefined,
  now: number = Date.now(),
): budget is RateBudget {
  return (
    budget !== undefined &&
    now < budget.resetAt &&
    budget.remaining < lowBudgetThreshold(budget.limit)
  );
}

// One budget per page: every tab of Lifeguard's server spends the same
// organisation's upstream budget, and the latest answer knows it best.
let current: RateBudget | undefined;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** Notes the budget a response reports (from its headers); ignores responses without one. */
export function recordRateLimit(
  headers: Headers,
  now: number = Date.now(),
): void {
  const next = parseRateLimitHeaders(headers, now);
  if (!next) return;
  current = next;
  notify();
}

/** The last budget reported, if any response has reported one. */
export function getRateBudget(): RateBudget | undefined {
  return current;
}

/** Forgets the budget (tests start from none). */
export function resetRateBudget(): void {
  current = undefined;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last budget reported, re-rendering whenever a response reports another. */
export function useRateBudget(): RateBudget | undefined {
  return useSyncExternalStore(subscribe, getRateBudget, () => undefined);
}
