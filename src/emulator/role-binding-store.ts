import type Database from 'better-sqlite3';
import { crnQueryMatches, normalizeCrn } from '#contract/crn.ts';
import type { Micros } from './clock.ts';
import type { Cursor, Page } from './keyset-page.ts';
import { Table, type Scope, type StoreDependencies } from './table.ts';

export type RoleBindingRecord = {
  seq: number;
  id: string;
  principal: string;
  roleName: string;
  /** As the client sent it: the service echoes patterns, `%3A` and all. */
  crnPattern: string;
  createdAt: Micros;
};

export type RoleBindingFields = Pick<
  RoleBindingRecord,
  'principal' | 'roleName' | 'crnPattern'
>;

/** A list's filters: `principal` and `roleName` exact, `crnQuery` as a `crn_pattern` query. */
export type RoleBindingFilter = {
  principal?: string;
  roleName?: string;
  crnQuery: string;
};

// `crn_key` is the pattern with `%3A` read as `:`, so that a duplicate is
// found however the colon was written.
export const ROLE_BINDING_SCHEMA = `
CREATE TABLE IF NOT EXISTS role_bindings (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  principal TEXT NOT NULL,
  role_name TEXT NOT NULL,
  crn_pattern TEXT NOT NULL,
  crn_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (principal, role_name, crn_key)
);
CREATE INDEX IF NOT EXISTS role_bindings_by_principal ON role_bindings (principal, seq);
`;

// One definition of what a crn_pattern query matches, the contract's, which
// the console uses too; registered as an SQL function so that paging and
// counting can filter by it.
const MATCHES = 'crn_query_matches';

type RoleBindingRow = {
  seq: number;
  id: string;
  principal: string;
  role_name: string;
  crn_pattern: string;
  created_at: number;
};

function toRoleBinding(row: RoleBindingRow): RoleBindingRecord {
  return {
    seq: row.seq,
    id: row.id,
    principal: row.principal,
    roleName: row.role_name,
    crnPattern: row.crn_pattern,
    createdAt: row.created_at,
  };
}

function scopeOf(filter: RoleBindingFilter): Scope {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.principal !== undefined) {
    parts.push('principal = ? AND');
    params.push(filter.principal);
  }
  if (filter.roleName !== undefined) {
    parts.push('role_name = ? AND');
    params.push(filter.roleName);
  }
  parts.push(`${MATCHES}(?, crn_key) AND`);
  params.push(filter.crnQuery);
  return { condition: parts.join(' '), params };
}

/** Role bindings; one per {@link Store}, sharing its connection. */
export class RoleBindingStore {
  readonly #table: Table<RoleBindingRow, RoleBindingRecord>;
  readonly #newId: () => string;
  readonly #now: () => Micros;

  constructor(db: Database.Database, options: StoreDependencies) {
    this.#table = new Table(db, 'role_bindings', toRoleBinding);
    this.#newId = options.newId;
    this.#now = options.now;
    db.function(
      MATCHES,
      { deterministic: true },
      (query: unknown, pattern: unknown) =>
        crnQueryMatches(String(query), String(pattern)) ? 1 : 0,
    );
  }

  count(filter: RoleBindingFilter): number {
    return this.#table.count(scopeOf(filter));
  }

  list(
    filter: RoleBindingFilter,
    cursor: Cursor,
    limit: number,
  ): Page<RoleBindingRecord> {
    return this.#table.page(cursor, limit, scopeOf(filter));
  }

  get(id: string): RoleBindingRecord | undefined {
    return this.#table.find('id = ?', id);
  }

  /** The binding with the same principal, role and pattern (`%3A` and `:` alike). */
  findSame(fields: RoleBindingFields): RoleBindingRecord | undefined {
    return this.#table.find(
      'principal = ? AND role_name = ? AND crn_key = ?',
      fields.principal,
      fields.roleName,
      normalizeCrn(fields.crnPattern),
    );
  }

  insert(
    fields: RoleBindingFields,
    extra: { id?: string; createdAt?: Micros } = {},
  ): RoleBindingRecord {
    const id = extra.id ?? this.#uniqueId();
    this.#table.insert({
      id,
      principal: fields.principal,
      role_name: fields.roleName,
      crn_pattern: fields.crnPattern,
      crn_key: normalizeCrn(fields.crnPattern),
      created_at: extra.createdAt ?? this.#now(),
    });
    return this.get(id)!;
  }

  /** Deletes one binding; what it was, or `undefined` if there was none. */
  delete(id: string): RoleBindingRecord | undefined {
    const existing = this.get(id);
    if (existing) this.#table.delete('id = ?', id);
    return existing;
  }

  /**
   * Deletes the bindings that name a resource that is going away: those it
   * holds (`principal`) and those on it (patterns `crnQuery` matches, e.g.
   * its CRN with `/*`). How many went.
   */
  deleteFor(principal: string, crnQuery: string): number {
    return this.#table.delete(
      `principal = ? OR ${MATCHES}(?, crn_key)`,
      principal,
      crnQuery,
    );
  }

  /**
   * {@link deleteFor} for every pool of a provider and the provider itself
   * (`crnQuery`: its CRN with `/*`). Call it before the provider's row goes,
   * while its pools are still there to be named.
   */
  deleteForProvider(providerId: string, crnQuery: string): number {
    return this.#deleteForParent('pools', 'provider_id', providerId, crnQuery);
  }

  /**
   * {@link deleteForProvider} for a certificate authority and its
   * certificate pools, before the authority's row goes.
   */
  deleteForCertificateAuthority(authorityId: string, crnQuery: string): number {
    return this.#deleteForParent(
      'certificate_pools',
      'certificate_authority_id',
      authorityId,
      crnQuery,
    );
  }

  #deleteForParent(
    poolTable: 'pools' | 'certificate_pools',
    parentColumn: 'provider_id' | 'certificate_authority_id',
    parentId: string,
    crnQuery: string,
  ): number {
    return this.#table.delete(
      `principal IN (SELECT 'User:' || id FROM ${poolTable} WHERE ${parentColumn} = ?)
         OR ${MATCHES}(?, crn_key)`,
      parentId,
      crnQuery,
    );
  }

  #uniqueId(): string {
    for (;;) {
      const id = this.#newId();
      if (!this.get(id)) return id;
    }
  }
}
