import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { pageTokenOf } from '#contract/page-token.ts';
import { isMatchAllFilter } from '#filter/match-all.ts';
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
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { afterNextPaint } from '@/lib/after-paint.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { allGroupMappingsQuery } from '../api/all-group-mappings.ts';
import type { GroupMapping } from '../api/group-mappings.ts';
import { groupMappingQueries } from '../api/queries.ts';
import { GroupMappingQuota } from './group-mapping-quota.tsx';
import {
  PAGE_SIZES,
  parseGroupMappingListSearch,
  toSearchParams,
  type GroupMappingListSearch,
  type SortKey,
} from './group-mapping-list-params.ts';

// A page without `data` is an empty page; one array, so memos keep.
const NO_MAPPINGS: never[] = [];

const COLUMNS: { key: SortKey | 'filter' | 'principal'; label: string }[] = [
  { key: 'display_name', label: 'Display name' },
  { key: 'id', label: 'ID' },
  { key: 'filter', label: 'Filter' },
  { key: 'principal', label: 'Principal' },
  { key: 'updated_at', label: 'Last updated' },
];

function isSortable(key: (typeof COLUMNS)[number]['key']): key is SortKey {
  return key !== 'filter' && key !== 'principal';
}

function sortValue(mapping: GroupMapping, key: SortKey): string {
  return key === 'updated_at'
    ? (mapping.metadata?.updated_at ?? '')
    : mapping[key];
}

function visibleRows(
  mappings: readonly GroupMapping[],
  search: GroupMappingListSearch,
): GroupMapping[] {
  const needle = search.q.trim().toLowerCase();
  const filtered = needle
    ? mappings.filter((mapping) =>
        [
          mapping.display_name,
          mapping.id,
          mapping.filter,
          mapping.description,
        ].some((text) => text?.toLowerCase().includes(needle)),
      )
    : [...mappings];
  if (!search.sort) return filtered;
  const descending = search.sort.startsWith('-');
  const key = search.sort.replace(/^-/, '') as SortKey;
  return filtered.sort(
    (a, b) =>
      sortValue(a, key).localeCompare(sortValue(b, key)) *
      (descending ? -1 : 1),
  );
}

/**
 * The organization's SSO group mappings, a page at a time: cursor paging,
 * rows per page, quick filter and sort in the URL. The filter can search
 * every mapping (`scope=all`, walked at the API budget's pace). Above the
 * table, how close the organization is to its quota.
 */
export function GroupMappingList({
  createDisabledReason,
}: {
  /** Set when the user may not create mappings: why. */
  createDisabledReason?: string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parseGroupMappingListSearch(searchParams);
  const queryClient = useQueryClient();
  const filterId = useId();
  const sizeId = useId();
  const reasonId = useId();
  const query = useQuery(
    groupMappingQueries.list({
      pageSize: search.page_size,
      pageToken: search.page_token,
    }),
  );
  const isAll = search.scope === 'all';
  const [walk, setWalk] = useState<WalkProgress>();
  const every = useQuery({ ...allGroupMappingsQuery(setWalk), enabled: isAll });
  // Back to the page: a walk still running stops, rather than spending the
  // API budget on rows no one will see.
  useEffect(() => {
    if (isAll) return;
    void queryClient.cancelQueries({
      queryKey: allGroupMappingsQuery().queryKey,
    });
  }, [isAll, queryClient]);
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
          groupMappingQueries.list({
            pageSize: search.page_size,
            pageToken: nextToken,
          }),
        ),
    );
  }, [queryClient, search.page_size, nextToken]);

  const mappings = isAll
    ? every.data
    : query.data && (query.data.data ?? NO_MAPPINGS);
  const rows = useMemo(
    () => (mappings ? visibleRows(mappings, search) : undefined),
    [mappings, search],
  );

  const update = (changes: Partial<GroupMappingListSearch>) =>
    setSearchParams(toSearchParams({ ...search, ...changes }));

  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView error={query.error} onRetry={() => void query.refetch()} />
    );
  }

  const total = query.data?.metadata.total_size ?? undefined;
  const loaded = query.data?.data?.length ?? 0;
  const start = (page - 1) * search.page_size + 1;
  // Terse pages (the live service's) carry no total_size: a first page with
  // no next page holds every mapping, and so does a finished walk.
  const isWholeList =
    query.data !== undefined && !search.page_token && !nextToken;
  const count =
    total ??
    (isWholeList ? loaded : undefined) ??
    (isAll ? every.data?.length : undefined);
  const isEmpty = isWholeList && loaded === 0;

  if (isEmpty) {
    return (
      <div className="grid gap-4">
        <GroupMappingQuota count={0} />
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-semibold">No group mappings yet</h2>
          <p className="mt-1 text-slate-700">
            A group mapping gives the users who sign in through SSO the roles of
            their SAML groups.
          </p>
          {createDisabledReason ? (
            <>
              <Button className="mt-4" disabled aria-describedby={reasonId}>
                Create the first group mapping
              </Button>
              <DisabledReason id={reasonId} className="mt-2">
                {createDisabledReason}
              </DisabledReason>
            </>
          ) : (
            <Link
              to={groupMappingPaths.create.getHref()}
              className={`${buttonVariants()} mt-4`}
            >
              Create the first group mapping
            </Link>
          )}
        </section>
      </div>
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
      <GroupMappingQuota count={count} />
      {query.isFetching && query.failureReason && (
        // Waiting to try again by itself: say why the rows are late.
        <RetryNotice error={query.failureReason} />
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <label htmlFor={filterId} className="text-sm font-medium">
            {isAll ? 'Filter every group mapping' : 'Filter this page'}
          </label>
          <Input
            id={filterId}
            type="search"
            value={search.q}
            placeholder="Name, id, filter or description"
            // The `/` shortcut focuses it (lib/shortcuts.ts).
            data-shortcut-search=""
            aria-keyshortcuts="/"
            onChange={(event) => update({ q: event.target.value })}
            className="h-8 w-72 max-w-full"
          />
        </div>
        {isAll ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => update({ scope: 'page' })}
          >
            Back to this page
          </Button>
        ) : search.q.trim() && !isWholeList ? (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="text-slate-600">Only this page is filtered.</span>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => update({ scope: 'all' })}
            >
              Search every group mapping
            </Button>
          </div>
        ) : (
          !isWholeList && (
            <p className="text-sm text-slate-600">
              Filtering and sorting apply to the rows on this page.
            </p>
          )
        )}
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
      {isAll && every.isPending && walk && (
        <div role="status">
          <WalkProgressView progress={walk} noun="group mappings" hasBar />
        </div>
      )}
      <Table aria-busy={isAll ? every.isPending : query.isPending}>
        <caption className="sr-only">
          {isAll ? 'Every group mapping' : `Group mappings, page ${page}`}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const { key } = column;
              if (!isSortable(key)) return <Th key={key}>{column.label}</Th>;
              return (
                <Th key={key} aria-sort={sortState(key)}>
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 hover:underline"
                    onClick={() =>
                      update({ sort: search.sort === key ? `-${key}` : key })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {
                        { ascending: '▲', descending: '▼', none: '↕' }[
                          sortState(key)
                        ]
                      }
                    </span>
                    <span className="sr-only">
                      {isAll || isWholeList ? '(sort)' : '(sort this page)'}
                    </span>
                  </button>
                </Th>
              );
            })}
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
            : rows.map((mapping) => (
                <tr key={mapping.id} className="hover:bg-slate-50">
                  <Td>
                    <Link
                      to={groupMappingPaths.detail.getHref(mapping.id)}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {mapping.display_name}
                    </Link>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {mapping.id}
                  </Td>
                  <Td className="max-w-sm">
                    <code className="block font-mono text-xs break-all whitespace-pre-wrap">
                      {mapping.filter}
                    </code>
                    {isMatchAllFilter(mapping.filter) && (
                      <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                        Maps every SSO user
                      </span>
                    )}
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    User:{mapping.principal}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <RelativeTime value={mapping.metadata?.updated_at} />
                  </Td>
                </tr>
              ))}
          {rows?.length === 0 && (
            <tr>
              <Td colSpan={COLUMNS.length} isMessage>
                {isAll || isWholeList
                  ? `No group mapping matches “${search.q}”.`
                  : `No group mapping on this page matches “${search.q}”.`}
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      {isAll && every.data && (
        <p className="text-sm text-slate-700" aria-live="polite">
          {search.q.trim()
            ? `${rows?.length ?? 0} of ${every.data.length} group mappings match.`
            : `${every.data.length} group mappings in all.`}
        </p>
      )}
      <nav
        aria-label="Pagination"
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
          ) : search.page_token && search.page === undefined ? (
            `${loaded} of ${total ?? '?'}`
          ) : (
            `${start}–${start + loaded - 1} of ${total ?? count ?? '?'}`
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
