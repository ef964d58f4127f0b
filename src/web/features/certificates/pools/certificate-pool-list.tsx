import { EmptyListState } from '@/components/list/empty-list-state.tsx';
import {
  DescriptionCell,
  NameCells,
  UpdatedCell,
} from '@/components/list/list-cells.tsx';
import { PagedList, type ListColumn } from '@/components/list/paged-list.tsx';
import { Td } from '@/components/ui/table.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import type { CertificatePool } from '../api/pools.ts';
import { certificatePoolQueries } from '../api/queries.ts';
import { FilterBreadthBadge } from './filter-breadth.tsx';

const COLUMNS: ListColumn<CertificatePool>[] = [
  {
    key: 'display_name',
    label: 'Display name',
    sortValue: (pool) => pool.display_name,
  },
  { key: 'id', label: 'ID', sortValue: (pool) => pool.id },
  {
    key: 'external_identifier',
    label: 'External identifier',
    sortValue: (pool) => pool.external_identifier,
  },
  { key: 'filter', label: 'Filter' },
  { key: 'description', label: 'Description' },
  {
    key: 'updated_at',
    label: 'Last updated',
    sortValue: (pool) => pool.metadata?.updated_at ?? '',
  },
];

function searchText(pool: CertificatePool) {
  return [pool.display_name, pool.id, pool.external_identifier, pool.filter];
}

function rowKey(pool: CertificatePool) {
  return pool.id;
}

// Only the page is ever searched: an authority's pools are few.
function noRows(q: string) {
  return q.trim()
    ? `No pool on this page matches “${q}”.`
    : 'No pools on this page.';
}

function caption(page: number) {
  return `Certificate pools, page ${page}`;
}

function CertificatePoolCells({
  caId,
  pool,
}: {
  caId: string;
  pool: CertificatePool;
}) {
  return (
    <>
      <NameCells
        href={certificatePaths.pool.getHref(caId, pool.id)}
        name={pool.display_name}
        id={pool.id}
      />
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
      <DescriptionCell description={pool.description} />
      <UpdatedCell value={pool.metadata?.updated_at} />
    </>
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
  return (
    <PagedList
      columns={COLUMNS}
      pageQuery={(page) => certificatePoolQueries.list({ caId, ...page })}
      searchText={searchText}
      renderRow={(pool) => <CertificatePoolCells caId={caId} pool={pool} />}
      rowKey={rowKey}
      filterPlaceholder="Name, id, identifier or filter text"
      caption={caption}
      noRows={noRows}
      errorBack={{
        href: certificatePaths.list.getHref(),
        label: 'Back to certificate authorities',
      }}
      emptyState={
        <EmptyListState
          // Under the authority screen's “Certificate pools” heading (h2).
          headingLevel={3}
          title="No certificate pools yet"
          descriptionClassName="mx-auto max-w-xl"
          createLabel="Create the first pool"
          createHref={certificatePaths.poolNew.getHref(caId)}
          createDisabledReason={createDisabledReason}
        >
          A certificate pool decides which client certificates of this authority
          may act in your organisation, and as which principal. Without one, no
          certificate it issued can be used.
        </EmptyListState>
      }
    />
  );
}
