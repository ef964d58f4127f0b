import { queryOptions } from '@tanstack/react-query';
import {
  walkPages,
  type PacedWalkOptions,
  type WalkProgress,
} from '@/lib/paced-walk.ts';
import { listGroupMappings, type GroupMapping } from './group-mappings.ts';
import { groupMappingQueries } from './queries.ts';

/**
 * Every group mapping of the organization, walked page by page at the API
 * budget's pace (see {@link walkPages}: waits, retries, abort, progress).
 */
export function listAllGroupMappings(
  options: PacedWalkOptions,
): Promise<GroupMapping[]> {
  return walkPages((page, signal) => listGroupMappings(page, signal), options);
}

/** A walk costs a request per 100 mappings: its copy stays fresh a while. */
export const ALL_GROUP_MAPPINGS_STALE_MS = 5 * 60_000;

/**
 * Every group mapping, walked with {@link listAllGroupMappings}; kept under
 * the lists' key, so a write that refreshes the lists refreshes this too.
 * `onProgress` hears the walk.
 */
export function allGroupMappingsQuery(
  onProgress: (progress: WalkProgress) => void = () => {},
) {
  // The progress callback is not part of the data: one cached walk serves
  // whoever listens.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [...groupMappingQueries.lists(), 'every'] as const,
    queryFn: ({ signal }) => listAllGroupMappings({ signal, onProgress }),
    // The walker already retries each failed page as the policy says.
    retry: false,
    staleTime: ALL_GROUP_MAPPINGS_STALE_MS,
  });
}
