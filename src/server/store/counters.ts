import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema.ts';

export type CounterHit = {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the current window ends (ms since the epoch). */
  resetAt: number;
};

/** Counters kept at most; past it, those whose windows end first go. */
export const MAX_COUNTERS = 100_000;

/**
 * Hits per key in fixed windows, shared by every replica: per-client
 * request budgets, and "only the first of this window" decisions.
 */
export class Counters {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  /**
   * Counts a hit on `key`. A window of `windowMs` starts at a key's first
   * hit and a new one at the first hit after it ends. One upsert does it,
   * which both dialects apply atomically per key, so replicas racing on a
   * key never lose a hit.
   */
  async hit(
    key: string,
    windowMs: number,
    now = Date.now(),
  ): Promise<CounterHit> {
    const row = await this.#db
      .insertInto('counters')
      .values({ key, window_start: now, expires_at: now + windowMs, hits: 1 })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet((eb) => {
          const ended = eb('counters.expires_at', '<=', now);
          return {
            hits: eb
              .case()
              .when(ended)
              .then(1)
              .else(eb('counters.hits', '+', 1))
              .end(),
            window_start: eb
              .case()
              .when(ended)
              .then(now)
              .else(eb.ref('counters.window_start'))
              .end(),
            expires_at: eb
              .case()
              .when(ended)
              .then(now + windowMs)
              .else(eb.ref('counters.expires_at'))
              .end(),
          };
        }),
      )
      .returning(['hits', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { count: row.hits, resetAt: row.expires_at };
  }

  /**
   * Drops counters whose window has ended, and past `keep` those whose
   * windows end first (a flood of new clients then forgets the oldest, as
   * an LRU would); returns how many went.
   */
  async purge(now = Date.now(), keep = MAX_COUNTERS): Promise<number> {
    const expired = await this.#db
      .deleteFrom('counters')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    let removed = Number(expired.numDeletedRows);
    const edge = await this.#db
      .selectFrom('counters')
      .select('expires_at')
      .orderBy('expires_at', 'desc')
      .limit(1)
      .offset(keep)
      .executeTakeFirst();
    if (edge) {
      const over = await this.#db
        .deleteFrom('counters')
        .where('expires_at', '<=', edge.expires_at)
        .executeTakeFirst();
      removed += Number(over.numDeletedRows);
    }
    return removed;
  }
}
