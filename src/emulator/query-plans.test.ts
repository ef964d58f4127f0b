import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { pageQueries } from './keyset-page.ts';
import { SCHEMA } from './store.ts';

// Issue 8: answering a page must not scan every pool. SQLite's own plan for
// each statement behind a page says how it reads the table.
function plan(db: Database.Database, sql: string, params: unknown[]) {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => row.detail)
    .join('\n');
}

test('every statement behind a page of pools is a range of the provider’s index', () => {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const sql = pageQueries('pools', 'provider_id = ? AND');
  const plans = {
    after: plan(db, sql.after, ['op-1', 100, 11]),
    before: plan(db, sql.before, ['op-1', 100, 11]),
    anyAtOrBefore: plan(db, sql.anyAtOrBefore, ['op-1', 100]),
    anyAtOrAfter: plan(db, sql.anyAtOrAfter, ['op-1', 100]),
  };
  for (const [name, text] of Object.entries(plans)) {
    expect(text, name).toMatch(
      /SEARCH pools USING (COVERING )?INDEX pools_by_provider \(provider_id=\? AND seq[<>]=?\?\)/,
    );
    expect(text, name).not.toMatch(/SCAN|TEMP B-TREE/);
  }
  db.close();
});

test('a page of providers is a range of the primary key order, not a sort', () => {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const sql = pageQueries('providers', '');
  for (const text of [
    plan(db, sql.after, [100, 11]),
    plan(db, sql.before, [100, 11]),
  ]) {
    expect(text).toMatch(
      /SEARCH providers USING INTEGER PRIMARY KEY \(rowid[<>]\?\)/,
    );
    expect(text).not.toMatch(/TEMP B-TREE/);
  }
  db.close();
});

test("a role-binding page for one principal is a range of the principal's index", () => {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  // The matcher the store registers; its body does not matter to the plan.
  db.function('crn_query_matches', (_query: unknown, _pattern: unknown) => 1);
  const sql = pageQueries(
    'role_bindings',
    'principal = ? AND crn_query_matches(?, crn_key) AND',
  );
  for (const [name, text] of [
    ['after', plan(db, sql.after, ['User:pool-1', 'crn://x/*', 100, 11])],
    ['before', plan(db, sql.before, ['User:pool-1', 'crn://x/*', 100, 11])],
  ] as const) {
    expect(text, name).toMatch(
      /SEARCH role_bindings USING INDEX role_bindings_by_principal \(principal=\? AND seq[<>]\?\)/,
    );
    expect(text, name).not.toMatch(/TEMP B-TREE/);
  }
  const clusters = pageQueries('clusters', 'environment_id = ? AND');
  expect(plan(db, clusters.after, ['env-1', 0, 11])).toMatch(
    /SEARCH clusters USING INDEX clusters_by_environment/,
  );
  db.close();
});
