import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { LifeguardStore } from './lifeguard-store.ts';
import { migrations } from './migrations.ts';
import { DIALECTS, runSql, testLocation, testStore } from './test-stores.ts';

const ALL = Object.keys(migrations('sqlite'));

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  test('an empty database gets every migration once, then none', async () => {
    const location = await testLocation(dialect);
    const store = new LifeguardStore(location);
    try {
      expect(await store.migrate()).toEqual(ALL);
      expect(await store.migrate()).toEqual([]);
      expect(await store.testCases.countAll()).toBe(0);
    } finally {
      await store.close();
    }
    const again = await testStore(dialect, location);
    expect(await again.migrate()).toEqual([]);
  });
});

test('replicas starting at once on one PostgreSQL migrate it once between them', async () => {
  const location = await testLocation('postgres');
  const stores = Array.from({ length: 4 }, () => new LifeguardStore(location));
  try {
    const applied = await Promise.all(stores.map((store) => store.migrate()));
    expect(applied.flat().sort()).toEqual(ALL);
    // The first to take the lock applied everything; the others waited.
    expect(applied.filter((names) => names.length > 0)).toEqual([ALL]);
    const recorded = await runSql(
      location,
      'SELECT name FROM kysely_migration ORDER BY name',
    );
    expect(recorded).toEqual(ALL.map((name) => ({ name })));
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
});

// The SQLite schema Lifeguard wrote before migrations (PRAGMA user_version
// 2), and the one before that, whose audit log knew no refused outcome,
// no reason and no client request id.
const SESSIONS_AND_TEST_CASES = `
  CREATE TABLE test_cases (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    provider_id TEXT NOT NULL,
    pool_id TEXT NOT NULL,
    name TEXT NOT NULL,
    claims_json TEXT NOT NULL,
    expected TEXT NOT NULL CHECK (expected IN ('match', 'no-match')),
    created_at TEXT NOT NULL
  );
  CREATE INDEX test_cases_by_pool ON test_cases (provider_id, pool_id, seq);
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO test_cases (id, provider_id, pool_id, name, claims_json, expected, created_at)
    VALUES ('tc-1', 'op-1', 'pool-1', 'deployers match', '{"sub":"ci"}', 'match', '2026-01-01T00:00:00.000Z');
  INSERT INTO sessions VALUES ('hash-1', 'alice', 'alice', 'admin', 1, 2);
`;
const TRIGGERS = `
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
const VERSION_2 = `
  ${SESSIONS_AND_TEST_CASES}
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
  CREATE INDEX audit_by_pool_id ON audit_log (pool_id, id);
  ${TRIGGERS}
  INSERT INTO audit_log VALUES (7, '2026-01-01T00:00:00.000Z', 'alice', 'alice', 'admin',
    'password', 'POST', '/api/x', 'create-pool', 'op-1', 'pool-1', 'req-7', 'client-7',
    'refused', 403, 'no CSRF header', '[]');
  PRAGMA user_version = 2;
`;
const VERSION_0 = `
  ${SESSIONS_AND_TEST_CASES}
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
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'failed', 'denied')),
    status INTEGER NOT NULL,
    changes_json TEXT NOT NULL
  );
  CREATE INDEX audit_by_pool ON audit_log (provider_id, pool_id, id);
  CREATE INDEX audit_by_time ON audit_log (at);
  ${TRIGGERS}
  INSERT INTO audit_log VALUES (7, '2026-01-01T00:00:00.000Z', 'alice', 'alice', 'admin',
    'password', 'POST', '/api/x', 'create-pool', 'op-1', 'pool-1', 'req-7',
    'applied', 200, '[{"field":"display_name","before":null,"after":"ci"}]');
`;

describe.each([
  ['user_version 2', VERSION_2],
  ['before user_version 2', VERSION_0],
])('a SQLite file from before migrations (%s)', (_name, schema) => {
  test('is adopted with every row, and stays append-only', async () => {
    const location = await testLocation('sqlite');
    if (location.dialect !== 'sqlite') throw new Error('sqlite expected');
    const legacy = new Database(location.file);
    legacy.exec(schema);
    legacy.close();

    const store = await testStore('sqlite', location);
    const [kept] = await store.auditLog.list({}, 10);
    expect(kept).toMatchObject({
      id: 7,
      requestId: 'req-7',
      actor: { id: 'alice', role: 'admin', mode: 'password' },
    });
    expect(await store.testCases.list('op-1', 'pool-1')).toEqual([
      expect.objectContaining({ id: 'tc-1', claims: { sub: 'ci' } }),
    ]);
    // Ids go on from the old ones; refused writes are now accepted.
    const [next] = await store.auditLog.append([
      { ...kept!, outcome: 'refused', reason: 'no CSRF header' },
    ]);
    expect(next!.id).toBe(8);
    await expect(runSql(location, 'DELETE FROM audit_log')).rejects.toThrow(
      /append-only/,
    );
    expect(await runSql(location, 'SELECT user_id FROM sessions')).toEqual([
      { user_id: 'alice' },
    ]);
    expect(await store.migrate()).toEqual([]);
  });
});
