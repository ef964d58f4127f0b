import {
  AUDIT_API,
  type AuditAction,
  type AuditChange,
  type AuditEntry,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
} from '#contract/audit.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type {
  AuditAction,
  AuditChange,
  AuditEntry,
  AuditOutcome,
  AuditPage,
  AuditQuery,
};

/** Which entries: every filter of AuditQuery except the paging cursor and size. */
export type AuditFilters = Pick<
  AuditQuery,
  'provider_id' | 'pool_id' | 'since' | 'until'
>;

function searchOf(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One page of entries, newest first. */
export function listAuditEntries(
  query: AuditQuery,
  signal?: AbortSignal,
): Promise<AuditPage> {
  return lifeguardApi(`${AUDIT_API.list}${searchOf(query)}`, { signal });
}

/** The JSON Lines download of every entry the filters match. */
export function auditExportHref(filters: AuditFilters): string {
  return `${AUDIT_API.export}${searchOf(filters)}`;
}
