import type { LoginFailures } from './store/login-failures.ts';

/**
 * Counts failed sign-ins per key (an address, a username) in a sliding
 * window. @fastify/rate-limit counts requests; this counts failures, so a
 * user who types their password right is never slowed by others' guesses
 * from the same office address until those guesses pile up. The failures
 * are kept in the store, so guesses spread over several replicas add up.
 */
export class FailureLimiter {
  readonly #failures: LoginFailures;
  readonly #scope: string;
  readonly #max: number;
  readonly #windowMs: number;

  /** `scope` keeps keys of different limiters apart (a user named like an address). */
  constructor(
    failures: LoginFailures,
    scope: string,
    max: number,
    windowMs: number,
  ) {
    this.#failures = failures;
    this.#scope = scope;
    this.#max = max;
    this.#windowMs = windowMs;
  }

  #key(key: string) {
    return `${this.#scope}:${key}`;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  async retryAfterMs(key: string, now = Date.now()): Promise<number> {
    const times = await this.#failures.recent(
      this.#key(key),
      now - this.#windowMs,
      this.#max,
    );
    if (times.length < this.#max) return 0;
    return times[this.#max - 1]! + this.#windowMs - now;
  }

  async fail(key: string, now = Date.now()): Promise<void> {
    // Only the newest `max` decide when the key may try again.
    await this.#failures.record(this.#key(key), this.#max, now);
  }

  async reset(key: string): Promise<void> {
    await this.#failures.clear(this.#key(key));
  }
}
