export type RateLimitState = {
  limit: number;
  remaining: number;
  /** Seconds until the window resets, relative to now (as the upstream sends it). */
  resetSeconds: number;
  allowed: boolean;
};

/**
 * Fixed-window counter per credential, the model the upstream's
 * X-RateLimit-* headers describe. Windows of idle credentials are swept so
 * memory stays bounded by the number of active credentials.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; used: number }>();

  constructor(
    options: { limit: number; windowSeconds: number },
    now: () => number = Date.now,
  ) {
    this.#limit = options.limit;
    this.#windowMs = options.windowSeconds * 1000;
    this.#now = now;
  }

  take(key: string): RateLimitState {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      if (this.#windows.size > 10_000) this.#sweep(now);
      window = { start: now, used: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.used < this.#limit;
    if (allowed) window.used += 1;
    return {
      limit: this.#limit,
      remaining: this.#limit - window.used,
      resetSeconds: Math.max(
        1,
        Math.ceil((window.start + this.#windowMs - now) / 1000),
      ),
      allowed,
    };
  }

  reset(): void {
    this.#windows.clear();
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}
