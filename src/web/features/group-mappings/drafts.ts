import { z } from 'zod';
import { DRAFT_KEY_PREFIX } from '@/lib/draft-keys.ts';
import {
  createDraftStore,
  type DraftStore,
  type StoredDraft,
} from '@/lib/draft-store.ts';
import type { GroupMappingFormValues } from './schemas.ts';

// What was typed, as typed: a draft may be invalid (that is why it is a
// draft), so only the shape is checked here, not the form's rules.
const draftValuesSchema = z.object({
  display_name: z.string(),
  description: z.string(),
  filter: z.string(),
}) satisfies z.ZodType<GroupMappingFormValues>;

const groupMappingDraftSchema = z.object({
  values: draftValuesSchema,
  base: z
    .object({
      updatedAt: z.string().optional(),
      values: draftValuesSchema,
    })
    .nullable(),
});

export type GroupMappingDraftData = z.infer<typeof groupMappingDraftSchema>;
export type GroupMappingDraft = StoredDraft<GroupMappingDraftData>;

/**
 * The server's version a form was opened from: its `metadata.updated_at`
 * and values. Saving checks the server still has it; null for a new mapping.
 */
export type GroupMappingBase = GroupMappingDraftData['base'];

/**
 * Under the tab's draft prefix, so signing out clears these too, but in a
 * store of their own (the pool forms' store would refuse their shape).
 */
export const GROUP_MAPPING_DRAFT_PREFIX = `${DRAFT_KEY_PREFIX}group-mapping.`;

let store: DraftStore<GroupMappingDraftData> | undefined;

/** The tab's group-mapping-form drafts (sessionStorage), opened on first use. */
export function groupMappingDrafts(): DraftStore<GroupMappingDraftData> {
  store ??= createDraftStore({
    schema: groupMappingDraftSchema,
    prefix: GROUP_MAPPING_DRAFT_PREFIX,
  });
  return store;
}

/** One form's drafts: a mapping's edit form, or the create form. */
export function groupMappingDraftScope(id?: string): string {
  return `group-mapping:${id ?? 'new'}`;
}
