import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { auditQueries } from '../api/queries.ts';
import {
  actionLabel,
  ActorName,
  AuditChanges,
  OutcomeBadge,
  RequestIdValue,
} from './audit-entry-parts.tsx';

/** Every recorded write to one pool (and its test cases), newest first. */
export function PoolHistory({
  providerId,
  poolId,
}: {
  providerId: string;
  poolId: string;
}) {
  return <ObjectHistory providerId={providerId} objectId={poolId} />;
}

export type ObjectHistoryProps = {
  /**
   * The object's parent (identity provider or certificate authority), to
   * narrow the log to it; leave it out for a group mapping (no parent), or
   * to include the grants and revokes of the object's roles, which the
   * server records without a parent.
   */
  providerId?: string;
  /** The object: `pool-…` (identity or certificate pool) or `group-…`. */
  objectId: string;
  /** After "this", in the empty state: "pool" (default), "group mapping"… */
  noun?: string;
};

/**
 * Every recorded write to one object, newest first: an identity pool (and
 * its test cases), a certificate pool or a group mapping, from
 * `GET /api/lifeguard/audit?pool_id=<id>` (open to every signed-in user).
 *
 * ```tsx
 * <ObjectHistory objectId={mapping.id} noun="group mapping" />
 * <ObjectHistory providerId={authorityId} objectId={pool.id} noun="certificate pool" />
 * ```
 */
export function ObjectHistory({
  providerId,
  objectId,
  noun = 'pool',
}: ObjectHistoryProps) {
  const titleId = useId();
  const query = useInfiniteQuery(
    auditQueries.list(
      providerId === undefined
        ? { pool_id: objectId }
        : { provider_id: providerId, pool_id: objectId },
    ),
  );
  const entries = query.data?.pages.flatMap((page) => page.data);

  return (
    <section aria-labelledby={titleId} className="grid gap-3">
      <div>
        <h2 id={titleId} className="text-lg font-semibold">
          History
        </h2>
        <p className="text-sm text-slate-700">
          Changes made through Lifeguard, newest first. Changes made elsewhere
          (the Confluent Cloud Console, the CLI) are not recorded here.
        </p>
      </div>
      {query.isError && !entries && (
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isPending && (
        <div aria-busy="true" className="grid gap-3">
          <span className="sr-only">Loading the history…</span>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      )}
      {entries?.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          No changes to this {noun} have been recorded yet.
        </p>
      )}
      {entries && entries.length > 0 && (
        <ol className="grid gap-3" aria-label="Recorded changes">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4"
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <h3 className="font-semibold">{actionLabel(entry.action)}</h3>
                <OutcomeBadge outcome={entry.outcome} status={entry.status} />
              </div>
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                <dt className="text-slate-600">When</dt>
                <dd>
                  <RelativeTime value={entry.at} />
                </dd>
                <dt className="text-slate-600">Who</dt>
                <dd>
                  <ActorName actor={entry.actor} />
                </dd>
                {entry.reason && (
                  <>
                    <dt className="text-slate-600">Why</dt>
                    <dd className="[overflow-wrap:anywhere]">{entry.reason}</dd>
                  </>
                )}
                <dt className="text-slate-600">Request id</dt>
                <dd>
                  <RequestIdValue
                    requestId={entry.requestId}
                    clientRequestId={entry.clientRequestId}
                  />
                </dd>
              </dl>
              <AuditChanges
                changes={entry.changes}
                outcome={entry.outcome}
                className="mt-1"
              />
            </li>
          ))}
        </ol>
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
    </section>
  );
}
