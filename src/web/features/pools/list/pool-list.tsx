import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { Input } from '@/components/ui/input.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { StillWaiting } from '@/components/ui/still-waiting.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { Tooltip } from '@/components/ui/tooltip.tsx';
import { paths } from '@/config/paths.ts';
import { isMatchAllFilter } from '#filter/match-all.ts';
import { allPoolsQuery } from '../api/all-pools.ts';
import type { Pool } from '../api/pools.ts';
import { poolQueries } from '../api/queries.ts';
import {
  PAGE_SIZES,
  parsePoolListSearch,
  toSearchParams,
  type PoolListSearch,
  type SortKey,
} from './pool-list-params.ts';
import { PoolNameCells } from './pool-name-cells.tsx';
import { afterNextPaint } from '@/lib/after-paint.ts';
import { pageTokenOf } from '#contract/page-token.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';

// A page without `data` is an empty page; one array, so memos keep.
const NO_POOLS: never[] = [];

const COLUMNS: { key: SortKey | 'filter' | 'description'; label: string }[] = [
  { key: 'display_name', label: 'Display name' },
  { key: 'id', label: 'ID' },
  { key: 'identity_claim', label: 'Identity claim' },
  { key: 'filter', label: 'Filter' },
  { key: 'description', label: 'Description' },
  { key: 'updated_at', label: 'Last updated' },
];

function sortValue(pool: Pool, key: SortKey): string {
  return key === 'updated_at' ? (pool.metadata?.updated_at ?? '') : pool[key];
}

function visibleRows(pools: Pool[], search: PoolListSearch): Pool[] {
  const needle = search.q.trim().toLowerCase();
  const filtered = needle
    ? pools.filter((pool) =>
        [pool.display_name, pool.id, pool.identity_claim, pool.filter].some(
          (text) => text.toLowerCase().includes(needle),
        ),
      )
    : pools;
  if (!search.sort) return filtered;
  const descending = search.sort.startsWith('-');
  const key = search.sort.replace(/^-/, '') as SortKey;
  return [...filtered].sort(
    (a, b) =>
      sortValue(a, key).localeCompare(sortValue(b, key)) *
      (descending ? -1 : 1),
  );
}

// A pool any token of the provider may use is worth a second look.
function MatchAllBadge() {
  return (
    <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
      Matches every token
    </span>
  );
}

// Where the walk over every pool stands, in words.
function walkText(walk: WalkProgress | undefined): string {
  if (!walk) return 'Fetching every pool of this provider…';
  const of = walk.total === undefined ? '' : ` of ${walk.total}`;
  const waiting =
    walk.waiting?.reason === 'budget'
      ? ' Waiting for the API budget to reset.'
      : walk.waiting?.reason === 'retry'
        ? ' Waiting to retry a page.'
        : '';
  return `Fetched ${walk.fetched}${of} pools…${waiting}`;
}

/**
 * One page of a provider's pools: cursor paging, rows per page, quick filter
 * and sort. The filter can also search every pool of the provider (`scope=all`,
 * walked at the API budget's pace), or hand its text to the org-wide search.
 */
export function PoolList({
  providerId,
  createDisabledReason,
}: {
  providerId: string;
  /** Set when the user may not create pools: why. */
  createDisabledReason?: string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parsePoolListSearch(searchParams);
  const queryClient = useQueryClient();
  const filterId = useId();
  const sizeId = useId();
  const reasonId = useId();
  const listParams = {
    providerId,
    pageSize: search.page_size,
    pageToken: search.page_token,
  };
  const query = useQuery(poolQueries.list(listParams));
  const isAll = search.scope === 'all';
  const [walk, setWalk] = useState<WalkProgress>();
  const every = useQuery({
    ...allPoolsQuery(providerId, setWalk),
    enabled: isAll,
  });
  // Back to the page (a click, or Back): a walk still running stops, rather
  // than spending the API budget on rows no one will see.
  useEffect(() => {
    if (isAll) return;
    void queryClient.cancelQueries({
      queryKey: allPoolsQuery(providerId).queryKey,
    });
  }, [isAll, queryClient, providerId]);
  const nextToken = pageTokenOf(query.data?.metadata.next);
  const prevToken = pageTokenOf(query.data?.metadata.prev);
  const page = search.page ?? 1;

  // "Next page" should render from cache; fetched once this page is on
  // screen, so starting the request does not delay its frame.
  useEffect(() => {
    if (!nextToken) return;
    return afterNextPaint(
      () =>
        void queryClient.prefetchQuery(
          poolQueries.list({
            providerId,
            pageSize: search.page_size,
            pageToken: nextToken,
          }),
        ),
    );
  }, [queryClient, providerId, search.page_size, nextToken]);

  const pools = isAll
    ? every.data
    : query.data && (query.data.data ?? NO_POOLS);
  const rows = useMemo(
    () => (pools ? visibleRows(pools, search) : undefined),
    [pools, search],
  );

  const update = (changes: Partial<PoolListSearch>) =>
    setSearchParams(toSearchParams({ ...search, ...changes }));

  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView error={query.error} onRetry={() => void query.refetch()} />
    );
  }

  const total = query.data?.metadata.total_size;
  const loaded = query.data?.data?.length ?? 0;
  const start = (page - 1) * search.page_size + 1;
  // A terse page may carry neither total_size nor data: a first page with
  // no pool and no next page is empty all the same.
  const isEmpty =
    query.data !== undefined &&
    !search.page_token &&
    (total === 0 || (total === undefined && loaded === 0 && !nextToken));

  if (isEmpty) {
    return (
      <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <h2 className="text-lg font-semibold">No identity pools yet</h2>
        <p className="mt-1 text-slate-700">
          A pool decides which tokens of this provider may act in your
          organisation.
        </p>
        {createDisabledReason ? (
          <>
            <Button className="mt-4" disabled aria-describedby={reasonId}>
              Create the first pool
            </Button>
            <DisabledReason id={reasonId} className="mt-2">
              {createDisabledReason}
            </DisabledReason>
          </>
        ) : (
          <Link
            to={paths.poolNew.getHref(providerId)}
            className={`${buttonVariants()} mt-4`}
          >
            Create the first pool
          </Link>
        )}
      </section>
    );
  }

  const sortState = (key: SortKey) =>
    search.sort === key
      ? 'ascending'
      : search.sort === `-${key}`
        ? 'descending'
        : 'none';

  return (
    <div className="grid gap-3">
      {query.isFetching && query.failureReason && (
        // Waiting to try again by itself: say why the rows are late.
        <RetryNotice error={query.failureReason} />
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <label htmlFor={filterId} className="text-sm font-medium">
            {isAll ? 'Filter all of this provider’s pools' : 'Filter this page'}
          </label>
          <Input
            id={filterId}
            type="search"
            value={search.q}
            placeholder="Name, id, claim or filter text"
            // The `/` shortcut focuses it (lib/shortcuts.ts).
            data-shortcut-search=""
            aria-keyshortcuts="/"
            onChange={(event) => update({ q: event.target.value })}
            className="h-8 w-72 max-w-full"
          />
        </div>
        {isAll || search.q.trim() ? (
          // Beyond the page: every pool of the provider, or every provider.
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            {isAll ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => update({ scope: 'page' })}
              >
                Back to this page
              </Button>
            ) : (
              <>
                <span className="text-slate-600">
                  Only this page is filtered.
                </span>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => update({ scope: 'all' })}
                >
                  {total === undefined
                    ? 'Search all of this provider’s pools'
                    : `Search all ${total} pools of this provider`}
                </Button>
              </>
            )}
            {search.q.trim() && (
              <Link
                to={paths.search.getHref({ q: search.q })}
                className="font-medium text-brand-700 hover:underline"
              >
                Search every provider for “{search.q}”
              </Link>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            Filtering and sorting apply to the rows on this page.
          </p>
        )}
        {/* In this row, so that its empty live region adds no height. */}
        {query.isPending && !query.failureReason && (
          <StillWaiting className="text-sm font-medium text-amber-900" />
        )}
      </div>
      {isAll && every.isError && every.data === undefined && (
        <ApiErrorView
          error={every.error}
          onRetry={() => void every.refetch()}
        />
      )}
      <Table aria-busy={isAll ? every.isPending : query.isPending}>
        <caption className="sr-only">
          {isAll
            ? 'Identity pools of this provider'
            : `Identity pools, page ${page}`}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) =>
              column.key === 'filter' || column.key === 'description' ? (
                <Th key={column.key}>{column.label}</Th>
              ) : (
                <Th key={column.key} aria-sort={sortState(column.key)}>
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 hover:underline"
                    onClick={() => {
                      const key = column.key as SortKey;
                      update({ sort: search.sort === key ? `-${key}` : key });
                    }}
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {
                        { ascending: '▲', descending: '▼', none: '↕' }[
                          sortState(column.key as SortKey)
                        ]
                      }
                    </span>
                    <span className="sr-only">
                      {isAll ? '(sort)' : '(sort this page)'}
                    </span>
                  </button>
                </Th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows === undefined
            ? Array.from(
                { length: search.page_size > 25 ? 25 : search.page_size },
                (_, i) => (
                  <tr key={i}>
                    {COLUMNS.map((column) => (
                      <Td key={column.key}>
                        {/* Descriptions usually take their two lines. */}
                        <Skeleton
                          className={
                            column.key === 'description'
                              ? 'h-10 w-full max-w-40'
                              : 'h-5 w-full max-w-40'
                          }
                        />
                      </Td>
                    ))}
                  </tr>
                ),
              )
            : rows.map((pool, index) => (
                // Keyed by position: a new page updates the rows in place
                // instead of building new ones (and their tooltips), which
                // keeps "Next page" within a frame.
                <tr key={index} className="hover:bg-slate-50">
                  <PoolNameCells providerId={providerId} pool={pool} />
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {pool.identity_claim}
                  </Td>
                  <Td className="max-w-xs">
                    <Tooltip content={pool.filter}>
                      <code
                        tabIndex={0}
                        aria-label={`Filter: ${pool.filter}`}
                        className="block truncate rounded font-mono text-xs focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {pool.filter}
                      </code>
                    </Tooltip>
                    {isMatchAllFilter(pool.filter) && <MatchAllBadge />}
                  </Td>
                  <Td className="max-w-xs text-slate-700">
                    {pool.description ? (
                      <span className="line-clamp-2">{pool.description}</span>
                    ) : (
                      <span className="text-slate-500 italic">
                        No description
                      </span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <RelativeTime value={pool.metadata?.updated_at} />
                  </Td>
                </tr>
              ))}
          {rows?.length === 0 && (
            <tr>
              <Td colSpan={COLUMNS.length} isMessage>
                {isAll
                  ? `No pool of this provider matches “${search.q}”.`
                  : `No pool on this page matches “${search.q}”.`}
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      {isAll && (
        <p className="text-sm text-slate-700" aria-live="polite">
          {every.data === undefined
            ? every.isError
              ? ''
              : walkText(walk)
            : search.q.trim()
              ? `${rows?.length ?? 0} of ${every.data.length} ${every.data.length === 1 ? 'pool' : 'pools'} ${rows?.length === 1 ? 'matches' : 'match'}.`
              : `${every.data.length} ${every.data.length === 1 ? 'pool' : 'pools'} in all.`}
        </p>
      )}
      <nav
        aria-label="Pagination"
        // Every pool is on screen: there is no page to turn.
        hidden={isAll}
        className="flex flex-wrap items-center justify-between gap-3"
      >
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="text-sm">
            Rows per page
          </label>
          <Select
            id={sizeId}
            value={String(search.page_size)}
            onValueChange={(value) =>
              setSearchParams(
                toSearchParams({
                  page_size: Number(value),
                  q: search.q,
                  sort: search.sort,
                }),
              )
            }
            options={PAGE_SIZES.map((size) => ({
              value: String(size),
              label: String(size),
            }))}
          />
        </div>
        <p className="text-sm text-slate-700" aria-live="polite">
          {query.data === undefined ? (
            <Skeleton isInline className="h-4 w-28" />
          ) : loaded === 0 ? (
            `0 of ${total ?? 0}`
          ) : search.page_token && search.page === undefined ? (
            `${loaded} of ${total ?? '?'}`
          ) : (
            `${start}–${start + loaded - 1} of ${total ?? '?'}`
          )}
        </p>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={page <= 1 && !prevToken}
            onClick={() =>
              update({
                page_token: page - 1 <= 1 ? undefined : prevToken,
                page: Math.max(1, page - 1),
              })
            }
          >
            Previous page
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!nextToken}
            onClick={() => update({ page_token: nextToken, page: page + 1 })}
          >
            Next page
          </Button>
        </div>
      </nav>
    </div>
  );
}
