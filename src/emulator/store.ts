import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock, type Micros } from './clock.ts';
import { base62, systemRandom, type Random } from './ids.ts';
import {
  DIRECTORY_SCHEMA,
  DIRECTORY_TABLES,
  DirectoryStore,
} from './directory-store.ts';
import type { Cursor, Page } from './keyset-page.ts';
import { Table, type Columns, type Scope } from './table.ts';
import { syntheticKey, type JwksKey } from './keys.ts';
import {
  CERTIFICATE_AUTHORITY_SCHEMA,
  CertificateAuthorityStore,
} from './certificate-authority-store.ts';
import {
  CERTIFICATE_POOL_SCHEMA,
  CertificatePoolStore,
} from './certificate-pool-store.ts';
import {
  GROUP_MAPPING_SCHEMA,
  GroupMappingStore,
} from './group-mapping-store.ts';
import { ROLE_BINDING_SCHEMA, RoleBindingStore } from './role-binding-store.ts';

export type JwksStatus =
  'OK' | 'REFRESHED' | 'INVALID_JWKS_URI' | 'ERROR_FETCHING_JWKS';

export type ProviderRecord = {
  seq: number;
  id: string;
  displayName: string;
  description: string;
  issuer: string;
  jwksUri: string;
  identityClaim: string;
  state: 'ENABLED';
  keys: JwksKey[];
  jwksStatus: JwksStatus;
  jwksLastRefreshAt: Micros;
  createdAt: Micros;
  updatedAt: Micros;
};

export type PoolRecord = {
  seq: number;
  id: string;
  providerId: string;
  displayName: string;
  description: string;
  identityClaim: string;
  filter: string;
  state: 'ENABLED';
  createdAt: Micros;
  updatedAt: Micros;
};

export type ProviderFields = Pick<
  ProviderRecord,
  'displayName' | 'description' | 'issuer' | 'jwksUri' | 'identityClaim'
>;
export type PoolFields = Pick<
  PoolRecord,
  'displayName' | 'description' | 'identityClaim' | 'filter'
>;

export type StoreOptions = {
  random?: Random;
  clock?: Clock;
};

type ProviderRow = {
  seq: number;
  id: string;
  display_name: string;
  description: string;
  issuer: string;
  jwks_uri: string;
  identity_claim: string;
  keys_json: string;
  jwks_status: JwksStatus;
  jwks_last_refresh_at: number;
  created_at: number;
  updated_at: number;
};

type PoolRow = {
  seq: number;
  id: string;
  provider_id: string;
  display_name: string;
  description: string;
  identity_claim: string;
  filter: string;
  created_at: number;
  updated_at: number;
};

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS providers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  issuer TEXT NOT NULL,
  jwks_uri TEXT NOT NULL,
  identity_claim TEXT NOT NULL,
  keys_json TEXT NOT NULL,
  jwks_status TEXT NOT NULL,
  jwks_last_refresh_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pools (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  identity_claim TEXT NOT NULL,
  filter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pools_by_provider ON pools (provider_id, seq);
${DIRECTORY_SCHEMA}${ROLE_BINDING_SCHEMA}${GROUP_MAPPING_SCHEMA}${CERTIFICATE_AUTHORITY_SCHEMA}${CERTIFICATE_POOL_SCHEMA}`;

// Every table, children before parents; tables are only ever added, and
// CREATE TABLE IF NOT EXISTS adds a new one to a database written by an
// older emulator (the seed fills it: see applyMissingSeed in seed.ts).
const TABLES = [
  'role_bindings',
  'certificate_pools',
  'certificate_authorities',
  'group_mappings',
  'pools',
  'providers',
  ...DIRECTORY_TABLES,
];

/**
 * The tables each id prefix is unique across. Certificate authorities
 * share `op-` with identity providers and certificate pools share `pool-`
 * with identity pools, as on the live service, so one id never names two
 * things (a principal `User:pool-…` is either kind of pool).
 */
const ID_TABLES = {
  op: ['providers', 'certificate_authorities'],
  pool: ['pools', 'certificate_pools'],
  group: ['group_mappings'],
} as const;
export type IdPrefix = keyof typeof ID_TABLES;

const IN_PROVIDER = 'provider_id = ? AND';

function inProvider(providerId: string): Scope {
  return { condition: IN_PROVIDER, params: [providerId] };
}

function toProvider(row: ProviderRow): ProviderRecord {
  return {
    seq: row.seq,
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    issuer: row.issuer,
    jwksUri: row.jwks_uri,
    identityClaim: row.identity_claim,
    state: 'ENABLED',
    keys: JSON.parse(row.keys_json) as JwksKey[],
    jwksStatus: row.jwks_status,
    jwksLastRefreshAt: row.jwks_last_refresh_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toPool(row: PoolRow): PoolRecord {
  return {
    seq: row.seq,
    id: row.id,
    providerId: row.provider_id,
    displayName: row.display_name,
    description: row.description,
    identityClaim: row.identity_claim,
    filter: row.filter,
    state: 'ENABLED',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// The row's values for the fields a create sets and a PATCH may change.
function providerColumns(fields: ProviderFields): Columns {
  return {
    display_name: fields.displayName,
    description: fields.description,
    issuer: fields.issuer,
    jwks_uri: fields.jwksUri,
    identity_claim: fields.identityClaim,
  };
}

function poolColumns(fields: PoolFields): Columns {
  return {
    display_name: fields.displayName,
    description: fields.description,
    identity_claim: fields.identityClaim,
    filter: fields.filter,
  };
}

/**
 * The emulator's persistent state in SQLite. better-sqlite3 is synchronous,
 * so each method is atomic with respect to every other request.
 */
export class Store {
  readonly #db: Database.Database;
  readonly #providers: Table<ProviderRow, ProviderRecord>;
  readonly #pools: Table<PoolRow, PoolRecord>;
  readonly #random: Random;
  readonly #clock: Clock;
  #lastTick = 0;
  // Pools per provider, counted on first use and kept in step by this
  // store's writes: a COUNT(*) per list page cost ~0.4 ms at 10,000 pools.
  // This process is the database's only writer. Emptied whenever a
  // transaction rolls back, since the writes it counted are undone.
  readonly #poolCounts = new Map<string, number>();
  /** The organization, its environments, clusters and users. */
  readonly directory: DirectoryStore;
  readonly roleBindings: RoleBindingStore;
  /** SSO group mappings. */
  readonly groupMappings: GroupMappingStore;
  /** Certificate authorities for mTLS. */
  readonly certificateAuthorities: CertificateAuthorityStore;
  /** Certificate identity pools, under their certificate authority. */
  readonly certificatePools: CertificatePoolStore;

  private constructor(db: Database.Database, options: StoreOptions) {
    this.#db = db;
    this.#providers = new Table(db, 'providers', toProvider);
    this.#pools = new Table(db, 'pools', toPool);
    this.#random = options.random ?? systemRandom;
    this.#clock = options.clock ?? systemClock;
    this.directory = new DirectoryStore(db);
    this.roleBindings = new RoleBindingStore(db, {
      newId: () => `rb-${base62(this.#random, 6)}`,
      now: () => this.now(),
    });
    const now = () => this.now();
    this.groupMappings = new GroupMappingStore(db, {
      newId: () => this.newId('group', 4),
      now,
    });
    this.certificateAuthorities = new CertificateAuthorityStore(db, {
      newId: () => this.newId('op', 4),
      now,
    });
    this.certificatePools = new CertificatePoolStore(db, {
      newId: () => this.newId('pool', 4),
      now,
    });
  }

  /**
   * Opens (creating if needed) the database at `file`, or an in-memory one for
   * ':memory:'. WAL with synchronous=NORMAL: a commit is in the OS before the
   * call returns, so acknowledged writes survive the process being killed;
   * only a power loss can drop the last commits, never corrupt the file.
   */
  static open(file: string, options: StoreOptions = {}): Store {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new Store(db, options);
  }

  close(): void {
    this.#db.close();
  }

  /** Strictly increasing, so updated_at moves on every change. */
  now(): Micros {
    this.#lastTick = Math.max(this.#clock(), this.#lastTick + 1);
    return this.#lastTick;
  }

  getMeta(key: string): string | undefined {
    const row = this.#db
      .prepare<[string], { value: string }>(
        'SELECT value FROM meta WHERE key = ?',
      )
      .get(key);
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.#db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  transaction<T>(work: () => T): T {
    try {
      return this.#db.transaction(work)();
    } catch (error) {
      this.#poolCounts.clear();
      throw error;
    }
  }

  /** Removes every resource of every table (meta such as the token secret stays). */
  clear(): void {
    this.transaction(() => {
      for (const table of TABLES) this.#db.exec(`DELETE FROM ${table}`);
      this.#db
        .prepare(
          `DELETE FROM sqlite_sequence WHERE name IN (${TABLES.map(() => '?').join(', ')})`,
        )
        .run(...TABLES);
      this.#poolCounts.clear();
    });
  }

  /** A fresh `<prefix>-<base62>` id, unused in every table of its prefix. */
  newId(prefix: IdPrefix, length: number): string {
    const tables = ID_TABLES[prefix];
    const exists = this.#db.prepare(
      tables
        .map((table) => `SELECT 1 FROM ${table} WHERE id = ?`)
        .join(' UNION ALL '),
    );
    for (;;) {
      const id = `${prefix}-${base62(this.#random, length)}`;
      if (!exists.get(...tables.map(() => id))) return id;
    }
  }

  newKey(): JwksKey {
    return syntheticKey(this.#random);
  }

  // Providers

  countProviders(): number {
    return this.#providers.count();
  }

  listProviders(cursor: Cursor, limit: number): Page<ProviderRecord> {
    return this.#providers.page(cursor, limit);
  }

  getProvider(id: string): ProviderRecord | undefined {
    return this.#providers.find('id = ?', id);
  }

  findProviderByIssuer(issuer: string): ProviderRecord | undefined {
    const normalised = issuer.replace(/\/+$/, '');
    return this.#providers.find(
      "rtrim(issuer, '/') = ? ORDER BY seq LIMIT 1",
      normalised,
    );
  }

  insertProvider(
    fields: ProviderFields,
    extra: {
      id?: string;
      keys?: JwksKey[];
      createdAt?: Micros;
      updatedAt?: Micros;
    } = {},
  ): ProviderRecord {
    const id = extra.id ?? this.newId('op', 4);
    const createdAt = extra.createdAt ?? this.now();
    this.#providers.insert({
      id,
      ...providerColumns(fields),
      keys_json: JSON.stringify(extra.keys ?? [this.newKey(), this.newKey()]),
      jwks_status: 'OK',
      jwks_last_refresh_at: createdAt,
      created_at: createdAt,
      updated_at: extra.updatedAt ?? createdAt,
    });
    return this.getProvider(id) as ProviderRecord;
  }

  updateProvider(
    id: string,
    changes: Partial<ProviderFields>,
  ): ProviderRecord | undefined {
    const current = this.getProvider(id);
    if (!current || Object.keys(changes).length === 0) return current;
    this.#providers.update(
      {
        ...providerColumns({ ...current, ...changes }),
        updated_at: this.now(),
      },
      'id = ?',
      id,
    );
    return this.getProvider(id);
  }

  /** Records a JWKS refresh; a successful one rotates in a fresh key. */
  refreshJwks(id: string, status: JwksStatus): ProviderRecord | undefined {
    const current = this.getProvider(id);
    if (!current) return undefined;
    const keys =
      status === 'ERROR_FETCHING_JWKS' || status === 'INVALID_JWKS_URI'
        ? current.keys
        : [this.newKey(), ...current.keys].slice(0, 3);
    this.#providers.update(
      {
        keys_json: JSON.stringify(keys),
        jwks_status: status,
        jwks_last_refresh_at: this.now(),
      },
      'id = ?',
      id,
    );
    return this.getProvider(id);
  }

  /** Deletes the provider and, by the foreign key's cascade, its pools. */
  deleteProvider(id: string): boolean {
    const deleted = this.#providers.delete('id = ?', id) > 0;
    this.#poolCounts.delete(id);
    return deleted;
  }

  // Pools

  countPools(providerId: string): number {
    const cached = this.#poolCounts.get(providerId);
    if (cached !== undefined) return cached;
    const count = this.#pools.count(inProvider(providerId));
    this.#poolCounts.set(providerId, count);
    return count;
  }

  listPools(
    providerId: string,
    cursor: Cursor,
    limit: number,
  ): Page<PoolRecord> {
    return this.#pools.page(cursor, limit, inProvider(providerId));
  }

  getPool(providerId: string, id: string): PoolRecord | undefined {
    return this.#pools.find(`${IN_PROVIDER} id = ?`, providerId, id);
  }

  /** A pool by id alone (ids are unique across providers), for principals such as `User:pool-…`. */
  findPool(id: string): PoolRecord | undefined {
    return this.#pools.find('id = ?', id);
  }

  insertPool(
    providerId: string,
    fields: PoolFields,
    extra: { id?: string; createdAt?: Micros; updatedAt?: Micros } = {},
  ): PoolRecord {
    const id = extra.id ?? this.newId('pool', 4);
    const createdAt = extra.createdAt ?? this.now();
    this.#pools.insert({
      id,
      provider_id: providerId,
      ...poolColumns(fields),
      created_at: createdAt,
      updated_at: extra.updatedAt ?? createdAt,
    });
    this.#countPool(providerId, 1);
    return this.getPool(providerId, id) as PoolRecord;
  }

  updatePool(
    providerId: string,
    id: string,
    changes: Partial<PoolFields>,
  ): PoolRecord | undefined {
    const current = this.getPool(providerId, id);
    if (!current || Object.keys(changes).length === 0) return current;
    this.#pools.update(
      { ...poolColumns({ ...current, ...changes }), updated_at: this.now() },
      `${IN_PROVIDER} id = ?`,
      providerId,
      id,
    );
    return this.getPool(providerId, id);
  }

  deletePool(providerId: string, id: string): boolean {
    const deleted =
      this.#pools.delete(`${IN_PROVIDER} id = ?`, providerId, id) > 0;
    if (deleted) this.#countPool(providerId, -1);
    return deleted;
  }

  /** For the integrity check after a crash. */
  integrityCheck(): string {
    return String(this.#db.pragma('integrity_check', { simple: true }));
  }

  #countPool(providerId: string, change: 1 | -1): void {
    const count = this.#poolCounts.get(providerId);
    if (count !== undefined) this.#poolCounts.set(providerId, count + change);
  }
}
