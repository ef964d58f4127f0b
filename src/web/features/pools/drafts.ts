import { z } from 'zod';
import {
  createDraftStore,
  type DraftStore,
  type StoredDraft,
} from '@/lib/draft-store.ts';
import { POOL_FORM_FIELDS, type PoolFormValues } from './schemas.ts';

// What was typed, as typed: a draft may be invalid (that is why it is a
// draft), so only the shape is checked here, not the form's rules.
const draftValuesSchema = z.object({
  display_name: z.string(),
  description: z.string(),
  identity_claim: z.string(),
  filter: z.string(),
  // Absent in drafts of an edit, of a create without an owner, and in
  // drafts written before the Owner field existed.
  assigned_resource_owner: z.string().optional(),
}) satisfies z.ZodType<PoolFormValues>;

const poolDraftSchema = z.object({
  values: draftValuesSchema,
  base: z
    .object({
      updatedAt: z.string().optional(),
      values: draftValuesSchema,
    })
    .nullable(),
});

export type PoolDraftData = z.infer<typeof poolDraftSchema>;
export type PoolDraft = StoredDraft<PoolDraftData>;

/**
 * The server's version a form was opened from: its `metadata.updated_at`
 * and values. Saving checks the server still has it; null for a new pool.
 */
export type PoolBase = PoolDraftData['base'];

let store: DraftStore<PoolDraftData> | undefined;

/** The tab's pool-form drafts (sessionStorage), opened on first use. */
export function poolDrafts(): DraftStore<PoolDraftData> {
  store ??= createDraftStore({ schema: poolDraftSchema });
  return store;
}

/** One form's drafts: a pool's edit form, or a provider's create form. */
export function poolDraftScope(providerId: string, poolId?: string): string {
  return `pool:${providerId}:${poolId ?? 'new'}`;
}

export function samePoolValues(a: PoolFormValues, b: PoolFormValues): boolean {
  return (
    POOL_FORM_FIELDS.every((name) => a[name] === b[name]) &&
    (a.assigned_resource_owner ?? '') === (b.assigned_resource_owner ?? '')
  );
}
