import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema.ts';

/** An OpenID Connect sign-in between its start and the provider's redirect back. */
export type PendingSignIn = {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  startedAt: number;
};

/**
 * Sign-ins in progress, by their `state`, shared so the provider's
 * redirect may come back to another replica than the one that started it.
 */
export class PendingSignIns {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  async add(state: string, pending: PendingSignIn): Promise<void> {
    await this.#db
      .insertInto('pending_sign_ins')
      .values({
        state,
        code_verifier: pending.codeVerifier,
        nonce: pending.nonce,
        return_to: pending.returnTo,
        started_at: pending.startedAt,
      })
      .execute();
  }

  /**
   * The sign-in started with `state`, removed in the same statement: of
   * two callbacks racing with one state (a replay), only one gets it.
   */
  async take(state: string): Promise<PendingSignIn | undefined> {
    const row = await this.#db
      .deleteFrom('pending_sign_ins')
      .where('state', '=', state)
      .returningAll()
      .executeTakeFirst();
    return row
      ? {
          codeVerifier: row.code_verifier,
          nonce: row.nonce,
          returnTo: row.return_to,
          startedAt: row.started_at,
        }
      : undefined;
  }

  /**
   * Drops sign-ins started at or before `startedBefore`, and past `keep`
   * the oldest; returns how many went.
   */
  async purge(startedBefore: number, keep: number): Promise<number> {
    const old = await this.#db
      .deleteFrom('pending_sign_ins')
      .where('started_at', '<=', startedBefore)
      .executeTakeFirst();
    let removed = Number(old.numDeletedRows);
    const edge = await this.#db
      .selectFrom('pending_sign_ins')
      .select('started_at')
      .orderBy('started_at', 'desc')
      .limit(1)
      .offset(keep)
      .executeTakeFirst();
    if (edge) {
      const over = await this.#db
        .deleteFrom('pending_sign_ins')
        .where('started_at', '<=', edge.started_at)
        .executeTakeFirst();
      removed += Number(over.numDeletedRows);
    }
    return removed;
  }
}
