import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import {
  countInScope,
  keysetPage,
  type Cursor,
  type Page,
  type PagedTable,
} from './keyset-page.ts';

/** What every resource store is built with: how it names and dates a new row. */
export type StoreDependencies = { newId: () => string; now: () => Micros };

/** Column name to value, in the order the statement lists them. */
export type Columns = Readonly<Record<string, unknown>>;

/**
 * Rows which `condition` selects: a condition ending in AND (empty for the
 * whole table), as {@link keysetPage} takes it, and its parameters.
 */
export type Scope = { condition: string; params: readonly unknown[] };

export const WHOLE_TABLE: Scope = { condition: '', params: [] };

/**
 * One table of a resource store: the statements every such store runs
 * (page, count, read, insert, update, delete), written once so that each
 * store says only what is its own: its columns, scopes and rules.
 * `where` arguments are conditions over the table's columns with `?`
 * placeholders, bound in order from `params`.
 */
export class Table<Row extends { seq: number }, T> {
  readonly #db: Database.Database;
  readonly #name: PagedTable;
  readonly #map: (row: Row) => T;

  constructor(db: Database.Database, name: PagedTable, map: (row: Row) => T) {
    this.#db = db;
    this.#name = name;
    this.#map = map;
  }

  count(scope: Scope = WHOLE_TABLE): number {
    return countInScope(this.#db, this.#name, scope.condition, scope.params);
  }

  page(cursor: Cursor, limit: number, scope: Scope = WHOLE_TABLE): Page<T> {
    return keysetPage(
      this.#db,
      {
        table: this.#name,
        scope: scope.condition,
        scopeParams: scope.params,
        map: this.#map,
      },
      cursor,
      limit,
    );
  }

  /**
   * The row `where` selects, as a record; where several could match,
   * `where` ends in the ORDER BY that picks one.
   */
  find(where: string, ...params: unknown[]): T | undefined {
    const row = this.#db
      .prepare<unknown[], Row>(`SELECT * FROM ${this.#name} WHERE ${where}`)
      .get(...params);
    return row && this.#map(row);
  }

  insert(columns: Columns): void {
    const names = Object.keys(columns);
    this.#db
      .prepare(
        `INSERT INTO ${this.#name} (${names.join(', ')})
         VALUES (${names.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(columns));
  }

  update(columns: Columns, where: string, ...params: unknown[]): void {
    const assignments = Object.keys(columns).map((name) => `${name} = ?`);
    this.#db
      .prepare(
        `UPDATE ${this.#name} SET ${assignments.join(', ')} WHERE ${where}`,
      )
      .run(...Object.values(columns), ...params);
  }

  /** How many rows went. */
  delete(where: string, ...params: unknown[]): number {
    return this.#db
      .prepare(`DELETE FROM ${this.#name} WHERE ${where}`)
      .run(...params).changes;
  }
}

/**
 * Whether a write would leave the columns as they are, so that
 * `updated_at` does not move for a PUT or PATCH that changes nothing.
 * Values compare as JSON, which covers columns stored as JSON text.
 */
export function sameColumns(current: Columns, next: Columns): boolean {
  return (
    JSON.stringify(Object.values(current)) ===
    JSON.stringify(Object.values(next))
  );
}
