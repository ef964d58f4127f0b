import { memo, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import {
  formatAbsolute,
  formatRelative,
} from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import {
  certificatePaths,
  groupMappingPaths,
} from '@/config/federation-paths.ts';
import { paths } from '@/config/paths.ts';
import { isMatchAllFilter } from '#filter/match-all.ts';
import {
  SEARCH_KIND_LABELS,
  type IndexedEntry,
  type SearchSort,
} from '../search-index.ts';
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

// Each kind's screen, and its parent's.
function hrefOf({ kind, item, parentId }: IndexedEntry): string {
  switch (kind) {
    case 'identity-pool':
      return paths.pool.getHref(parentId ?? '', item.id);
    case 'group-mapping':
      return groupMappingPaths.detail.getHref(item.id);
    case 'certificate-pool':
      return certificatePaths.pool.getHref(parentId ?? '', item.id);
  }
}

function parentHrefOf({ kind, parentId }: IndexedEntry): string | undefined {
  if (parentId === undefined) return undefined;
  return kind === 'certificate-pool'
    ? certificatePaths.authority.getHref(parentId)
    : paths.provider.getHref(parentId);
}

// What a filter of `true` lets in, by kind.
const MATCH_ALL: Record<IndexedEntry['kind'], string> = {
  'identity-pool': 'Matches every token',
  'group-mapping': 'Matches every SSO user',
  'certificate-pool': 'Matches every certificate',
};

/**
 * The matching objects (identity pools, group mappings, certificate pools),
 * each labelled with its kind and linking to its screen, {@link RESULTS_STEP} at a time: a large organisation's
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
  results: readonly IndexedEntry[];
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
                label="Name"
                sort={sort}
                onSort={onSort}
              />
            </Th>
            <Th>Kind</Th>
            <Th>Provider or authority</Th>
            <Th>ID</Th>
            <Th>Identity</Th>
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
          {rows.map((entry) => {
            const { kind, item, parentName, identity } = entry;
            const parentHref = parentHrefOf(entry);
            return (
              <tr
                key={`${kind}/${entry.parentId ?? ''}/${item.id}`}
                className="hover:bg-slate-50"
              >
                <Td>
                  <Link
                    to={hrefOf(entry)}
                    data-pool-link=""
                    className="font-medium [overflow-wrap:anywhere] text-brand-700 hover:underline"
                  >
                    <Highlight text={item.display_name} terms={terms} />
                  </Link>
                </Td>
                <Td className="whitespace-nowrap text-slate-700">
                  {SEARCH_KIND_LABELS[kind].one}
                </Td>
                <Td className="text-slate-700">
                  {parentHref ? (
                    <Link to={parentHref} className="hover:underline">
                      {parentName}
                    </Link>
                  ) : (
                    <span className="text-slate-600">—</span>
                  )}
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">
                  <Highlight text={item.id} terms={terms} />
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">
                  {identity ? (
                    <Highlight text={identity} terms={terms} />
                  ) : (
                    <span className="font-sans text-slate-600">—</span>
                  )}
                </Td>
                <Td className="max-w-md min-w-48 font-mono text-xs break-all">
                  <Highlight text={item.filter} terms={terms} />
                  {isMatchAllFilter(item.filter) && (
                    <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 font-sans font-medium text-amber-900">
                      {MATCH_ALL[kind]}
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <UpdatedAt value={item.metadata?.updated_at} />
                </Td>
              </tr>
            );
          })}
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
