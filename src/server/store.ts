import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestCase, TestCaseInput } from '#contract/test-cases.ts';

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

/**
 * Lifeguard's own data (test cases today), in SQLite beside the emulator's:
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
    `);
    return new LifeguardStore(db);
  }

  close(): void {
    this.#db.close();
  }

  listTestCases(providerId: string, poolId: string): TestCase[] {
    return this.#db
      .prepare<[string, string], TestCaseRow>(
        'SELECT * FROM test_cases WHERE provider_id = ? AND pool_id = ? ORDER BY seq',
      )
      .all(providerId, poolId)
      .map(toTestCase);
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
