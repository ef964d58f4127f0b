import { useQueryClient } from '@tanstack/react-query';
import { useVersionedSave, type SaveBase } from '@/hooks/use-versioned-save.ts';
import {
  groupMappingVersionOf,
  type GroupMapping,
  type GroupMappingUpdateBody,
} from '../api/group-mappings.ts';
import { useUpdateGroupMapping } from '../api/mutations.ts';
import { groupMappingQueries } from '../api/queries.ts';
import {
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormValuesOf,
  sameGroupMappingValues,
  type GroupMappingFormValues,
} from '../schemas.ts';

/**
 * The PATCH body: only the fields the user changed, and of those only the
 * ones the server does not already hold, so a field someone else edited in
 * the meantime keeps their value. (The CLI's update resets a filter it is
 * not given to `true`; this never sends a field that was not changed.)
 */
export function groupMappingChangesOf(
  values: GroupMappingFormValues,
  base: SaveBase<GroupMappingFormValues>,
  current: GroupMapping,
): GroupMappingUpdateBody {
  const theirs = groupMappingFormValuesOf(current);
  const body: GroupMappingUpdateBody = {};
  for (const name of GROUP_MAPPING_FORM_FIELDS) {
    if (values[name] !== base.values[name] && values[name] !== theirs[name])
      body[name] = values[name];
  }
  return body;
}

/**
 * Saving an edit of one loaded mapping (useVersionedSave) with a PATCH of
 * the fields the user changed.
 */
export function useSaveGroupMapping({
  id,
  mapping,
  onSaved,
}: {
  id: string;
  mapping: GroupMapping;
  onSaved: (saved: GroupMapping) => void;
}) {
  const queryClient = useQueryClient();
  const update = useUpdateGroupMapping(id);
  const saving = useVersionedSave({
    record: mapping,
    versionOf: groupMappingVersionOf,
    valuesOf: groupMappingFormValuesOf,
    same: sameGroupMappingValues,
    readCurrent: async () => {
      const current = await queryClient.fetchQuery(
        groupMappingQueries.current(id),
      );
      queryClient.setQueryData(
        groupMappingQueries.detail(id).queryKey,
        current,
      );
      return current;
    },
    write: (values, base, current) => {
      const body = groupMappingChangesOf(values, base, current);
      return Object.keys(body).length > 0
        ? update.mutateAsync(body)
        : Promise.resolve(current);
    },
    onSaved,
  });
  return { ...saving, isPending: update.isPending };
}
