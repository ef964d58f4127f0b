import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '#contract/auth.ts';
import { digest } from './digest.ts';
import type { StoreSchema } from './schema.ts';

export type SessionLimits = { idleMs: number; maxMs: number };

/**
 * Signed-in browsers. Every replica reads the same rows, so a session
 * started through one works through all, and signing out or expiring ends
 * it everywhere.
 */
export class Sessions {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  /** A new session for `user`; the returned token goes in the cookie. */
  async create(user: SessionUser, now = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#db
      .insertInto('sessions')
      .values({
        token_hash: digest(token),
        user_id: user.id,
        user_name: user.name,
        role: user.role,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    return token;
  }

  /**
   * The session's user if it is neither idle past `idleMs` nor older than
   * `maxMs`; using it restarts the idle clock. An expired session is
   * removed.
   */
  async touch(
    token: string,
    limits: SessionLimits,
    now = Date.now(),
  ): Promise<SessionUser | undefined> {
    const hash = digest(token);
    // One statement checks and extends, so the common case is one round trip.
    const row = await this.#db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', hash)
      .where('last_seen_at', '>=', now - limits.idleMs)
      .where('created_at', '>=', now - limits.maxMs)
      .returning(['user_id', 'user_name', 'role'])
      .executeTakeFirst();
    if (row) {
      return {
        id: row.user_id,
        name: row.user_name,
        role: row.role as SessionUser['role'],
      };
    }
    await this.delete(token);
    return undefined;
  }

  async delete(token: string): Promise<void> {
    await this.#db
      .deleteFrom('sessions')
      .where('token_hash', '=', digest(token))
      .execute();
  }

  /** Drops every session past either limit; returns how many. */
  async purge(limits: SessionLimits, now = Date.now()): Promise<number> {
    const result = await this.#db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('last_seen_at', '<', now - limits.idleMs),
          eb('created_at', '<', now - limits.maxMs),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
