import { useInfiniteQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import {
  formatAbsolute,
  formatRelative,
} from '@/components/ui/relative-time.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { AUDIT_SEARCH_KEYS, paths, type AuditSearch } from '@/config/paths.ts';
import { auditExportHref, type AuditEntry } from '../api/audit.ts';
import { auditQueries } from '../api/queries.ts';
import { parseAuditSearch, toAuditFilters } from '../schemas.ts';
import {
  actionLabel,
  ActorName,
  AuditChanges,
  OutcomeBadge,
  OutcomeReason,
  RequestIdValue,
} from './audit-entry-parts.tsx';
import { AuditFilters } from './audit-filters.tsx';

const COLUMNS = [
  'When',
  'Who',
  'Action',
  'Target',
  'Outcome',
  'Request id',
  'Changes',
] as const;

/**
 * The current name of a provider (no `poolId`) or of a pool, or `fallback`
 * while it is not known. The route supplies it: reading providers and pools
 * is their features' business.
 */
export type TargetNameComponent = ComponentType<{
  providerId: string;
  poolId?: string;
  fallback?: string;
}>;

// The name a write itself recorded (set, changed or removed): the pool's
// when the entry names a pool, else the provider's. For targets gone since,
// or until their current name is known.
function recordedName(entry: AuditEntry): string | undefined {
  const change = entry.changes.find(({ field }) => field === 'display_name');
  const name = change?.after ?? change?.before;
  return typeof name === 'string' ? name : undefined;
}

function Name({
  TargetName,
  providerId,
  poolId,
  fallback,
}: {
  TargetName: TargetNameComponent | undefined;
  providerId: string;
  poolId?: string;
  fallback: string | undefined;
}) {
  return TargetName ? (
    <TargetName providerId={providerId} poolId={poolId} fallback={fallback} />
  ) : (
    fallback
  );
}

// Names can repeat (Confluent allows two pools of a provider to share one):
// the id is always shown beside the name, and kept on one line.
function Target({
  entry,
  TargetName,
}: {
  entry: AuditEntry;
  TargetName: TargetNameComponent | undefined;
}) {
  if (entry.providerId && entry.poolId) {
    return (
      <span className="grid gap-0.5">
        <Link
          to={paths.pool.getHref(entry.providerId, entry.poolId, {
            tab: 'history',
          })}
          className="text-brand-700 hover:underline"
        >
          <span className="font-medium [overflow-wrap:anywhere]">
            <Name
              TargetName={TargetName}
              providerId={entry.providerId}
              poolId={entry.poolId}
              fallback={recordedName(entry)}
            />
          </span>{' '}
          <code className="font-mono text-xs whitespace-nowrap">
            {entry.poolId}
          </code>
        </Link>
        <span className="text-xs text-slate-600">
          in{' '}
          <Link
            to={paths.provider.getHref(entry.providerId)}
            className="hover:underline"
          >
            <Name
              TargetName={TargetName}
              providerId={entry.providerId}
              fallback={undefined}
            />{' '}
            <code className="font-mono whitespace-nowrap">
              {entry.providerId}
            </code>
          </Link>
        </span>
      </span>
    );
  }
  if (entry.providerId) {
    return (
      <Link
        to={paths.provider.getHref(entry.providerId)}
        className="text-brand-700 hover:underline"
      >
        <span className="font-medium [overflow-wrap:anywhere]">
          <Name
            TargetName={TargetName}
            providerId={entry.providerId}
            fallback={recordedName(entry)}
          />
        </span>{' '}
        <code className="font-mono text-xs whitespace-nowrap">
          {entry.providerId}
        </code>
      </Link>
    );
  }
  return <code className="font-mono text-xs break-all">{entry.target}</code>;
}

// The exact time in words, not only on hover: an audit log is read for
// when precisely something happened, and by screen readers row by row.
function When({ at }: { at: string }) {
  return (
    <time dateTime={at} className="grid">
      <span>{formatRelative(at)}</span>
      <span className="text-xs text-slate-600">{formatAbsolute(at)}</span>
    </time>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0) {
    return <span className="text-slate-600">—</span>;
  }
  const fields = entry.changes.map((change) => change.field).join(', ');
  return (
    <details className="min-w-48">
      <summary className="cursor-pointer text-sm">
        {entry.changes.length === 1
          ? `1 field: ${fields}`
          : `${entry.changes.length} fields: ${fields}`}
      </summary>
      <AuditChanges
        changes={entry.changes}
        outcome={entry.outcome}
        className="mt-2 w-96 max-w-[60vw]"
      />
    </details>
  );
}

function hasFilters(search: AuditSearch): boolean {
  return AUDIT_SEARCH_KEYS.some((key) => search[key]);
}

/**
 * Every recorded write, newest first, filtered by the URL's search.
 * `TargetName` names the providers and pools the entries point at.
 */
export function AuditLog({
  TargetName,
}: {
  TargetName?: TargetNameComponent;
} = {}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parseAuditSearch(searchParams);
  const filters = toAuditFilters(search);
  const query = useInfiniteQuery(auditQueries.list(filters));
  const entries = query.data?.pages.flatMap((page) => page.data);

  function apply(next: AuditSearch) {
    const params = new URLSearchParams();
    for (const key of AUDIT_SEARCH_KEYS) {
      const value = next[key];
      if (value) params.set(key, value);
    }
    setSearchParams(params);
  }

  return (
    <div className="grid gap-4">
      <AuditFilters
        key={searchParams.toString()}
        search={search}
        onApply={apply}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {entries === undefined
            ? '\u00a0'
            : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} shown${query.hasNextPage ? '; older ones follow' : ''}`}
        </p>
        <a
          href={auditExportHref(filters)}
          download
          className={buttonVariants({ variant: 'secondary', size: 'sm' })}
        >
          Export JSON Lines
        </a>
      </div>
      {query.isError && !entries ? (
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <Table aria-busy={query.isPending}>
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <Th key={column}>{column}</Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries === undefined
              ? Array.from({ length: 5 }, (_, i) => (
                  <tr key={i}>
                    {COLUMNS.map((column) => (
                      <Td key={column}>
                        <Skeleton className="h-5 w-full max-w-32" />
                      </Td>
                    ))}
                  </tr>
                ))
              : entries.map((entry) => (
                  <tr key={entry.id}>
                    <Td className="whitespace-nowrap">
                      <When at={entry.at} />
                    </Td>
                    <Td>
                      <ActorName actor={entry.actor} />
                    </Td>
                    <Td className="whitespace-nowrap">
                      {actionLabel(entry.action)}
                    </Td>
                    <Td>
                      <Target entry={entry} TargetName={TargetName} />
                    </Td>
                    <Td>
                      <OutcomeBadge
                        outcome={entry.outcome}
                        status={entry.status}
                      />
                      <OutcomeReason reason={entry.reason} />
                    </Td>
                    <Td>
                      <RequestIdValue
                        requestId={entry.requestId}
                        clientRequestId={entry.clientRequestId}
                      />
                    </Td>
                    <Td>
                      <Changes entry={entry} />
                    </Td>
                  </tr>
                ))}
            {entries?.length === 0 && (
              <tr>
                <Td colSpan={COLUMNS.length} isMessage>
                  {hasFilters(search)
                    ? 'No entries match these filters.'
                    : 'No writes have been recorded yet.'}
                </Td>
              </tr>
            )}
          </tbody>
        </Table>
      )}
      {query.isFetchNextPageError && (
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.fetchNextPage()}
        />
      )}
      {query.hasNextPage && (
        <Button
          variant="secondary"
          className="justify-self-start"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </Button>
      )}
    </div>
  );
}
