import type { AuthMode, Role } from './auth.ts';

/** What happened to an attempted write. */
export type AuditOutcome =
  /** The upstream (or Lifeguard's store) accepted it. */
  | 'applied'
  /** It was forwarded and refused or failed (status says how). */
  | 'failed'
  /** Lifeguard refused it before forwarding: the caller's role may not write. */
  | 'denied'
  /**
   * Lifeguard refused it before forwarding for another reason (`reason`
   * says which: a bad request target, no CSRF header, over the rate limit,
   * a body that is not JSON…); what it asked for is not kept.
   */
  | 'refused';

export type AuditAction =
  | 'create-pool'
  | 'update-pool'
  | 'delete-pool'
  | 'create-provider'
  | 'update-provider'
  | 'delete-provider'
  /**
   * A pool that went with its provider's delete: one entry per pool, beside
   * the provider's, with the pool's last values.
   */
  | 'delete-pool-with-provider'
  | 'refresh-provider-keys'
  | 'create-group-mapping'
  | 'update-group-mapping'
  | 'delete-group-mapping'
  | 'create-certificate-authority'
  | 'update-certificate-authority'
  | 'delete-certificate-authority'
  | 'create-certificate-pool'
  | 'update-certificate-pool'
  | 'delete-certificate-pool'
  /**
   * A certificate pool that went with its certificate authority's delete,
   * as `delete-pool-with-provider` is for identity pools.
   */
  | 'delete-certificate-pool-with-authority'
  /** A role binding created (`principal`, `role_name`, `crn_pattern`). */
  | 'grant-role'
  /** A role binding deleted. */
  | 'revoke-role'
  | 'create-test-case'
  | 'delete-test-case'
  /** A write to a path that is no endpoint of Lifeguard's (always refused). */
  | 'unrecognised-write';

/**
 * One field: `null` before means created, `null` after means deleted. For a
 * write that failed or was denied, `after` is what was asked for and `before`
 * what Lifeguard knew then (null if it had not read it).
 */
export type AuditChange = { field: string; before: unknown; after: unknown };

/** One attempted write, as GET /api/lifeguard/audit returns it. */
export type AuditEntry = {
  /** Increasing with time; the cursor for older entries. */
  id: number;
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  actor: { id: string; name: string; role: Role; mode: AuthMode };
  method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** The path the console called, e.g. /api/iam/v2/identity-providers/op-1/identity-pools/pool-2. */
  target: string;
  action: AuditAction;
  /**
   * The object's parent: an identity pool's provider, a certificate pool's
   * certificate authority, or the provider or authority itself when the
   * entry is about one. Null for a group mapping (it has no parent).
   */
  providerId: string | null;
  /** The object: an identity pool, a certificate pool or a group mapping. */
  poolId: string | null;
  /** The server's own id for the request (in its log and sent upstream). */
  requestId: string;
  /** The X-Request-Id the client sent, if any: its own correlation id, not trusted to be unique. */
  clientRequestId: string | null;
  outcome: AuditOutcome;
  /** Why Lifeguard or the upstream did not apply it, when known. */
  reason: string | null;
  /** The upstream's status, or Lifeguard's own when it answered itself (403 when denied). */
  status: number;
  /** For creates, the fields set; for updates, the fields whose value changed; for deletes, the values removed. */
  changes: AuditChange[];
};

export type AuditPage = {
  data: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: number | null;
};

/** Query of GET /api/lifeguard/audit and its JSON Lines export. */
export type AuditQuery = {
  provider_id?: string;
  pool_id?: string;
  /** ISO 8601; entries at or after. */
  since?: string;
  /** ISO 8601; entries before. */
  until?: string;
  /** Only entries older than this id (paging). */
  before?: number;
  /** 1 to 200, default 50. */
  page_size?: number;
};

/**
 * Reading: one object's history (`pool_id` given: an identity pool, a
 * certificate pool or a group mapping) is open to every signed-in user;
 * anything wider, and the export, to admins only.
 */
export const AUDIT_API = {
  list: '/api/lifeguard/audit',
  /** The same filters, every matching entry, one JSON object per line (newest first). */
  export: '/api/lifeguard/audit/export',
} as const;

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;
