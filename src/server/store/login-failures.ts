import type { Kysely } from 'kysely';
import { digest } from './digest.ts';
import type { StoreSchema } from './schema.ts';

/** Failure records kept at most; past it, the oldest go. */
export const MAX_LOGIN_FAILURES = 100_000;

/**
 * When sign-ins failed, per key (a username, an address), shared by every
 * replica so failures spread over several still add up. Keys are stored
 * as digests: people type passwords into the username field.
 */
export class LoginFailures {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  /** Records a failure of `key`, keeping only its newest `keep`. */
  async record(key: string, keep: number, now = Date.now()): Promise<void> {
    const keyHash = digest(key);
    await this.#db
      .insertInto('login_failures')
      .values({ key_hash: keyHash, at: now })
      .execute();
    await this.#db
      .deleteFrom('login_failures')
      .where('key_hash', '=', keyHash)
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('login_failures')
          .select('id')
          .where('key_hash', '=', keyHash)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(keep),
      )
      .execute();
  }

  /** The times `key` failed since `since`, newest first, `limit` at most. */
  async recent(key: string, since: number, limit: number): Promise<number[]> {
    const rows = await this.#db
      .selectFrom('login_failures')
      .select('at')
      .where('key_hash', '=', digest(key))
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.at);
  }

  async clear(key: string): Promise<void> {
    await this.#db
      .deleteFrom('login_failures')
      .where('key_hash', '=', digest(key))
      .execute();
  }

  /**
   * Drops failures at or before `before`, and past `keep` the oldest (a
   * flood of names then forgets the oldest, as the in-memory limiter
   * did); returns how many went.
   */
  async purge(before: number, keep = MAX_LOGIN_FAILURES): Promise<number> {
    const old = await this.#db
      .deleteFrom('login_failures')
      .where('at', '<=', before)
      .executeTakeFirst();
    let removed = Number(old.numDeletedRows);
    const edge = await this.#db
      .selectFrom('login_failures')
      .select('at')
      .orderBy('at', 'desc')
      .limit(1)
      .offset(keep)
      .executeTakeFirst();
    if (edge) {
      const over = await this.#db
        .deleteFrom('login_failures')
        .where('at', '<=', edge.at)
        .executeTakeFirst();
      removed += Number(over.numDeletedRows);
    }
    return removed;
  }
}
