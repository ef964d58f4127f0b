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

// A blank filter means "any": it is left out, not sent empty. The list and
// the export link spell their queries alike.
function searchOf(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/** One page of entries, newest first. */
export async function listAuditEntries(
  query: AuditQuery,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const { data } = await lifeguardApi().GET('/api/lifeguard/audit', {
    params: { query },
    querySerializer: searchOf,
    signal,
  });
  return data!;
}

/** The JSON Lines download of every entry the filters match. */
export function auditExportHref(filters: AuditFilters): string {
  const search = searchOf(filters);
  return search ? `${AUDIT_API.export}?${search}` : AUDIT_API.export;
}
