import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createGroupMapping,
  deleteGroupMapping,
  updateGroupMapping,
  type GroupMapping,
  type GroupMappingCreateBody,
  type GroupMappingUpdateBody,
} from './group-mappings.ts';
import { quotaQueries } from '@/lib/quota-queries.ts';
import { groupMappingQueries } from './queries.ts';

// Writes are pessimistic (server validation must reach the form); each hook
// owns its cache effects and returns the invalidation so isPending covers it.

export function useCreateGroupMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: GroupMappingCreateBody) => createGroupMapping(body),
    onSuccess: (mapping: GroupMapping) => {
      queryClient.setQueryData(
        groupMappingQueries.detail(mapping.id).queryKey,
        mapping,
      );
      // The quota's usage moves too, where the service reports one.
      return Promise.all([
        queryClient.invalidateQueries({
          queryKey: groupMappingQueries.lists(),
        }),
        queryClient.invalidateQueries({ queryKey: quotaQueries.all() }),
      ]);
    },
  });
}

export function useUpdateGroupMapping(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: GroupMappingUpdateBody) => updateGroupMapping(id, body),
    onSuccess: (mapping: GroupMapping) => {
      queryClient.setQueryData(
        groupMappingQueries.detail(id).queryKey,
        mapping,
      );
      return queryClient.invalidateQueries({
        queryKey: groupMappingQueries.lists(),
      });
    },
  });
}

export function useDeleteGroupMapping(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => deleteGroupMapping(id),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: groupMappingQueries.lists(),
        }),
        queryClient.invalidateQueries({ queryKey: quotaQueries.all() }),
      ]);
      // Last, right before the caller navigates away: removing it earlier
      // would make the still-mounted detail page refetch and flash a 404.
      queryClient.removeQueries({
        queryKey: groupMappingQueries.detail(id).queryKey,
      });
    },
  });
}
