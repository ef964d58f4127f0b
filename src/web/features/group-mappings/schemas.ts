import { z } from 'zod';
import {
  descriptionRule,
  displayNameRule,
  nameAndDescriptionOf,
} from '@/lib/form-rules.ts';
import type {
  GroupMapping,
  GroupMappingCreateBody,
} from './api/group-mappings.ts';

/**
 * Mirrors the server's rules so most mistakes show before a round trip; the
 * server's answer still decides. As for pools, the filter's length is the
 * organisation's limit (300 unless raised): the editor warns past 300 and
 * the server refuses what its limit does not allow.
 */
export const groupMappingFormSchema = z.object({
  display_name: displayNameRule,
  description: descriptionRule,
  filter: z.string().refine((value) => value.trim().length > 0, {
    error:
      'Filter is required; write true to map every SSO user of the organisation',
  }),
});

export type GroupMappingFormValues = z.infer<typeof groupMappingFormSchema>;

// A form schema that drifts from the contract's create body fails typecheck.
export const GROUP_MAPPING_FORM_FIELDS: readonly (keyof GroupMappingCreateBody &
  keyof GroupMappingFormValues)[] = ['display_name', 'description', 'filter'];

export const GROUP_MAPPING_FIELD_LABELS: Record<
  keyof GroupMappingFormValues,
  string
> = {
  display_name: 'Display name',
  description: 'Description',
  filter: 'Filter',
};

export const EMPTY_GROUP_MAPPING: GroupMappingFormValues = {
  display_name: '',
  description: '',
  filter: '',
};

/** A mapping as the form shows it. */
export function groupMappingFormValuesOf(
  mapping: GroupMapping,
): GroupMappingFormValues {
  return { ...nameAndDescriptionOf(mapping), filter: mapping.filter };
}

export function sameGroupMappingValues(
  a: GroupMappingFormValues,
  b: GroupMappingFormValues,
): boolean {
  return GROUP_MAPPING_FORM_FIELDS.every((name) => a[name] === b[name]);
}
