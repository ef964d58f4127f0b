import { memo, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import {
  formatAbsolute,
  formatRelative,
} from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';
import { isMatchAllFilter } from '#filter/match-all.ts';
import type { IndexedPool, SearchSort } from '../search-index.ts';
import { Highlight } from './highlight.tsx';

/** Rows shown at first, and added by each "Show more". */
export const RESULTS_STEP = 100;

type SortColumn = 'display_name' | 'updated_at';

function sortState(sort: SearchSort, column: SortColumn) {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return 'none';
}

// Names read A→Z first; times newest first, what one looks for most.
function nextSort(sort: SearchSort, column: SortColumn): SearchSort {
  if (column === 'display_name') {
    return sort === 'display_name' ? '-display_name' : 'display_name';
  }
  return sort === '-updated_at' ? 'updated_at' : '-updated_at';
}

function SortButton({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: string;
  sort: SearchSort;
  onSort: (sort: SearchSort) => void;
}) {
  const state = sortState(sort, column);
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 hover:underline"
      onClick={() => onSort(nextSort(sort, column))}
    >
      {label}
      <span aria-hidden="true">
        {{ ascending: '▲', descending: '▼', none: '↕' }[state]}
      </span>
    </button>
  );
}

// Plain text rather than RelativeTime's focusable tooltip: hundreds of rows
// would mean hundreds of tooltips to mount and of extra tab stops.
function UpdatedAt({ value }: { value: string | undefined }) {
  if (!value) return <span className="text-slate-600">—</span>;
  return (
    <time dateTime={value} title={formatAbsolute(value)}>
      {formatRelative(value)}
    </time>
  );
}

/**
 * The matching pools, {@link RESULTS_STEP} at a time: a large organisation's
 * thousands of rows would make every keystroke slow to render. Each row
 * links to its pool. Remount it (a `key`) when the search changes, to start
 * again from the first rows.
 */
// Memoised: the walk's progress re-renders the page every page it loads,
// and the rows need not follow unless the results did.
export const SearchResults = memo(function SearchResults({
  results,
  terms,
  sort,
  onSort,
  isUpdating,
}: {
  results: readonly IndexedPool[];
  terms: readonly string[];
  sort: SearchSort;
  onSort: (sort: SearchSort) => void;
  /** A newer search is being worked out: the rows are about to change. */
  isUpdating: boolean;
}) {
  const [shown, setShown] = useState(RESULTS_STEP);
  const firstNewRow = useRef<number | undefined>(undefined);
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = results.slice(0, shown);
  const left = results.length - rows.length;

  // "Show more" may disappear with the last rows; keep the keyboard where
  // reading goes on, on the first row that was added.
  useEffect(() => {
    if (firstNewRow.current === undefined) return;
    const links = tableRef.current?.querySelectorAll<HTMLAnchorElement>(
      'tbody a[data-pool-link]',
    );
    links?.[firstNewRow.current]?.focus();
    firstNewRow.current = undefined;
  }, [shown]);

  return (
    <div className="grid gap-3">
      <Table
        ref={tableRef}
        aria-busy={isUpdating}
        className={isUpdating ? 'opacity-60' : undefined}
      >
        <caption className="sr-only">Pools found</caption>
        <thead>
          <tr>
            <Th aria-sort={sortState(sort, 'display_name')}>
              <SortButton
                column="display_name"
                label="Pool"
                sort={sort}
                onSort={onSort}
              />
            </Th>
            <Th>Provider</Th>
            <Th>ID</Th>
            <Th>Identity claim</Th>
            <Th>Filter</Th>
            <Th aria-sort={sortState(sort, 'updated_at')}>
              <SortButton
                column="updated_at"
                label="Last updated"
                sort={sort}
                onSort={onSort}
              />
            </Th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ pool, providerId, providerName }) => (
            <tr key={`${providerId}/${pool.id}`} className="hover:bg-slate-50">
              <Td>
                <Link
                  to={paths.pool.getHref(providerId, pool.id)}
                  data-pool-link=""
                  className="font-medium [overflow-wrap:anywhere] text-brand-700 hover:underline"
                >
                  <Highlight text={pool.display_name} terms={terms} />
                </Link>
              </Td>
              <Td className="text-slate-700">
                <Link
                  to={paths.provider.getHref(providerId)}
                  className="hover:underline"
                >
                  {providerName}
                </Link>
              </Td>
              <Td className="font-mono text-xs whitespace-nowrap">
                <Highlight text={pool.id} terms={terms} />
              </Td>
              <Td className="font-mono text-xs whitespace-nowrap">
                <Highlight text={pool.identity_claim} terms={terms} />
              </Td>
              <Td className="max-w-md min-w-48 font-mono text-xs break-all">
                <Highlight text={pool.filter} terms={terms} />
                {isMatchAllFilter(pool.filter) && (
                  <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 font-sans font-medium text-amber-900">
                    Matches every token
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                <UpdatedAt value={pool.metadata?.updated_at} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {left > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-700">
            Showing {rows.length} of {results.length}.
          </p>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              firstNewRow.current = rows.length;
              setShown((count) => count + RESULTS_STEP);
            }}
          >
            Show {Math.min(left, RESULTS_STEP)} more
          </Button>
        </div>
      )}
    </div>
  );
});
