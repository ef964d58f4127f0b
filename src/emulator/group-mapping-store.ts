import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import type { Cursor, Page } from './keyset-page.ts';
import {
  sameColumns,
  Table,
  type Columns,
  type StoreDependencies,
} from './table.ts';

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

// The row's values for the fields a write sets.
function columns(fields: GroupMappingFields): Columns {
  return {
    display_name: fields.displayName,
    description: fields.description,
    filter: fields.filter,
  };
}

/** The organization's SSO group mappings; one per {@link Store}, sharing its connection. */
export class GroupMappingStore {
  readonly #table: Table<GroupMappingRow, GroupMappingRecord>;
  readonly #newId: () => string;
  readonly #now: () => Micros;

  constructor(db: Database.Database, options: StoreDependencies) {
    this.#table = new Table(db, 'group_mappings', toGroupMapping);
    this.#newId = options.newId;
    this.#now = options.now;
  }

  count(): number {
    return this.#table.count();
  }

  list(cursor: Cursor, limit: number): Page<GroupMappingRecord> {
    return this.#table.page(cursor, limit);
  }

  get(id: string): GroupMappingRecord | undefined {
    return this.#table.find('id = ?', id);
  }

  insert(
    fields: GroupMappingFields,
    extra: { id?: string; createdAt?: Micros; updatedAt?: Micros } = {},
  ): GroupMappingRecord {
    const id = extra.id ?? this.#newId();
    const createdAt = extra.createdAt ?? this.#now();
    this.#table.insert({
      id,
      ...columns(fields),
      created_at: createdAt,
      updated_at: extra.updatedAt ?? createdAt,
    });
    return this.get(id)!;
  }

  /** Applies the changes; `updated_at` moves only if something changed. */
  update(
    id: string,
    changes: Partial<GroupMappingFields>,
  ): GroupMappingRecord | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next = columns({ ...current, ...changes });
    if (sameColumns(columns(current), next)) return current;
    this.#table.update({ ...next, updated_at: this.#now() }, 'id = ?', id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.#table.delete('id = ?', id) > 0;
  }
}
