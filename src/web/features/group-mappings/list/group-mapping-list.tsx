import { isMatchAllFilter } from '#filter/match-all.ts';
import { EmptyListState } from '@/components/list/empty-list-state.tsx';
import { NameCells, UpdatedCell } from '@/components/list/list-cells.tsx';
import { PagedList, type ListColumn } from '@/components/list/paged-list.tsx';
import { Td } from '@/components/ui/table.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { allGroupMappingsQuery } from '../api/all-group-mappings.ts';
import type { GroupMapping } from '../api/group-mappings.ts';
import { groupMappingQueries } from '../api/queries.ts';
import { GroupMappingQuota } from './group-mapping-quota.tsx';

const COLUMNS: ListColumn<GroupMapping>[] = [
  {
    key: 'display_name',
    label: 'Display name',
    sortValue: (mapping) => mapping.display_name,
  },
  { key: 'id', label: 'ID', sortValue: (mapping) => mapping.id },
  { key: 'filter', label: 'Filter' },
  { key: 'principal', label: 'Principal' },
  {
    key: 'updated_at',
    label: 'Last updated',
    sortValue: (mapping) => mapping.metadata?.updated_at ?? '',
  },
];

function searchText(mapping: GroupMapping) {
  return [
    mapping.display_name,
    mapping.id,
    mapping.filter,
    mapping.description,
  ];
}

function rowKey(mapping: GroupMapping) {
  return mapping.id;
}

function noRows(q: string, isWhole: boolean) {
  return isWhole
    ? `No group mapping matches “${q}”.`
    : `No group mapping on this page matches “${q}”.`;
}

function caption(page: number) {
  return `Group mappings, page ${page}`;
}

function GroupMappingCells({ mapping }: { mapping: GroupMapping }) {
  return (
    <>
      <NameCells
        href={groupMappingPaths.detail.getHref(mapping.id)}
        name={mapping.display_name}
        id={mapping.id}
      />
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
      <UpdatedCell value={mapping.metadata?.updated_at} />
    </>
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
  return (
    <PagedList
      columns={COLUMNS}
      pageQuery={(page) => groupMappingQueries.list(page)}
      every={{
        query: allGroupMappingsQuery,
        noun: { one: 'group mapping', other: 'group mappings' },
        filterLabel: 'Filter every group mapping',
        searchLabel: () => 'Search every group mapping',
        caption: 'Every group mapping',
        progress: { view: 'bar' },
      }}
      searchText={searchText}
      renderRow={(mapping) => <GroupMappingCells mapping={mapping} />}
      rowKey={rowKey}
      filterPlaceholder="Name, id, filter or description"
      hasSearchShortcut
      caption={caption}
      noRows={noRows}
      // Terse pages (the live service's) carry no total_size: a first page
      // with no next page holds every mapping, and so does a finished walk.
      isWholeListWhenOnePage
      header={(count) => <GroupMappingQuota count={count} />}
      emptyState={
        <EmptyListState
          title="No group mappings yet"
          createLabel="Create the first group mapping"
          createHref={groupMappingPaths.create.getHref()}
          createDisabledReason={createDisabledReason}
        >
          A group mapping gives the users who sign in through SSO the roles of
          their SAML groups.
        </EmptyListState>
      }
    />
  );
}
