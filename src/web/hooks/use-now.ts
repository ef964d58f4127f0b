import { useMemo, useSyncExternalStore } from 'react';

// The time as an external store, so that render stays pure: read when first
// asked, then once a second until `at` has passed. Reads in between agree,
// as useSyncExternalStore requires.
function createClock(at: number) {
  let now: number | undefined;
  const read = () => (now ??= Date.now());
  const subscribe = (onTick: () => void) => {
    if (read() >= at) return () => {};
    const timer = setInterval(() => {
      now = Date.now();
      if (now >= at) clearInterval(timer);
      onTick();
    }, 1_000);
    return () => clearInterval(timer);
  };
  return { read, subscribe };
}

/** Whole seconds from `now` until `at`, never below zero. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Whole seconds left until `at` (ms since the epoch), counting down once a
 * second and stopping at 0; undefined when there is no `at`. A stopped clock
 * costs no timer.
 */
export function useSecondsUntil(at: number | undefined): number | undefined {
  // A new `at` gets a new clock, read afresh.
  const clock = useMemo(() => createClock(at ?? -Infinity), [at]);
  const now = useSyncExternalStore(clock.subscribe, clock.read);
  return at === undefined ? undefined : secondsUntil(at, now);
}
