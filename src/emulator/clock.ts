/** Microseconds since the epoch: the upstream's timestamps carry six decimals. */
export type Micros = number;

export type Clock = () => Micros;

export function systemClock(): Micros {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

/** RFC 3339 in UTC with microseconds, e.g. 2022-08-17T20:54:06.219057Z. */
export function formatMicros(value: Micros): string {
  const millis = Math.floor(value / 1000);
  const micros = String(value % 1_000_000).padStart(6, '0');
  return `${new Date(millis).toISOString().slice(0, 19)}.${micros}Z`;
}
