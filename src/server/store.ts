import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditChange, AuditEntry, AuditQuery } from '#contract/audit.ts';
import type { AuthMode, SessionUser } from '#contract/auth.ts';
import type { TestCase, TestCaseInput } from '#contract/test-cases.ts';

/** An entry before the store numbers and timestamps it. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

type AuditRow = {
  id: number;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  auth_mode: string;
  method: string;
  target: string;
  action: string;
  provider_id: string | null;
  pool_id: string | null;
  request_id: string;
  client_request_id: string | null;
  outcome: string;
  status: number;
  reason: string | null;
  changes_json: string;
};

function toAuditEntry(row: AuditRow): AuditEntry {
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

type SessionRow = {
  user_id: string;
  user_name: string;
  role: string;
  created_at: number;
  last_seen_at: number;
};

/** Session cookies carry this; the store keeps only its SHA-256. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type TestCaseRow = {
  id: string;
  provider_id: string;
  pool_id: string;
  name: string;
  claims_json: string;
  expected: 'match' | 'no-match';
  created_at: string;
};

function toTestCase(row: TestCaseRow): TestCase {
  return {
    id: row.id,
    providerId: row.provider_id,
    poolId: row.pool_id,
    name: row.name,
    claims: JSON.parse(row.claims_json) as Record<string, unknown>,
    expected: row.expected,
    createdAt: row.created_at,
  };
}

const AUDIT_LOG_TABLE = `
  CREATE TABLE audit_log (
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
  );
  CREATE INDEX audit_by_pool ON audit_log (provider_id, pool_id, id);
  CREATE INDEX audit_by_time ON audit_log (at);
  -- Append-only: history cannot be rewritten through this database.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

// user_version 2: the audit log records refused writes, their reason and
// the client's own request id.
const AUDIT_LOG_VERSION = 2;

/**
 * Creates the audit log, or brings an older one to the current columns.
 * SQLite cannot change a CHECK constraint in place, so the table is copied
 * into a new one, entries and ids kept, in one transaction (dropping a
 * table removes its triggers before its rows, so none fires).
 */
function migrateAuditLog(db: Database.Database) {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= AUDIT_LOG_VERSION) return;
  db.transaction(() => {
    const exists = db
      .prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
      )
      .get();
    if (exists) {
      db.exec(`
        DROP TRIGGER IF EXISTS audit_log_no_update;
        DROP TRIGGER IF EXISTS audit_log_no_delete;
        DROP INDEX IF EXISTS audit_by_pool;
        DROP INDEX IF EXISTS audit_by_time;
        ALTER TABLE audit_log RENAME TO audit_log_old;
      `);
    }
    db.exec(AUDIT_LOG_TABLE);
    if (exists) {
      db.exec(`
        INSERT INTO audit_log (id, at, actor_id, actor_name, actor_role, auth_mode, method,
          target, action, provider_id, pool_id, request_id, outcome, status, changes_json)
        SELECT id, at, actor_id, actor_name, actor_role, auth_mode, method,
          target, action, provider_id, pool_id, request_id, outcome, status, changes_json
        FROM audit_log_old;
        DROP TABLE audit_log_old;
      `);
    }
    db.pragma(`user_version = ${AUDIT_LOG_VERSION}`);
  })();
}

/**
 * Lifeguard's own data (test cases, sessions, the audit log), in SQLite beside the emulator's:
 * WAL, so a crash never leaves it half-written.
 */
export class LifeguardStore {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  static open(file: string): LifeguardStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS test_cases (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        provider_id TEXT NOT NULL,
        pool_id TEXT NOT NULL,
        name TEXT NOT NULL,
        claims_json TEXT NOT NULL,
        expected TEXT NOT NULL CHECK (expected IN ('match', 'no-match')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS test_cases_by_pool ON test_cases (provider_id, pool_id, seq);

      CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
    migrateAuditLog(db);
    // A pool's history also holds its role bindings' grants and revocations,
    // whose entries name the pool but no provider (see listAudit).
    db.exec(
      'CREATE INDEX IF NOT EXISTS audit_by_pool_id ON audit_log (pool_id, id)',
    );
    return new LifeguardStore(db);
  }

  close(): void {
    this.#db.close();
  }

  appendAudit(entry: NewAuditEntry, at = new Date()): AuditEntry {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, auth_mode, method, target,
           action, provider_id, pool_id, request_id, client_request_id, outcome, status, reason,
           changes_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at.toISOString(),
        entry.actor.id,
        entry.actor.name,
        entry.actor.role,
        entry.actor.mode,
        entry.method,
        entry.target,
        entry.action,
        entry.providerId,
        entry.poolId,
        entry.requestId,
        entry.clientRequestId,
        entry.outcome,
        entry.status,
        entry.reason,
        JSON.stringify(entry.changes),
      );
    return { ...entry, id: Number(lastInsertRowid), at: at.toISOString() };
  }

  /** Several entries of one write (a provider and the pools it took with it), all or none. */
  appendAuditEntries(entries: NewAuditEntry[], at = new Date()): AuditEntry[] {
    return this.#db.transaction(() =>
      entries.map((entry) => this.appendAudit(entry, at)),
    )();
  }

  /** Newest first, `limit` at most, older than `query.before` when given. */
  listAudit(query: AuditQuery, limit: number): AuditEntry[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      values.push(value);
    };
    if (query.provider_id !== undefined && query.pool_id !== undefined) {
      // One pool's history: its entries, and those that name the pool
      // without a provider (a role binding's principal is the pool alone;
      // pool ids are unique in an organization).
      add('(provider_id = ? OR provider_id IS NULL)', query.provider_id);
    } else {
      add('provider_id = ?', query.provider_id);
    }
    add('pool_id = ?', query.pool_id);
    add('at >= ?', query.since);
    add('at < ?', query.until);
    add('id < ?', query.before);
    return this.#db
      .prepare<(string | number)[], AuditRow>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...values, limit)
      .map(toAuditEntry);
  }

  /** A new session for `user`; the returned token goes in the cookie. */
  createSession(user: SessionUser, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.#db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, user_name, role, created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(digest(token), user.id, user.name, user.role, now, now);
    return token;
  }

  /**
   * The session's user if it is neither idle past `idleMs` nor older than
   * `maxMs`; using it restarts the idle clock. Expired sessions are removed.
   */
  touchSession(
    token: string,
    limits: { idleMs: number; maxMs: number },
    now = Date.now(),
  ): SessionUser | undefined {
    const hash = digest(token);
    const row = this.#db
      .prepare<[string], SessionRow>(
        'SELECT user_id, user_name, role, created_at, last_seen_at FROM sessions WHERE token_hash = ?',
      )
      .get(hash);
    if (!row) return undefined;
    if (
      now - row.last_seen_at > limits.idleMs ||
      now - row.created_at > limits.maxMs
    ) {
      this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
      return undefined;
    }
    this.#db
      .prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?')
      .run(now, hash);
    return {
      id: row.user_id,
      name: row.user_name,
      role: row.role as SessionUser['role'],
    };
  }

  deleteSession(token: string): void {
    this.#db
      .prepare('DELETE FROM sessions WHERE token_hash = ?')
      .run(digest(token));
  }

  /** Drops every session past either limit; returns how many. */
  purgeSessions(
    limits: { idleMs: number; maxMs: number },
    now = Date.now(),
  ): number {
    return this.#db
      .prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?')
      .run(now - limits.idleMs, now - limits.maxMs).changes;
  }

  listTestCases(providerId: string, poolId: string): TestCase[] {
    return this.#db
      .prepare<[string, string], TestCaseRow>(
        'SELECT * FROM test_cases WHERE provider_id = ? AND pool_id = ? ORDER BY seq',
      )
      .all(providerId, poolId)
      .map(toTestCase);
  }

  /** Every pool's test cases together. */
  countAllTestCases(): number {
    return (
      this.#db
        .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM test_cases')
        .get()?.n ?? 0
    );
  }

  countTestCases(providerId: string, poolId: string): number {
    const row = this.#db
      .prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM test_cases WHERE provider_id = ? AND pool_id = ?',
      )
      .get(providerId, poolId);
    return row?.n ?? 0;
  }

  addTestCase(
    providerId: string,
    poolId: string,
    input: TestCaseInput,
  ): TestCase {
    const id = `tc-${randomUUID()}`;
    this.#db
      .prepare(
        `INSERT INTO test_cases (id, provider_id, pool_id, name, claims_json, expected, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        providerId,
        poolId,
        input.name,
        JSON.stringify(input.claims),
        input.expected,
        new Date().toISOString(),
      );
    return this.listTestCases(providerId, poolId).find((tc) => tc.id === id)!;
  }

  deleteTestCase(providerId: string, poolId: string, id: string): boolean {
    return (
      this.#db
        .prepare(
          'DELETE FROM test_cases WHERE provider_id = ? AND pool_id = ? AND id = ?',
        )
        .run(providerId, poolId, id).changes > 0
    );
  }
}
