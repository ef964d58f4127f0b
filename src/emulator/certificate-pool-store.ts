import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import type { Cursor, Page } from './keyset-page.ts';
import {
  sameColumns,
  Table,
  type Columns,
  type Scope,
  type StoreDependencies,
} from './table.ts';

export type CertificatePoolRecord = {
  seq: number;
  id: string;
  certificateAuthorityId: string;
  displayName: string;
  description: string;
  externalIdentifier: string;
  filter: string;
  state: 'ENABLED';
  createdAt: Micros;
  updatedAt: Micros;
};

/** The four fields a create sets and a PUT replaces. */
export type CertificatePoolFields = Pick<
  CertificatePoolRecord,
  'displayName' | 'description' | 'externalIdentifier' | 'filter'
>;

// Must follow the certificate_authorities table, which it references.
export const CERTIFICATE_POOL_SCHEMA = `
CREATE TABLE IF NOT EXISTS certificate_pools (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  certificate_authority_id TEXT NOT NULL
    REFERENCES certificate_authorities(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  external_identifier TEXT NOT NULL,
  filter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS certificate_pools_by_authority
  ON certificate_pools (certificate_authority_id, seq);
`;

const IN_AUTHORITY = 'certificate_authority_id = ? AND';

type CertificatePoolRow = {
  seq: number;
  id: string;
  certificate_authority_id: string;
  display_name: string;
  description: string;
  external_identifier: string;
  filter: string;
  created_at: number;
  updated_at: number;
};

function toCertificatePool(row: CertificatePoolRow): CertificatePoolRecord {
  return {
    seq: row.seq,
    id: row.id,
    certificateAuthorityId: row.certificate_authority_id,
    displayName: row.display_name,
    description: row.description,
    externalIdentifier: row.external_identifier,
    filter: row.filter,
    state: 'ENABLED',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// The row's values for the fields a create sets and a PUT replaces.
function columns(fields: CertificatePoolFields): Columns {
  return {
    display_name: fields.displayName,
    description: fields.description,
    external_identifier: fields.externalIdentifier,
    filter: fields.filter,
  };
}

function inAuthority(authorityId: string): Scope {
  return { condition: IN_AUTHORITY, params: [authorityId] };
}

/** Certificate identity pools, each under one certificate authority; one per {@link Store}. */
export class CertificatePoolStore {
  readonly #table: Table<CertificatePoolRow, CertificatePoolRecord>;
  readonly #newId: () => string;
  readonly #now: () => Micros;

  constructor(db: Database.Database, options: StoreDependencies) {
    this.#table = new Table(db, 'certificate_pools', toCertificatePool);
    this.#newId = options.newId;
    this.#now = options.now;
  }

  count(authorityId: string): number {
    return this.#table.count(inAuthority(authorityId));
  }

  list(
    authorityId: string,
    cursor: Cursor,
    limit: number,
  ): Page<CertificatePoolRecord> {
    return this.#table.page(cursor, limit, inAuthority(authorityId));
  }

  /** The pool, if it belongs to this authority. */
  get(authorityId: string, id: string): CertificatePoolRecord | undefined {
    return this.#table.find(`${IN_AUTHORITY} id = ?`, authorityId, id);
  }

  /** A pool by id alone (pool ids are unique), for principals such as `User:pool-…`. */
  find(id: string): CertificatePoolRecord | undefined {
    return this.#table.find('id = ?', id);
  }

  insert(
    authorityId: string,
    fields: CertificatePoolFields,
    extra: { id?: string; createdAt?: Micros; updatedAt?: Micros } = {},
  ): CertificatePoolRecord {
    const id = extra.id ?? this.#newId();
    const createdAt = extra.createdAt ?? this.#now();
    this.#table.insert({
      id,
      certificate_authority_id: authorityId,
      ...columns(fields),
      created_at: createdAt,
      updated_at: extra.updatedAt ?? createdAt,
    });
    return this.get(authorityId, id)!;
  }

  /** Replaces the four fields (a PUT); `updated_at` moves only if one changed. */
  replace(
    authorityId: string,
    id: string,
    fields: CertificatePoolFields,
  ): CertificatePoolRecord | undefined {
    const current = this.get(authorityId, id);
    if (!current) return undefined;
    const next = columns(fields);
    if (sameColumns(columns(current), next)) return current;
    this.#table.update(
      { ...next, updated_at: this.#now() },
      `${IN_AUTHORITY} id = ?`,
      authorityId,
      id,
    );
    return this.get(authorityId, id);
  }

  delete(authorityId: string, id: string): boolean {
    return this.#table.delete(`${IN_AUTHORITY} id = ?`, authorityId, id) > 0;
  }
}
