import type Database from 'better-sqlite3';
import type { Micros } from './clock.ts';
import {
  countInScope,
  keysetPage,
  type Cursor,
  type Page,
} from './keyset-page.ts';

/**
 * The organization's directory: its name, environments, Kafka clusters and
 * users. Nothing in the emulator's API writes them (Lifeguard only reads
 * them to name what a role binding points at); the seeds do.
 */

export type OrganizationRecord = {
  displayName: string;
  jitEnabled: boolean;
  createdAt: Micros;
  updatedAt: Micros;
};

export type GovernancePackage = 'ESSENTIALS' | 'ADVANCED';

export type EnvironmentRecord = {
  seq: number;
  id: string;
  displayName: string;
  governancePackage: GovernancePackage | null;
  createdAt: Micros;
  updatedAt: Micros;
};

export type ClusterKind =
  'Basic' | 'Standard' | 'Dedicated' | 'Enterprise' | 'Freight';

export type ClusterRecord = {
  seq: number;
  id: string;
  environmentId: string;
  displayName: string;
  kind: ClusterKind;
  /** Dedicated clusters only. */
  cku: number | null;
  cloud: 'AWS' | 'GCP' | 'AZURE';
  region: string;
  availability: 'SINGLE_ZONE' | 'MULTI_ZONE';
  /** The `pkc-…` host of the bootstrap and REST endpoints. */
  endpointHost: string;
  createdAt: Micros;
  updatedAt: Micros;
};

export type UserRecord = {
  seq: number;
  id: string;
  email: string;
  fullName: string;
  authType: 'AUTH_TYPE_LOCAL' | 'AUTH_TYPE_SSO';
  createdAt: Micros;
  updatedAt: Micros;
};

type Stamps = { createdAt: Micros; updatedAt?: Micros };

export const DIRECTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS organization (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  display_name TEXT NOT NULL,
  jit_enabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS environments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  governance_package TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clusters (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  environment_id TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  cku INTEGER,
  cloud TEXT NOT NULL,
  region TEXT NOT NULL,
  availability TEXT NOT NULL,
  endpoint_host TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_by_environment ON clusters (environment_id, seq);
CREATE TABLE IF NOT EXISTS users (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  full_name TEXT NOT NULL,
  auth_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

/** The directory's tables, children first, for clearing. */
export const DIRECTORY_TABLES = [
  'clusters',
  'environments',
  'users',
  'organization',
] as const;

type EnvironmentRow = {
  seq: number;
  id: string;
  display_name: string;
  governance_package: GovernancePackage | null;
  created_at: number;
  updated_at: number;
};

type ClusterRow = {
  seq: number;
  id: string;
  environment_id: string;
  display_name: string;
  kind: ClusterKind;
  cku: number | null;
  cloud: ClusterRecord['cloud'];
  region: string;
  availability: ClusterRecord['availability'];
  endpoint_host: string;
  created_at: number;
  updated_at: number;
};

type UserRow = {
  seq: number;
  id: string;
  email: string;
  full_name: string;
  auth_type: UserRecord['authType'];
  created_at: number;
  updated_at: number;
};

function toEnvironment(row: EnvironmentRow): EnvironmentRecord {
  return {
    seq: row.seq,
    id: row.id,
    displayName: row.display_name,
    governancePackage: row.governance_package,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toCluster(row: ClusterRow): ClusterRecord {
  return {
    seq: row.seq,
    id: row.id,
    environmentId: row.environment_id,
    displayName: row.display_name,
    kind: row.kind,
    cku: row.cku,
    cloud: row.cloud,
    region: row.region,
    availability: row.availability,
    endpointHost: row.endpoint_host,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUser(row: UserRow): UserRecord {
  return {
    seq: row.seq,
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    authType: row.auth_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Reads and seeds the directory; one per {@link Store}, sharing its connection. */
export class DirectoryStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  organization(): OrganizationRecord | undefined {
    const row = this.#db
      .prepare<
        [],
        {
          display_name: string;
          jit_enabled: number;
          created_at: number;
          updated_at: number;
        }
      >('SELECT * FROM organization')
      .get();
    return (
      row && {
        displayName: row.display_name,
        jitEnabled: row.jit_enabled === 1,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }
    );
  }

  setOrganization(record: OrganizationRecord): void {
    this.#db
      .prepare(
        `INSERT INTO organization (only_row, display_name, jit_enabled, created_at, updated_at)
         VALUES (1, ?, ?, ?, ?) ON CONFLICT(only_row) DO UPDATE SET
           display_name = excluded.display_name, jit_enabled = excluded.jit_enabled,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
      )
      .run(
        record.displayName,
        record.jitEnabled ? 1 : 0,
        record.createdAt,
        record.updatedAt,
      );
  }

  // Environments

  countEnvironments(): number {
    return countInScope(this.#db, 'environments', '', []);
  }

  listEnvironments(cursor: Cursor, limit: number): Page<EnvironmentRecord> {
    return keysetPage(
      this.#db,
      { table: 'environments', scope: '', scopeParams: [], map: toEnvironment },
      cursor,
      limit,
    );
  }

  getEnvironment(id: string): EnvironmentRecord | undefined {
    const row = this.#db
      .prepare<[string], EnvironmentRow>(
        'SELECT * FROM environments WHERE id = ?',
      )
      .get(id);
    return row && toEnvironment(row);
  }

  insertEnvironment(
    fields: Pick<EnvironmentRecord, 'id' | 'displayName' | 'governancePackage'>,
    { createdAt, updatedAt }: Stamps,
  ): EnvironmentRecord {
    this.#db
      .prepare(
        `INSERT INTO environments (id, display_name, governance_package, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        fields.id,
        fields.displayName,
        fields.governancePackage,
        createdAt,
        updatedAt ?? createdAt,
      );
    return this.getEnvironment(fields.id)!;
  }

  // Clusters

  countClusters(environmentId: string): number {
    return countInScope(this.#db, 'clusters', 'environment_id = ? AND', [
      environmentId,
    ]);
  }

  listClusters(
    environmentId: string,
    cursor: Cursor,
    limit: number,
  ): Page<ClusterRecord> {
    return keysetPage(
      this.#db,
      {
        table: 'clusters',
        scope: 'environment_id = ? AND',
        scopeParams: [environmentId],
        map: toCluster,
      },
      cursor,
      limit,
    );
  }

  getCluster(id: string): ClusterRecord | undefined {
    const row = this.#db
      .prepare<[string], ClusterRow>('SELECT * FROM clusters WHERE id = ?')
      .get(id);
    return row && toCluster(row);
  }

  insertCluster(
    fields: Omit<ClusterRecord, 'seq' | 'createdAt' | 'updatedAt'>,
    { createdAt, updatedAt }: Stamps,
  ): ClusterRecord {
    this.#db
      .prepare(
        `INSERT INTO clusters (id, environment_id, display_name, kind, cku, cloud, region,
           availability, endpoint_host, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.id,
        fields.environmentId,
        fields.displayName,
        fields.kind,
        fields.cku,
        fields.cloud,
        fields.region,
        fields.availability,
        fields.endpointHost,
        createdAt,
        updatedAt ?? createdAt,
      );
    return this.getCluster(fields.id)!;
  }

  // Users

  countUsers(): number {
    return countInScope(this.#db, 'users', '', []);
  }

  listUsers(cursor: Cursor, limit: number): Page<UserRecord> {
    return keysetPage(
      this.#db,
      { table: 'users', scope: '', scopeParams: [], map: toUser },
      cursor,
      limit,
    );
  }

  getUser(id: string): UserRecord | undefined {
    const row = this.#db
      .prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?')
      .get(id);
    return row && toUser(row);
  }

  insertUser(
    fields: Pick<UserRecord, 'id' | 'email' | 'fullName' | 'authType'>,
    { createdAt, updatedAt }: Stamps,
  ): UserRecord {
    this.#db
      .prepare(
        `INSERT INTO users (id, email, full_name, auth_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.id,
        fields.email,
        fields.fullName,
        fields.authType,
        createdAt,
        updatedAt ?? createdAt,
      );
    return this.getUser(fields.id)!;
  }
}
