import type Database from 'better-sqlite3';

/** A keyset cursor: rows strictly after or strictly before a sequence number. */
export type Cursor = { after: number } | { before: number };

export type Page<T> = { rows: T[]; hasPrevious: boolean; hasNext: boolean };

/** The tables a list pages over; each has an autoincrement `seq`. */
export type PagedTable =
  | 'providers'
  | 'pools'
  | 'environments'
  | 'clusters'
  | 'users'
  | 'role_bindings'
  | 'group_mappings'
  | 'certificate_authorities'
  | 'certificate_pools';

/**
 * The statements behind one page of a list (exported so a test can ask
 * SQLite for their plans): rows after or before a sequence number, and
 * whether any row lies at or beyond one. `scope` is empty or a condition
 * ending in AND, e.g. `provider_id = ? AND `.
 */
export function pageQueries(table: PagedTable, scope: string) {
  return {
    after: `SELECT * FROM ${table} WHERE ${scope} seq > ? ORDER BY seq LIMIT ?`,
    before: `SELECT * FROM ${table} WHERE ${scope} seq < ? ORDER BY seq DESC LIMIT ?`,
    anyAtOrBefore: `SELECT 1 FROM ${table} WHERE ${scope} seq <= ? LIMIT 1`,
    anyAtOrAfter: `SELECT 1 FROM ${table} WHERE ${scope} seq >= ? LIMIT 1`,
    count: `SELECT COUNT(*) AS n FROM ${table} WHERE ${scope} 1`,
  };
}

/** What a list reads: a table, the rows of it in scope, and how a row becomes a record. */
export type PageSource<Row, T> = {
  table: PagedTable;
  /** Empty, or a condition ending in AND (see {@link pageQueries}). */
  scope: string;
  scopeParams: readonly unknown[];
  map: (row: Row) => T;
};

/**
 * One page in creation order. Keyset paging: a page costs an index range
 * scan of `limit + 1` rows however deep it is, and stays stable under
 * writes (docs/decisions/001-emulator-persistence.md).
 */
export function keysetPage<Row extends { seq: number }, T>(
  db: Database.Database,
  source: PageSource<Row, T>,
  cursor: Cursor,
  limit: number,
): Page<T> {
  const { scopeParams, map } = source;
  const sql = pageQueries(source.table, source.scope);
  const exists = (op: '<=' | '>=', seq: number) =>
    db
      .prepare(op === '<=' ? sql.anyAtOrBefore : sql.anyAtOrAfter)
      .get(...scopeParams, seq) !== undefined;
  if ('after' in cursor) {
    const rows = db
      .prepare<unknown[], Row>(sql.after)
      .all(...scopeParams, cursor.after, limit + 1);
    return {
      rows: rows.slice(0, limit).map(map),
      hasNext: rows.length > limit,
      hasPrevious: cursor.after > 0 && exists('<=', cursor.after),
    };
  }
  const rows = db
    .prepare<unknown[], Row>(sql.before)
    .all(...scopeParams, cursor.before, limit + 1);
  return {
    rows: rows.slice(0, limit).reverse().map(map),
    hasPrevious: rows.length > limit,
    hasNext: exists('>=', cursor.before),
  };
}

/** How many rows of `table` are in scope. */
export function countInScope(
  db: Database.Database,
  table: PagedTable,
  scope: string,
  scopeParams: readonly unknown[],
): number {
  const row = db
    .prepare<unknown[], { n: number }>(pageQueries(table, scope).count)
    .get(...scopeParams);
  return row?.n ?? 0;
}

/**
 * One page of a list computed in memory (the applied quotas, which no
 * table holds): each item's `seq` is its position from 1, so the same
 * cursors and page tokens work as for a table.
 */
export function arrayPage<T>(
  items: readonly T[],
  cursor: Cursor,
  limit: number,
): Page<T & { seq: number }> {
  const numbered = items.map((item, index) => ({ ...item, seq: index + 1 }));
  if ('after' in cursor) {
    const start = Math.min(cursor.after, numbered.length);
    return {
      rows: numbered.slice(start, start + limit),
      hasPrevious: start > 0,
      hasNext: start + limit < numbered.length,
    };
  }
  const end = Math.min(Math.max(cursor.before - 1, 0), numbered.length);
  const start = Math.max(end - limit, 0);
  return {
    rows: numbered.slice(start, end),
    hasPrevious: start > 0,
    hasNext: end < numbered.length,
  };
}
