import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './schema.ts';

// Migrations take the builder untyped: they describe the schema at their
// own point in history, not today's StoreSchema.
type AnyDb = Kysely<unknown>;

async function run(db: AnyDb, statements: string[]) {
  // One statement per call: better-sqlite3 prepares a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const APPEND_ONLY = 'the audit log is append-only';

// The schema of the SQLite file written before migrations existed
// (PRAGMA user_version 2), so such a file is adopted as it is.
const SQLITE_AUDIT_LOG = [
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    auth_mode TEXT NOT NULL,
    method TEXT NOT NULL,
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    provider_id TEXT,
    pool_id TEXT,
    request_id TEXT NOT NULL,
    client_request_id TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'failed', 'denied', 'refused')),
    status INTEGER NOT NULL,
    reason TEXT,
    changes_json TEXT NOT NULL
  )`,
  'CREATE INDEX audit_by_pool ON audit_log (provider_id, pool_id, id)',
  'CREATE INDEX audit_by_time ON audit_log (at)',
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
];

/**
 * Creates today's tables, or adopts those of a file from before
 * migrations. A file older than user_version 2 has an audit log whose
 * CHECK does not allow the refused outcome; SQLite cannot change a CHECK in
 * place, so the table is copied into a new one, entries and ids kept
 * (dropping a table removes its triggers before its rows, so none fires).
 * Every step is idempotent and all of it one transaction: SQLite's DDL is
 * transactional, but Kysely's Migrator records the migration after it.
 */
async function sqliteInitial(db: AnyDb) {
  await db.transaction().execute(async (trx) => {
    await run(trx, [
      `CREATE TABLE IF NOT EXISTS test_cases (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        provider_id TEXT NOT NULL,
        pool_id TEXT NOT NULL,
        name TEXT NOT NULL,
        claims_json TEXT NOT NULL,
        expected TEXT NOT NULL CHECK (expected IN ('match', 'no-match')),
        created_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS test_cases_by_pool ON test_cases (provider_id, pool_id, seq)',
      `CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) WITHOUT ROWID`,
    ]);
    const { rows } = await sql<{
      user_version: number;
    }>`PRAGMA user_version`.execute(trx);
    const version = rows[0]?.user_version ?? 0;
    const { rows: existing } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'
    `.execute(trx);
    if (existing.length === 0) {
      await run(trx, SQLITE_AUDIT_LOG);
    } else if (version < 2) {
      await run(trx, [
        'DROP TRIGGER IF EXISTS audit_log_no_update',
        'DROP TRIGGER IF EXISTS audit_log_no_delete',
        'DROP INDEX IF EXISTS audit_by_pool',
        'DROP INDEX IF EXISTS audit_by_time',
        'ALTER TABLE audit_log RENAME TO audit_log_old',
        ...SQLITE_AUDIT_LOG,
        `INSERT INTO audit_log (id, at, actor_id, actor_name, actor_role, auth_mode, method,
          target, action, provider_id, pool_id, request_id, outcome, status, changes_json)
         SELECT id, at, actor_id, actor_name, actor_role, auth_mode, method,
          target, action, provider_id, pool_id, request_id, outcome, status, changes_json
         FROM audit_log_old`,
        'DROP TABLE audit_log_old',
      ]);
    }
    await run(trx, [
      // A pool's history also holds its role bindings' grants and
      // revocations, whose entries name the pool but no provider.
      'CREATE INDEX IF NOT EXISTS audit_by_pool_id ON audit_log (pool_id, id)',
      // An older Lifeguard opening this file then leaves it as it is.
      'PRAGMA user_version = 2',
    ]);
  });
}

/**
 * The same tables in PostgreSQL. Ids come from identity columns that
 * refuse an explicit value, times of day are timestamptz. The audit log is
 * append-only through this database: a trigger refuses every UPDATE and
 * DELETE of a row and every TRUNCATE (which fires no row trigger). Its
 * owner can still drop the triggers, so in production the application's
 * role should not own the table (the README says how).
 */
async function postgresInitial(db: AnyDb) {
  await run(db, [
    `CREATE TABLE test_cases (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      provider_id text NOT NULL,
      pool_id text NOT NULL,
      name text NOT NULL,
      claims_json text NOT NULL,
      expected text NOT NULL CHECK (expected IN ('match', 'no-match')),
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX test_cases_by_pool ON test_cases (provider_id, pool_id, seq)',
    `CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL,
      user_name text NOT NULL,
      role text NOT NULL,
      created_at bigint NOT NULL,
      last_seen_at bigint NOT NULL
    )`,
    `CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      actor_role text NOT NULL,
      auth_mode text NOT NULL,
      method text NOT NULL,
      target text NOT NULL,
      action text NOT NULL,
      provider_id text,
      pool_id text,
      request_id text NOT NULL,
      client_request_id text,
      outcome text NOT NULL CHECK (outcome IN ('applied', 'failed', 'denied', 'refused')),
      status integer NOT NULL,
      reason text,
      changes_json text NOT NULL
    )`,
    'CREATE INDEX audit_by_pool ON audit_log (provider_id, pool_id, id)',
    'CREATE INDEX audit_by_pool_id ON audit_log (pool_id, id)',
    'CREATE INDEX audit_by_time ON audit_log (at)',
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
      END
    $$`,
    `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ]);
}

/**
 * State that used to live in each process's memory, shared so replicas are
 * interchangeable: sign-in failures, OpenID Connect sign-ins in progress,
 * per-client request counters. Every row expires, and its time is indexed
 * so purging is cheap.
 */
function sharedState(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('login_failures')
        .ifNotExists()
        .addColumn(
          'id',
          dialect === 'postgres' ? 'bigserial' : 'integer',
          (c) => c.primaryKey(),
        )
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_by_key')
        .ifNotExists()
        .on('login_failures')
        .columns(['key_hash', 'at'])
        .execute();
      await db.schema
        .createIndex('login_failures_by_time')
        .ifNotExists()
        .on('login_failures')
        .column('at')
        .execute();

      await db.schema
        .createTable('pending_sign_ins')
        .ifNotExists()
        .addColumn('state', 'text', (c) => c.primaryKey())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('pending_sign_ins_by_time')
        .ifNotExists()
        .on('pending_sign_ins')
        .column('started_at')
        .execute();

      await db.schema
        .createTable('counters')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('counters_by_expiry')
        .ifNotExists()
        .on('counters')
        .column('expires_at')
        .execute();
    },
  };
}

/**
 * Every migration, in order, for `dialect`. Names sort in the order they
 * run and never change once released; a new schema change is a new entry.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-initial': {
      up: (db: AnyDb) =>
        dialect === 'postgres' ? postgresInitial(db) : sqliteInitial(db),
    },
    '002-shared-state': sharedState(dialect),
  };
}
