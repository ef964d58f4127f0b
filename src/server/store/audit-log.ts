import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AuditChange, AuditEntry, AuditQuery } from '#contract/audit.ts';
import type { AuthMode } from '#contract/auth.ts';
import type { AuditLogTable, Dialect, StoreSchema } from './schema.ts';

/** An entry before the store numbers and timestamps it. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

// See append(): every replica's inserts take this lock, so they run one at
// a time. Another key than the migrations' (migrate.ts).
const APPEND_LOCK = 7_470_133_002;

// Rows per INSERT: a provider's cascade can hold 10,000 pools, and
// PostgreSQL takes at most 65,535 parameters per statement (17 per row).
const ROWS_PER_INSERT = 500;

function toRow(entry: NewAuditEntry, at: string): Insertable<AuditLogTable> {
  return {
    at,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    actor_role: entry.actor.role,
    auth_mode: entry.actor.mode,
    method: entry.method,
    target: entry.target,
    action: entry.action,
    provider_id: entry.providerId,
    pool_id: entry.poolId,
    request_id: entry.requestId,
    client_request_id: entry.clientRequestId,
    outcome: entry.outcome,
    status: entry.status,
    reason: entry.reason,
    changes_json: JSON.stringify(entry.changes),
  };
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: {
      id: row.actor_id,
      name: row.actor_name,
      role: row.actor_role as AuditEntry['actor']['role'],
      mode: row.auth_mode as AuthMode,
    },
    method: row.method as AuditEntry['method'],
    target: row.target,
    action: row.action as AuditEntry['action'],
    providerId: row.provider_id,
    poolId: row.pool_id,
    requestId: row.request_id,
    clientRequestId: row.client_request_id,
    outcome: row.outcome as AuditEntry['outcome'],
    status: row.status,
    reason: row.reason,
    changes: JSON.parse(row.changes_json) as AuditChange[],
  };
}

/** The audit log: append-only (the database refuses anything else), read newest first. */
export class AuditLog {
  readonly #db: Kysely<StoreSchema>;
  readonly #dialect: Dialect;

  constructor(db: Kysely<StoreSchema>, dialect: Dialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /**
   * Appends the entries of one write (a provider and the pools that went
   * with it), all or none, numbered in order.
   *
   * Readers page by id, newest first, with `before` as the cursor, so an
   * entry must never become visible after one with a higher id: a reader
   * would have paged past it. SQLite has one writer at a time, so ids are
   * committed in order. PostgreSQL hands out sequence values as inserts
   * ask, and two transactions may commit in the other order. So each
   * append first takes a transaction-level advisory lock: appends from
   * every replica then run one at a time, and each commits (and becomes
   * visible, which PostgreSQL does before releasing its locks) before the
   * next one draws its ids. The cost is that audited writes are recorded
   * one commit after another across all replicas, far more than people
   * editing pools produce.
   */
  async append(
    entries: NewAuditEntry[],
    at = new Date(),
  ): Promise<AuditEntry[]> {
    if (entries.length === 0) return [];
    const time = at.toISOString();
    const insert = async (db: Kysely<StoreSchema>) => {
      const drawn: number[] = [];
      for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
        const rows = await db
          .insertInto('audit_log')
          .values(
            entries
              .slice(start, start + ROWS_PER_INSERT)
              .map((entry) => toRow(entry, time)),
          )
          .returning('id')
          .execute();
        // Both dialects number one statement's rows in the order of its
        // VALUES, though RETURNING promises no order.
        drawn.push(...rows.map((row) => row.id).sort((a, b) => a - b));
      }
      return drawn;
    };
    // One statement is all or none by itself; SQLite then holds its write
    // lock for no longer than that statement.
    const ids =
      this.#dialect === 'sqlite' && entries.length <= ROWS_PER_INSERT
        ? await insert(this.#db)
        : await this.#db.transaction().execute(async (trx) => {
            if (this.#dialect === 'postgres') {
              await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`.execute(
                trx,
              );
            }
            return insert(trx);
          });
    return entries.map((entry, index) => ({
      ...entry,
      id: ids[index]!,
      at: time,
    }));
  }

  /** Newest first, `limit` at most, older than `query.before` when given. */
  async list(query: AuditQuery, limit: number): Promise<AuditEntry[]> {
    let select = this.#db.selectFrom('audit_log').selectAll();
    const { provider_id: providerId, pool_id: poolId } = query;
    if (providerId !== undefined && poolId !== undefined) {
      // One pool's history: its entries, and those that name the pool
      // without a provider (a role binding's principal is the pool alone;
      // pool ids are unique in an organization).
      select = select.where((eb) =>
        eb.or([
          eb('provider_id', '=', providerId),
          eb('provider_id', 'is', null),
        ]),
      );
    } else if (providerId !== undefined) {
      select = select.where('provider_id', '=', providerId);
    }
    if (poolId !== undefined) select = select.where('pool_id', '=', poolId);
    if (query.since !== undefined)
      select = select.where('at', '>=', query.since);
    if (query.until !== undefined)
      select = select.where('at', '<', query.until);
    if (query.before !== undefined) {
      select = select.where('id', '<', query.before);
    }
    const rows = await select.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }
}
