import type Database from 'better-sqlite3';
import type { ChainCertificate } from './certificate-chain.ts';
import type { Micros } from './clock.ts';
import type { Cursor, Page } from './keyset-page.ts';
import {
  sameColumns,
  Table,
  type Columns,
  type StoreDependencies,
} from './table.ts';

/** A certificate authority's revocation list: uploaded as PEM, or fetched from a URL. */
export type CrlRecord =
  | { source: 'LOCAL'; pem: string; updatedAt: Micros }
  | { source: 'URL'; url: string };

export type CertificateAuthorityRecord = {
  seq: number;
  id: string;
  displayName: string;
  description: string;
  /** The PEM as uploaded; kept for a later CRL check, never returned. */
  chainPem: string;
  chainFilename: string;
  certificates: ChainCertificate[];
  crl: CrlRecord | undefined;
  requireCrl: boolean;
  state: 'ENABLED';
  createdAt: Micros;
  updatedAt: Micros;
};

/** Everything a PUT replaces. */
export type CertificateAuthorityFields = Pick<
  CertificateAuthorityRecord,
  | 'displayName'
  | 'description'
  | 'chainPem'
  | 'chainFilename'
  | 'certificates'
  | 'crl'
  | 'requireCrl'
>;

export const CERTIFICATE_AUTHORITY_SCHEMA = `
CREATE TABLE IF NOT EXISTS certificate_authorities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  chain_pem TEXT NOT NULL,
  chain_filename TEXT NOT NULL,
  certificates_json TEXT NOT NULL,
  crl_source TEXT,
  crl_url TEXT,
  crl_pem TEXT,
  crl_updated_at INTEGER,
  require_crl INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

type CertificateAuthorityRow = {
  seq: number;
  id: string;
  display_name: string;
  description: string;
  chain_pem: string;
  chain_filename: string;
  certificates_json: string;
  crl_source: 'LOCAL' | 'URL' | null;
  crl_url: string | null;
  crl_pem: string | null;
  crl_updated_at: number | null;
  require_crl: number;
  created_at: number;
  updated_at: number;
};

function toCrl(row: CertificateAuthorityRow): CrlRecord | undefined {
  if (row.crl_source === 'LOCAL') {
    return {
      source: 'LOCAL',
      pem: row.crl_pem ?? '',
      updatedAt: row.crl_updated_at ?? row.updated_at,
    };
  }
  if (row.crl_source === 'URL') return { source: 'URL', url: row.crl_url! };
  return undefined;
}

function toCertificateAuthority(
  row: CertificateAuthorityRow,
): CertificateAuthorityRecord {
  return {
    seq: row.seq,
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    chainPem: row.chain_pem,
    chainFilename: row.chain_filename,
    certificates: JSON.parse(row.certificates_json) as ChainCertificate[],
    crl: toCrl(row),
    requireCrl: row.require_crl === 1,
    state: 'ENABLED',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// The row's values for the fields a create sets and a PUT replaces.
function columns(fields: CertificateAuthorityFields): Columns {
  const { crl } = fields;
  return {
    display_name: fields.displayName,
    description: fields.description,
    chain_pem: fields.chainPem,
    chain_filename: fields.chainFilename,
    certificates_json: JSON.stringify(fields.certificates),
    crl_source: crl?.source ?? null,
    crl_url: crl?.source === 'URL' ? crl.url : null,
    crl_pem: crl?.source === 'LOCAL' ? crl.pem : null,
    crl_updated_at: crl?.source === 'LOCAL' ? crl.updatedAt : null,
    require_crl: fields.requireCrl ? 1 : 0,
  };
}

/** Certificate authorities for mTLS; one per {@link Store}, sharing its connection. */
export class CertificateAuthorityStore {
  readonly #table: Table<CertificateAuthorityRow, CertificateAuthorityRecord>;
  readonly #newId: () => string;
  readonly #now: () => Micros;

  constructor(db: Database.Database, options: StoreDependencies) {
    this.#table = new Table(
      db,
      'certificate_authorities',
      toCertificateAuthority,
    );
    this.#newId = options.newId;
    this.#now = options.now;
  }

  count(): number {
    return this.#table.count();
  }

  list(cursor: Cursor, limit: number): Page<CertificateAuthorityRecord> {
    return this.#table.page(cursor, limit);
  }

  get(id: string): CertificateAuthorityRecord | undefined {
    return this.#table.find('id = ?', id);
  }

  insert(
    fields: CertificateAuthorityFields,
    extra: { id?: string; createdAt?: Micros } = {},
  ): CertificateAuthorityRecord {
    const id = extra.id ?? this.#newId();
    const createdAt = extra.createdAt ?? this.#now();
    this.#table.insert({
      ...columns(fields),
      id,
      created_at: createdAt,
      updated_at: createdAt,
    });
    return this.get(id)!;
  }

  /** Replaces every field (a PUT); `updated_at` moves only if something changed. */
  replace(
    id: string,
    fields: CertificateAuthorityFields,
  ): CertificateAuthorityRecord | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next = columns(fields);
    if (sameColumns(columns(current), next)) return current;
    this.#table.update({ ...next, updated_at: this.#now() }, 'id = ?', id);
    return this.get(id);
  }

  /** Deletes the authority and, by the foreign key's cascade, its certificate pools. */
  delete(id: string): boolean {
    return this.#table.delete('id = ?', id) > 0;
  }
}
