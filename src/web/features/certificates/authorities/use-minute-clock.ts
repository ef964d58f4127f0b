import { useSyncExternalStore } from 'react';

const MINUTE_MS = 60_000;

function subscribe(onTick: () => void) {
  const timer = setInterval(onTick, MINUTE_MS);
  return () => clearInterval(timer);
}

// Whole minutes, so reads between two ticks agree (as
// useSyncExternalStore requires) and render stays pure.
function read() {
  return Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
}

/** The time to the minute, for expiry warnings that stay true as a page sits open. */
export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, read);
}
