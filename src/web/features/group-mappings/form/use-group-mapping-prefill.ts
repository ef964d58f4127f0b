import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { GroupMapping } from '../api/group-mappings.ts';
import { groupMappingQueries } from '../api/queries.ts';
import {
  EMPTY_GROUP_MAPPING,
  groupMappingFormValuesOf,
  type GroupMappingFormValues,
} from '../schemas.ts';

// Ids as the API writes them; anything else in the URL is ignored.
const searchSchema = z.object({
  copy_of: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
});

export type GroupMappingPrefillState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | {
      status: 'ready';
      /** The mapping copied, if the form starts from one. */
      source?: GroupMapping;
      values: GroupMappingFormValues;
      /** Changes with the starting point, to remount the form on a new one. */
      key: string;
    };

/** A mapping's fields under a new name; nothing else of it is carried over. */
export function copyValuesOf(mapping: GroupMapping): GroupMappingFormValues {
  return {
    ...groupMappingFormValuesOf(mapping),
    display_name: `${mapping.display_name} (copy)`,
  };
}

/**
 * The new-mapping form's starting values from its URL: `?copy_of=<id>`
 * gives that mapping's fields, named "<name> (copy)". The URL holds the
 * starting point, so a reload starts the same way; what the user typed on
 * top lives in the form's drafts.
 */
export function useGroupMappingPrefill(
  searchParams: URLSearchParams,
): GroupMappingPrefillState {
  const { copy_of: copyOf } = searchSchema.parse(
    Object.fromEntries(searchParams),
  );
  const source = useQuery({
    ...groupMappingQueries.detail(copyOf ?? ''),
    enabled: copyOf !== undefined,
  });
  if (copyOf === undefined) {
    return { status: 'ready', values: EMPTY_GROUP_MAPPING, key: 'empty' };
  }
  if (source.data) {
    return {
      status: 'ready',
      source: source.data,
      values: copyValuesOf(source.data),
      key: `copy:${copyOf}`,
    };
  }
  if (source.isError) {
    return {
      status: 'error',
      error: source.error,
      retry: () => void source.refetch(),
    };
  }
  return { status: 'loading' };
}
