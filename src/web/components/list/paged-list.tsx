import {
  hashKey,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryOptions,
} from '@tanstack/react-query';
import {
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useState,
  type Key,
  type ReactNode,
} from 'react';
import { pageTokenOf } from '#contract/page-token.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { StillWaiting } from '@/components/ui/still-waiting.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { useListParams } from '@/hooks/use-list-params.ts';
import { afterNextPaint } from '@/lib/after-paint.ts';
import { PAGE_SIZES, visibleRows } from '@/lib/list-params.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { SortableTh, type SortState } from './sortable-th.tsx';

/** One column of a paged list: its head, and how it sorts if it does. */
export interface ListColumn<Row> {
  /** Unique in the list; a sortable column's key is its `sort` value in the URL. */
  key: string;
  label: string;
  /** The text a row sorts by; a column without it does not sort. */
  sortValue?: (row: Row) => string;
  /** The loading placeholder's size, for cells usually taller than a line. */
  skeletonClassName?: string;
}

/** A page of a Confluent list, as far as paging goes. */
export interface ListPage<Row> {
  /** Absent or null on an empty page (terse services omit it). */
  data?: readonly Row[] | null;
  metadata: {
    next?: string | null;
    prev?: string | null;
    total_size?: number;
  };
}

/** Which page a list asks its query for. */
export interface PageRequest {
  pageSize: number;
  pageToken?: string;
}

/** A list that can also search every row (`scope=all`), walked page by page. */
export interface EveryRow<Row, EveryKey extends QueryKey> {
  /**
   * The walk over every row (walkPages, lib/paced-walk.ts); `onProgress`
   * hears it. Called without it for the query's key alone.
   */
  query: (
    onProgress?: (progress: WalkProgress) => void,
  ) => UseQueryOptions<Row[], Error, Row[], EveryKey>;
  /** The noun, for counts ("1 pool", "3 of 40 pools match"). */
  noun: { one: string; other: string };
  /** The quick filter's label while it searches every row. */
  filterLabel: string;
  /** The button that widens the filter to every row; `total` when known. */
  searchLabel: (total: number | undefined) => string;
  /** The table's caption while it shows every row. */
  caption: string;
  /**
   * How the walk shows itself while it runs: a `bar` (WalkProgressView,
   * with the budget's countdown) above the table, or one `line` of text
   * under it, `starting` until the first page is in. Both because the
   * identity pools and the group mappings each had theirs when this was
   * folded; choosing one changes a screen, so it is left to a later change.
   */
  progress: { view: 'bar' } | { view: 'line'; starting: string };
}

// A page without `data` is an empty page; one array, so memos keep.
const NO_ROWS: never[] = [];

// Where the walk over every row stands, in one line.
function walkLine(
  walk: WalkProgress | undefined,
  starting: string,
  noun: string,
): string {
  if (!walk) return starting;
  const of = walk.total === undefined ? '' : ` of ${walk.total}`;
  const waiting =
    walk.waiting?.reason === 'budget'
      ? ' Waiting for the API budget to reset.'
      : walk.waiting?.reason === 'retry'
        ? ' Waiting to retry a page.'
        : '';
  return `Fetched ${walk.fetched}${of} ${noun}…${waiting}`;
}

function countLine(
  shown: number,
  all: number,
  isFiltered: boolean,
  noun: { one: string; other: string },
): string {
  const nouns = all === 1 ? noun.one : noun.other;
  return isFiltered
    ? `${shown} of ${all} ${nouns} ${shown === 1 ? 'matches' : 'match'}.`
    : `${all} ${nouns} in all.`;
}

/**
 * A Confluent list a page at a time, its state in the URL
 * (hooks/use-list-params.ts): cursor paging with the next page prefetched,
 * rows per page, a quick filter and sort of the rows in hand, the empty,
 * loading and failed states. With `every`, the filter can also search every
 * row, walked at the API budget's pace. The feature says what its rows are
 * (`columns`, `renderRow`) and what they are called; this keeps how a list
 * behaves the same on every screen.
 */
export function PagedList<
  Row,
  Page extends ListPage<Row>,
  PageKey extends QueryKey,
  EveryKey extends QueryKey = QueryKey,
>({
  columns,
  pageQuery,
  every,
  searchText,
  renderRow,
  rowKey,
  filterPlaceholder,
  caption,
  noRows,
  emptyState,
  header,
  searchBeyond,
  isWholeListWhenOnePage = false,
  hasSearchShortcut = false,
  maxSkeletonRows = 10,
  errorBack,
}: {
  columns: readonly ListColumn<Row>[];
  /** The query for one page. */
  pageQuery: (page: PageRequest) => UseQueryOptions<Page, Error, Page, PageKey>;
  every?: EveryRow<Row, EveryKey>;
  /**
   * The texts of a row the quick filter looks in. Module-level, like
   * `columns`: a new function each render would refilter every render.
   */
  searchText: (row: Row) => readonly (string | undefined)[];
  /** A row's cells (`Td`s), in the order of `columns`. */
  renderRow: (row: Row) => ReactNode;
  rowKey: (row: Row, index: number) => Key;
  filterPlaceholder: string;
  /** The table's caption for a page. */
  caption: (page: number) => string;
  /**
   * The one cell of a table whose rows all fell to the filter (or of an
   * empty later page); `isWhole` when the rows searched were every row.
   */
  noRows: (q: string, isWhole: boolean) => string;
  /** Instead of the table when there is nothing at all (EmptyListState). */
  emptyState: ReactNode;
  /** Above the list, empty or not, given the number of rows when known. */
  header?: (count: number | undefined) => ReactNode;
  /** Beside the filter while it has text: a way to search further still. */
  searchBeyond?: (q: string) => ReactNode;
  /**
   * A first page without a next page holds every row: its filter and sort
   * are then the whole list's, and it alone decides whether the list is
   * empty. Without it, a first page is empty when its `total_size` says 0
   * or, lacking one, when it has no row and no next page.
   */
  isWholeListWhenOnePage?: boolean;
  /** The `/` shortcut focuses the filter (lib/shortcuts.ts): one per screen. */
  hasSearchShortcut?: boolean;
  /** At most this many placeholder rows while a page loads. */
  maxSkeletonRows?: number;
  /** Where a page that failed to load offers to go back to. */
  errorBack?: { href: string; label: string };
}) {
  const sortKeys = useMemo(
    () => columns.flatMap((column) => (column.sortValue ? [column.key] : [])),
    [columns],
  );
  const { search, update, setPageSize } = useListParams({
    sortKeys,
    isScoped: every !== undefined,
  });
  const queryClient = useQueryClient();
  const filterId = useId();
  const sizeId = useId();
  const query = useQuery(
    pageQuery({ pageSize: search.page_size, pageToken: search.page_token }),
  );
  const isAll = search.scope === 'all';
  const [walk, setWalk] = useState<WalkProgress>();
  // A list without `every` runs no walk: no query at all, not a disabled one.
  const [everyQuery] = useQueries<
    UseQueryOptions<Row[], Error, Row[], EveryKey>[]
  >({
    queries: every ? [{ ...every.query(setWalk), enabled: isAll }] : [],
  });
  const everyKey = every && hashKey(every.query().queryKey);
  const cancelWalk = useEffectEvent(() => {
    if (every)
      void queryClient.cancelQueries({ queryKey: every.query().queryKey });
  });
  // Back to the page (a click, or Back): a walk still running stops, rather
  // than spending the API budget on rows no one will see.
  useEffect(() => {
    if (isAll || everyKey === undefined) return;
    cancelWalk();
  }, [isAll, everyKey]);

  const nextToken = pageTokenOf(query.data?.metadata.next);
  const prevToken = pageTokenOf(query.data?.metadata.prev);
  const page = search.page ?? 1;

  // "Next page" should render from cache; fetched once this page is on
  // screen, so starting the request does not delay its frame.
  const nextQuery =
    nextToken === undefined
      ? undefined
      : pageQuery({ pageSize: search.page_size, pageToken: nextToken });
  const nextKey = nextQuery && hashKey(nextQuery.queryKey);
  const prefetchNext = useEffectEvent(() => {
    if (nextQuery) void queryClient.prefetchQuery(nextQuery);
  });
  useEffect(() => {
    if (nextKey === undefined) return;
    return afterNextPaint(() => prefetchNext());
  }, [nextKey]);

  const all = isAll ? everyQuery?.data : undefined;
  const pageRows = query.data && (query.data.data ?? NO_ROWS);
  const source = isAll ? all : pageRows;
  const rows = useMemo(
    () =>
      source &&
      visibleRows(source, search, {
        searchText,
        sortValue: (row, key) =>
          columns.find((column) => column.key === key)?.sortValue?.(row) ?? '',
      }),
    [source, search, searchText, columns],
  );

  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView
        error={query.error}
        onRetry={() => void query.refetch()}
        backHref={errorBack?.href}
        backLabel={errorBack?.label}
      />
    );
  }

  const total = query.data?.metadata.total_size;
  const loaded = query.data?.data?.length ?? 0;
  const start = (page - 1) * search.page_size + 1;
  const isWholeList =
    isWholeListWhenOnePage &&
    query.data !== undefined &&
    !search.page_token &&
    !nextToken;
  // A terse page may carry no total_size: a first page with no row and no
  // next page is empty all the same.
  const isEmpty = isWholeListWhenOnePage
    ? isWholeList && loaded === 0
    : query.data !== undefined &&
      !search.page_token &&
      (total === 0 || (total === undefined && loaded === 0 && !nextToken));
  const count =
    total ??
    (isWholeList ? loaded : undefined) ??
    (isAll ? everyQuery?.data?.length : undefined);

  if (isEmpty) {
    return header ? (
      <div className="grid gap-4">
        {header(0)}
        {emptyState}
      </div>
    ) : (
      emptyState
    );
  }

  const sortState = (key: string): SortState =>
    search.sort === key
      ? 'ascending'
      : search.sort === `-${key}`
        ? 'descending'
        : 'none';
  const q = search.q.trim();
  const canSearchAll = every !== undefined && q !== '' && !isWholeList;
  const beyond = q ? searchBeyond?.(search.q) : undefined;

  return (
    <div className="grid gap-3">
      {header?.(count)}
      {query.isFetching && query.failureReason && (
        // Waiting to try again by itself: say why the rows are late.
        <RetryNotice error={query.failureReason} />
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <label htmlFor={filterId} className="text-sm font-medium">
            {isAll && every ? every.filterLabel : 'Filter this page'}
          </label>
          <Input
            id={filterId}
            type="search"
            value={search.q}
            placeholder={filterPlaceholder}
            data-shortcut-search={hasSearchShortcut ? '' : undefined}
            aria-keyshortcuts={hasSearchShortcut ? '/' : undefined}
            onChange={(event) => update({ q: event.target.value })}
            className="h-8 w-72 max-w-full"
          />
        </div>
        {isAll || canSearchAll || beyond ? (
          // Beyond the page: every row, or further still.
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
              canSearchAll && (
                <>
                  <span className="text-slate-600">
                    Only this page is filtered.
                  </span>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => update({ scope: 'all' })}
                  >
                    {every.searchLabel(total)}
                  </Button>
                </>
              )
            )}
            {beyond}
          </div>
        ) : (
          !isWholeList && (
            <p className="text-sm text-slate-600">
              Filtering and sorting apply to the rows on this page.
            </p>
          )
        )}
        {/* In this row, so that its empty live region adds no height. */}
        {query.isPending && !query.failureReason && (
          <StillWaiting className="text-sm font-medium text-amber-900" />
        )}
      </div>
      {isAll && everyQuery?.isError && everyQuery.data === undefined && (
        <ApiErrorView
          error={everyQuery.error}
          onRetry={() => void everyQuery.refetch()}
        />
      )}
      {isAll &&
        every?.progress.view === 'bar' &&
        everyQuery?.isPending &&
        walk && (
          <div role="status">
            <WalkProgressView progress={walk} noun={every.noun.other} hasBar />
          </div>
        )}
      <Table aria-busy={isAll ? everyQuery?.isPending : query.isPending}>
        <caption className="sr-only">
          {isAll && every ? every.caption : caption(page)}
        </caption>
        <thead>
          <tr>
            {columns.map(({ key, label, sortValue }) =>
              sortValue ? (
                <SortableTh
                  key={key}
                  label={label}
                  state={sortState(key)}
                  onSort={() =>
                    update({ sort: search.sort === key ? `-${key}` : key })
                  }
                  hint={isAll || isWholeList ? '(sort)' : '(sort this page)'}
                />
              ) : (
                <Th key={key}>{label}</Th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows === undefined
            ? Array.from(
                { length: Math.min(search.page_size, maxSkeletonRows) },
                (_, i) => (
                  <tr key={i}>
                    {columns.map((column) => (
                      <Td key={column.key}>
                        <Skeleton
                          className={
                            column.skeletonClassName ?? 'h-5 w-full max-w-40'
                          }
                        />
                      </Td>
                    ))}
                  </tr>
                ),
              )
            : rows.map((row, index) => (
                <tr key={rowKey(row, index)} className="hover:bg-slate-50">
                  {renderRow(row)}
                </tr>
              ))}
          {rows?.length === 0 && (
            <tr>
              <Td colSpan={columns.length} isMessage>
                {noRows(search.q, isAll || isWholeList)}
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      {isAll &&
        every &&
        (every.progress.view === 'line' ? (
          <p className="text-sm text-slate-700" aria-live="polite">
            {all === undefined
              ? everyQuery?.isError
                ? ''
                : walkLine(walk, every.progress.starting, every.noun.other)
              : countLine(rows?.length ?? 0, all.length, q !== '', every.noun)}
          </p>
        ) : (
          all && (
            <p className="text-sm text-slate-700" aria-live="polite">
              {countLine(rows?.length ?? 0, all.length, q !== '', every.noun)}
            </p>
          )
        ))}
      <nav
        aria-label="Pagination"
        // Every row is on screen: there is no page to turn.
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
            onValueChange={(value) => setPageSize(Number(value))}
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
            `${start}–${start + loaded - 1} of ${count ?? '?'}`
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
