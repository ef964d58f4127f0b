import type { Generated } from 'kysely';

// Column types as both dialects hand them over: open.ts has PostgreSQL
// return bigint as a number and timestamptz as an ISO 8601 string, which is
// what SQLite's INTEGER and TEXT columns hold.

export type AuditLogTable = {
  id: Generated<number>;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  auth_mode: string;
  method: string;
  target: string;
  action: string;
  provider_id: string | null;
  pool_id: string | null;
  request_id: string;
  client_request_id: string | null;
  outcome: string;
  status: number;
  reason: string | null;
  changes_json: string;
};

export type SessionsTable = {
  /** SHA-256 of the cookie's token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  user_name: string;
  role: string;
  /** Milliseconds since the epoch, as are the other times below. */
  created_at: number;
  last_seen_at: number;
};

export type TestCasesTable = {
  seq: Generated<number>;
  id: string;
  provider_id: string;
  pool_id: string;
  name: string;
  claims_json: string;
  expected: 'match' | 'no-match';
  created_at: string;
};

export type LoginFailuresTable = {
  id: Generated<number>;
  /** SHA-256 of what failed (a username, an address). */
  key_hash: string;
  at: number;
};

export type PendingSignInsTable = {
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  started_at: number;
};

export type CountersTable = {
  key: string;
  window_start: number;
  expires_at: number;
  hits: number;
};

export type StoreSchema = {
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  test_cases: TestCasesTable;
  login_failures: LoginFailuresTable;
  pending_sign_ins: PendingSignInsTable;
  counters: CountersTable;
};

export type Dialect = 'sqlite' | 'postgres';
