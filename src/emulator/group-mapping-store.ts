import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import {
  countInScope,
  keysetPage,
  type Cursor,
  type Page,
} from './keyset-page.ts';

export type GroupMappingRecord = {
  seq: number;
  id: string;
  displayName: string;
  description: string;
  filter: string;
  state: 'ENABLED';
  createdAt: Micros;
  updatedAt: Micros;
};

export type GroupMappingFields = Pick<
  GroupMappingRecord,
  'displayName' | 'description' | 'filter'
>;

export const GROUP_MAPPING_SCHEMA = `
CREATE TABLE IF NOT EXISTS group_mappings (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  filter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

type GroupMappingRow = {
  seq: number;
  id: string;
  display_name: string;
  description: string;
  filter: string;
  created_at: number;
  updated_at: number;
};

function toGroupMapping(row: GroupMappingRow): GroupMappingRecord {
  return {
    seq: row.seq,
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    filter: row.filter,
    state: 'ENABLED',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The organization's SSO group mappings; one per {@link Store}, sharing its connection. */
export class GroupMappingStore {
  readonly #db: Database.Database;
  readonly #newId: () => string;
  readonly #now: () => Micros;

  constructor(
    db: Database.Database,
    options: { newId: () => string; now: () => Micros },
  ) {
    this.#db = db;
    this.#newId = options.newId;
    this.#now = options.now;
  }

  count(): number {
    return countInScope(this.#db, 'group_mappings', '', []);
  }

  list(cursor: Cursor, limit: number): Page<GroupMappingRecord> {
    return keysetPage(
      this.#db,
      {
        table: 'group_mappings',
        scope: '',
        scopeParams: [],
        map: toGroupMapping,
      },
      cursor,
      limit,
    );
  }

  get(id: string): GroupMappingRecord | undefined {
    const row = this.#db
      .prepare<[string], GroupMappingRow>(
        'SELECT * FROM group_mappings WHERE id = ?',
      )
      .get(id);
    return row && toGroupMapping(row);
  }

  insert(
    fields: GroupMappingFields,
    extra: { id?: string; createdAt?: Micros; updatedAt?: Micros } = {},
  ): GroupMappingRecord {
    const id = extra.id ?? this.#newId();
    const createdAt = extra.createdAt ?? this.#now();
    this.#db
      .prepare(
        `INSERT INTO group_mappings (id, display_name, description, filter, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        fields.displayName,
        fields.description,
        fields.filter,
        createdAt,
        extra.updatedAt ?? createdAt,
      );
    return this.get(id)!;
  }

  /** Applies the changes; `updated_at` moves only if something changed. */
  update(
    id: string,
    changes: Partial<GroupMappingFields>,
  ): GroupMappingRecord | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next = { ...current, ...changes };
    if (
      next.displayName === current.displayName &&
      next.description === current.description &&
      next.filter === current.filter
    ) {
      return current;
    }
    this.#db
      .prepare(
        `UPDATE group_mappings SET display_name = ?, description = ?, filter = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(next.displayName, next.description, next.filter, this.#now(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return (
      this.#db.prepare('DELETE FROM group_mappings WHERE id = ?').run(id)
        .changes > 0
    );
  }
}
