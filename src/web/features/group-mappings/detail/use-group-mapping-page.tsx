import { useQuery } from '@tanstack/react-query';
import type { Crumb } from '@/components/ui/breadcrumbs.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { groupMappingQueries } from '../api/queries.ts';
import { GroupMappingLoadError } from './group-mapping-load-error.tsx';

/** The list's crumb, where every group mapping screen starts. */
export const GROUP_MAPPINGS_CRUMB: Crumb = {
  label: 'Group mappings',
  href: groupMappingPaths.list.getHref(),
};

/**
 * A mapping as the screens about it show it: its query, its crumbs (its id
 * until the name loads), and what replaces the screen if it never loaded.
 * A failed background refetch keeps what is on screen (its toast says so).
 */
export function useGroupMappingPage(id: string) {
  const query = useQuery(groupMappingQueries.detail(id));
  const crumbs: Crumb[] = [
    GROUP_MAPPINGS_CRUMB,
    {
      label: query.data?.display_name ?? id,
      href: groupMappingPaths.detail.getHref(id),
    },
  ];
  const failure =
    query.isError && query.data === undefined ? (
      <GroupMappingLoadError
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    ) : undefined;
  return { query, crumbs, failure };
}
