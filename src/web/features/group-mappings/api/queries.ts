import { queryOptions } from '@tanstack/react-query';
import {
  getGroupMapping,
  listGroupMappings,
  type GroupMappingListParams,
} from './group-mappings.ts';

export const groupMappingQueries = {
  all: () => ['group-mappings'] as const,
  /** Every list of mappings, pages and whole walks alike. */
  lists: () => [...groupMappingQueries.all(), 'list'] as const,
  list: (params: GroupMappingListParams) =>
    queryOptions({
      queryKey: [...groupMappingQueries.lists(), params],
      queryFn: ({ signal }) => listGroupMappings(params, signal),
    }),
  details: () => [...groupMappingQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...groupMappingQueries.details(), id],
      queryFn: ({ signal }) => getGroupMapping(id, signal),
    }),
  /**
   * The mapping as the server has it at this moment, for a save to compare
   * with the version its form was opened from: never served from a cache.
   */
  current: (id: string) =>
    queryOptions({
      queryKey: [...groupMappingQueries.detail(id).queryKey, 'current'],
      queryFn: ({ signal }) => getGroupMapping(id, signal, { fresh: true }),
      staleTime: 0,
      gcTime: 0,
    }),
};
