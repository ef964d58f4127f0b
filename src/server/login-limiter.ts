/**
 * Counts failed sign-ins per key (an address, a username) in a sliding
 * window. @fastify/rate-limit counts requests; this counts failures, so a
 * user who types their password right is never slowed by others' guesses
 * from the same office address until those guesses pile up.
 */
export class FailureLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #capacity: number;
  readonly #failures = new Map<string, number[]>();

  constructor(max: number, windowMs: number, capacity = 10_000) {
    this.#max = max;
    this.#windowMs = windowMs;
    this.#capacity = capacity;
  }

  #recent(key: string, now: number): number[] {
    const times = (this.#failures.get(key) ?? []).filter(
      (at) => now - at < this.#windowMs,
    );
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const times = this.#recent(key, now);
    if (times.length < this.#max) return 0;
    return times[times.length - this.#max]! + this.#windowMs - now;
  }

  fail(key: string, now = Date.now()): void {
    const times = this.#recent(key, now);
    times.push(now);
    this.#failures.delete(key);
    this.#failures.set(key, times.slice(-this.#max));
    // Oldest keys go first, so a flood of names cannot exhaust memory.
    while (this.#failures.size > this.#capacity) {
      this.#failures.delete(this.#failures.keys().next().value!);
    }
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }
}
