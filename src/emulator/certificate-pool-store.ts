import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import {
  countInScope,
  keysetPage,
  type Cursor,
  type Page,
} from './keyset-page.ts';

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

/** Certificate identity pools, each under one certificate authority; one per {@link Store}. */
export class CertificatePoolStore {
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

  count(authorityId: string): number {
    return countInScope(this.#db, 'certificate_pools', IN_AUTHORITY, [
      authorityId,
    ]);
  }

  list(
    authorityId: string,
    cursor: Cursor,
    limit: number,
  ): Page<CertificatePoolRecord> {
    return keysetPage(
      this.#db,
      {
        table: 'certificate_pools',
        scope: IN_AUTHORITY,
        scopeParams: [authorityId],
        map: toCertificatePool,
      },
      cursor,
      limit,
    );
  }

  /** The pool, if it belongs to this authority. */
  get(authorityId: string, id: string): CertificatePoolRecord | undefined {
    const row = this.#db
      .prepare<[string, string], CertificatePoolRow>(
        'SELECT * FROM certificate_pools WHERE certificate_authority_id = ? AND id = ?',
      )
      .get(authorityId, id);
    return row && toCertificatePool(row);
  }

  /** A pool by id alone (pool ids are unique), for principals such as `User:pool-…`. */
  find(id: string): CertificatePoolRecord | undefined {
    const row = this.#db
      .prepare<[string], CertificatePoolRow>(
        'SELECT * FROM certificate_pools WHERE id = ?',
      )
      .get(id);
    return row && toCertificatePool(row);
  }

  insert(
    authorityId: string,
    fields: CertificatePoolFields,
    extra: { id?: string; createdAt?: Micros; updatedAt?: Micros } = {},
  ): CertificatePoolRecord {
    const id = extra.id ?? this.#newId();
    const createdAt = extra.createdAt ?? this.#now();
    this.#db
      .prepare(
        `INSERT INTO certificate_pools (id, certificate_authority_id, display_name, description,
           external_identifier, filter, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        authorityId,
        fields.displayName,
        fields.description,
        fields.externalIdentifier,
        fields.filter,
        createdAt,
        extra.updatedAt ?? createdAt,
      );
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
    if (
      fields.displayName === current.displayName &&
      fields.description === current.description &&
      fields.externalIdentifier === current.externalIdentifier &&
      fields.filter === current.filter
    ) {
      return current;
    }
    this.#db
      .prepare(
        `UPDATE certificate_pools SET display_name = ?, description = ?, external_identifier = ?,
           filter = ?, updated_at = ?
         WHERE certificate_authority_id = ? AND id = ?`,
      )
      .run(
        fields.displayName,
        fields.description,
        fields.externalIdentifier,
        fields.filter,
        this.#now(),
        authorityId,
        id,
      );
    return this.get(authorityId, id);
  }

  delete(authorityId: string, id: string): boolean {
    return (
      this.#db
        .prepare(
          'DELETE FROM certificate_pools WHERE certificate_authority_id = ? AND id = ?',
        )
        .run(authorityId, id).changes > 0
    );
  }
}
