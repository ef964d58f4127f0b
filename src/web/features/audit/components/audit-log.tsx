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
import { AUDIT_SEARCH_KEYS, type AuditSearch } from '@/config/paths.ts';
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
import {
  auditTarget,
  TARGET_KIND_LABELS,
  type AuditTargetKind,
} from '../audit-targets.ts';

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
 * The current name of the object an entry is about (an identity provider or
 * pool, a certificate authority or pool, a group mapping: `kind`), or
 * `fallback` while it is not known. The route supplies it: reading those
 * objects is their features' business.
 */
export type TargetNameComponent = ComponentType<{
  kind: AuditTargetKind;
  /** The object's id. */
  id: string;
  /** Its parent's: an identity pool's provider, a certificate pool's authority. */
  parentId?: string;
  fallback?: string;
}>;

// The name a write itself recorded (set, changed or removed): the object's
// own. For targets gone since, or until their current name is known.
function recordedName(entry: AuditEntry): string | undefined {
  const change = entry.changes.find(({ field }) => field === 'display_name');
  const name = change?.after ?? change?.before;
  return typeof name === 'string' ? name : undefined;
}

function Name({
  TargetName,
  kind,
  id,
  parentId,
  fallback,
}: {
  TargetName: TargetNameComponent | undefined;
  kind: AuditTargetKind;
  id: string;
  parentId?: string;
  fallback: string | undefined;
}) {
  return TargetName ? (
    <TargetName kind={kind} id={id} parentId={parentId} fallback={fallback} />
  ) : (
    fallback
  );
}

// The parent of a pool: its identity provider or certificate authority.
const PARENT_KIND: Partial<Record<AuditTargetKind, AuditTargetKind>> = {
  'identity-pool': 'identity-provider',
  'certificate-pool': 'certificate-authority',
};

// Names can repeat (Confluent allows two pools of a provider to share one):
// the id is always shown beside the name, and kept on one line. Each kind
// links to its own screen; a grant or revoke names its principal's object.
function Target({
  entry,
  TargetName,
}: {
  entry: AuditEntry;
  TargetName: TargetNameComponent | undefined;
}) {
  const target = auditTarget(entry);
  if (!target) {
    return <code className="font-mono text-xs break-all">{entry.target}</code>;
  }
  const isRole =
    entry.action === 'grant-role' || entry.action === 'revoke-role';
  const parentKind = PARENT_KIND[target.kind];
  return (
    <span className="grid gap-0.5">
      <Link to={target.href} className="text-brand-700 hover:underline">
        <span className="font-medium [overflow-wrap:anywhere]">
          <Name
            TargetName={TargetName}
            kind={target.kind}
            id={target.id}
            parentId={target.parentId}
            fallback={isRole ? undefined : recordedName(entry)}
          />
        </span>{' '}
        <code className="font-mono text-xs whitespace-nowrap">{target.id}</code>
      </Link>
      {target.kind !== 'identity-pool' &&
        target.kind !== 'identity-provider' && (
          <span className="text-xs text-slate-600">
            {TARGET_KIND_LABELS[target.kind]}
          </span>
        )}
      {parentKind && target.parentId && target.parentHref && (
        <span className="text-xs text-slate-600">
          in{' '}
          <Link to={target.parentHref} className="hover:underline">
            <Name
              TargetName={TargetName}
              kind={parentKind}
              id={target.parentId}
              fallback={undefined}
            />{' '}
            <code className="font-mono whitespace-nowrap">
              {target.parentId}
            </code>
          </Link>
        </span>
      )}
    </span>
  );
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
 * Every recorded write, newest first, filtered by the URL's search, each
 * linking to its object's screen (see `auditTarget`). `TargetName` names
 * the objects the entries point at.
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
