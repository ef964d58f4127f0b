import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { pageTokenOf } from '#contract/page-token.ts';
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
import { certificatePaths } from '@/config/federation-paths.ts';
import { afterNextPaint } from '@/lib/after-paint.ts';
import type { CertificatePool } from '../api/pools.ts';
import { certificatePoolQueries } from '../api/queries.ts';
import { FilterBreadthBadge } from './filter-breadth.tsx';
import {
  PAGE_SIZES,
  parseCertificatePoolListSearch,
  toSearchParams,
  type CertificatePoolListSearch,
  type SortKey,
} from './pool-list-params.ts';

// A page without `data` is an empty page; one array, so memos keep.
const NO_POOLS: never[] = [];

const COLUMNS: { key: SortKey | 'filter' | 'description'; label: string }[] = [
  { key: 'display_name', label: 'Display name' },
  { key: 'id', label: 'ID' },
  { key: 'external_identifier', label: 'External identifier' },
  { key: 'filter', label: 'Filter' },
  { key: 'description', label: 'Description' },
  { key: 'updated_at', label: 'Last updated' },
];

function sortValue(pool: CertificatePool, key: SortKey): string {
  return key === 'updated_at' ? (pool.metadata?.updated_at ?? '') : pool[key];
}

function visibleRows(
  pools: CertificatePool[],
  search: CertificatePoolListSearch,
): CertificatePool[] {
  const needle = search.q.trim().toLowerCase();
  const filtered = needle
    ? pools.filter((pool) =>
        [
          pool.display_name,
          pool.id,
          pool.external_identifier,
          pool.filter,
        ].some((text) => text.toLowerCase().includes(needle)),
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

/**
 * One page of an authority's certificate pools: cursor paging, rows per
 * page, a quick filter and sort of the page, all in the URL.
 */
export function CertificatePoolList({
  caId,
  createDisabledReason,
}: {
  caId: string;
  /** Set when the user may not create pools: why. */
  createDisabledReason?: string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parseCertificatePoolListSearch(searchParams);
  const queryClient = useQueryClient();
  const filterId = useId();
  const sizeId = useId();
  const reasonId = useId();
  const query = useQuery(
    certificatePoolQueries.list({
      caId,
      pageSize: search.page_size,
      pageToken: search.page_token,
    }),
  );
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
          certificatePoolQueries.list({
            caId,
            pageSize: search.page_size,
            pageToken: nextToken,
          }),
        ),
    );
  }, [queryClient, caId, search.page_size, nextToken]);

  const pools = query.data && (query.data.data ?? NO_POOLS);
  const rows = useMemo(
    () => (pools ? visibleRows(pools, search) : undefined),
    [pools, search],
  );

  const update = (changes: Partial<CertificatePoolListSearch>) =>
    setSearchParams(toSearchParams({ ...search, ...changes }));

  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView
        error={query.error}
        onRetry={() => void query.refetch()}
        backHref={certificatePaths.list.getHref()}
        backLabel="Back to certificate authorities"
      />
    );
  }

  const total = query.data?.metadata.total_size;
  const loaded = query.data?.data?.length ?? 0;
  const start = (page - 1) * search.page_size + 1;
  const isEmpty =
    query.data !== undefined &&
    !search.page_token &&
    (total === 0 || (total === undefined && loaded === 0 && !nextToken));

  if (isEmpty) {
    return (
      <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <h3 className="text-lg font-semibold">No certificate pools yet</h3>
        <p className="mx-auto mt-1 max-w-xl text-slate-700">
          A certificate pool decides which client certificates of this authority
          may act in your organisation, and as which principal. Without one, no
          certificate it issued can be used.
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
            to={certificatePaths.poolNew.getHref(caId)}
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
        <RetryNotice error={query.failureReason} />
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <label htmlFor={filterId} className="text-sm font-medium">
            Filter this page
          </label>
          <Input
            id={filterId}
            type="search"
            value={search.q}
            placeholder="Name, id, identifier or filter text"
            onChange={(event) => update({ q: event.target.value })}
            className="h-8 w-72 max-w-full"
          />
        </div>
        <p className="text-sm text-slate-600">
          Filtering and sorting apply to the rows on this page.
        </p>
        {query.isPending && !query.failureReason && (
          <StillWaiting className="text-sm font-medium text-amber-900" />
        )}
      </div>
      <Table aria-busy={query.isPending}>
        <caption className="sr-only">Certificate pools, page {page}</caption>
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
                    <span className="sr-only">(sort this page)</span>
                  </button>
                </Th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows === undefined
            ? Array.from({ length: Math.min(search.page_size, 10) }, (_, i) => (
                <tr key={i}>
                  {COLUMNS.map((column) => (
                    <Td key={column.key}>
                      <Skeleton className="h-5 w-full max-w-40" />
                    </Td>
                  ))}
                </tr>
              ))
            : rows.map((pool) => (
                <tr key={pool.id} className="hover:bg-slate-50">
                  <Td>
                    <Link
                      to={certificatePaths.pool.getHref(caId, pool.id)}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {pool.display_name}
                    </Link>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {pool.id}
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {pool.external_identifier}
                  </Td>
                  <Td className="max-w-xs">
                    {pool.filter.trim() !== '' && (
                      <code className="block font-mono text-xs break-all">
                        {pool.filter}
                      </code>
                    )}
                    <FilterBreadthBadge filter={pool.filter} />
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
                {search.q.trim()
                  ? `No pool on this page matches “${search.q}”.`
                  : 'No pools on this page.'}
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      <nav
        aria-label="Pagination"
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
