import { Link } from 'react-router';
import { isMatchAllFilter } from '#filter/match-all.ts';
import { EmptyListState } from '@/components/list/empty-list-state.tsx';
import { DescriptionCell, UpdatedCell } from '@/components/list/list-cells.tsx';
import { PagedList, type ListColumn } from '@/components/list/paged-list.tsx';
import { Td } from '@/components/ui/table.tsx';
import { Tooltip } from '@/components/ui/tooltip.tsx';
import { paths } from '@/config/paths.ts';
import { allPoolsQuery } from '../api/all-pools.ts';
import type { Pool } from '../api/pools.ts';
import { poolQueries } from '../api/queries.ts';
import { PoolNameCells } from './pool-name-cells.tsx';

const COLUMNS: ListColumn<Pool>[] = [
  {
    key: 'display_name',
    label: 'Display name',
    sortValue: (pool) => pool.display_name,
  },
  { key: 'id', label: 'ID', sortValue: (pool) => pool.id },
  {
    key: 'identity_claim',
    label: 'Identity claim',
    sortValue: (pool) => pool.identity_claim,
  },
  { key: 'filter', label: 'Filter' },
  // Descriptions usually take their two lines.
  {
    key: 'description',
    label: 'Description',
    skeletonClassName: 'h-10 w-full max-w-40',
  },
  {
    key: 'updated_at',
    label: 'Last updated',
    sortValue: (pool) => pool.metadata?.updated_at ?? '',
  },
];

function searchText(pool: Pool) {
  return [pool.display_name, pool.id, pool.identity_claim, pool.filter];
}

// Keyed by position: a new page updates the rows in place instead of
// building new ones (and their tooltips), which keeps "Next page" within a
// frame.
function rowKey(_pool: Pool, index: number) {
  return index;
}

function noRows(q: string, isWhole: boolean) {
  return isWhole
    ? `No pool of this provider matches “${q}”.`
    : `No pool on this page matches “${q}”.`;
}

function caption(page: number) {
  return `Identity pools, page ${page}`;
}

// A pool any token of the provider may use is worth a second look.
function MatchAllBadge() {
  return (
    <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
      Matches every token
    </span>
  );
}

function PoolCells({ providerId, pool }: { providerId: string; pool: Pool }) {
  return (
    <>
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
      <DescriptionCell description={pool.description} />
      <UpdatedCell value={pool.metadata?.updated_at} />
    </>
  );
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
  return (
    <PagedList
      columns={COLUMNS}
      pageQuery={(page) => poolQueries.list({ providerId, ...page })}
      every={{
        query: (onProgress) => allPoolsQuery(providerId, onProgress),
        noun: { one: 'pool', other: 'pools' },
        filterLabel: 'Filter all of this provider’s pools',
        searchLabel: (total) =>
          total === undefined
            ? 'Search all of this provider’s pools'
            : `Search all ${total} pools of this provider`,
        caption: 'Identity pools of this provider',
        progress: {
          view: 'line',
          starting: 'Fetching every pool of this provider…',
        },
      }}
      searchText={searchText}
      renderRow={(pool) => <PoolCells providerId={providerId} pool={pool} />}
      rowKey={rowKey}
      filterPlaceholder="Name, id, claim or filter text"
      hasSearchShortcut
      caption={caption}
      noRows={noRows}
      maxSkeletonRows={25}
      searchBeyond={(q) => (
        <Link
          to={paths.search.getHref({ q })}
          className="font-medium text-brand-700 hover:underline"
        >
          Search every provider for “{q}”
        </Link>
      )}
      emptyState={
        <EmptyListState
          title="No identity pools yet"
          createLabel="Create the first pool"
          createHref={paths.poolNew.getHref(providerId)}
          createDisabledReason={createDisabledReason}
        >
          A pool decides which tokens of this provider may act in your
          organisation.
        </EmptyListState>
      }
    />
  );
}
