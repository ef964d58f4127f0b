import { useEffect, useReducer } from 'react';

/**
 * The current time (ms since the epoch), re-rendering every `intervalMs`
 * while `active`, for countdowns; a stopped clock costs no timer.
 */
export function useNow(active: boolean, intervalMs = 1_000): number {
  const [, tick] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return Date.now();
}

/** Whole seconds from `now` until `at`, never below zero. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Whole seconds left until `at` (ms since the epoch), counting down once a
 * second and stopping at 0; undefined when there is no `at`.
 */
export function useSecondsUntil(at: number | undefined): number | undefined {
  const now = useNow(at !== undefined && at > Date.now());
  return at === undefined ? undefined : secondsUntil(at, now);
}
