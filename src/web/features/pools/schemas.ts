import { z } from 'zod';
import {
  descriptionRule,
  displayNameRule,
  identityClaimRule,
  nameAndDescriptionOf,
} from '@/lib/form-rules.ts';
import type { Pool, PoolCreateBody } from './api/pools.ts';

/**
 * Mirrors the server's rules so most mistakes show before a round trip; the
 * server's answer still decides. The filter's length is not checked here: its
 * limit is per organisation (300 unless raised), so the editor warns past 300
 * and the server refuses what its limit does not allow.
 */
export const poolFormSchema = z.object({
  display_name: displayNameRule,
  description: descriptionRule,
  identity_claim: identityClaimRule,
  filter: z.string().refine((value) => value.trim().length > 0, {
    error:
      'Filter is required; write true to match every token of this provider',
  }),
  /**
   * Create only: a user's id, sent as the `assigned_resource_owner` query
   * parameter (not in the body); empty or absent is no owner.
   */
  assigned_resource_owner: z.string().optional(),
});

export type PoolFormValues = z.infer<typeof poolFormSchema>;

// A form schema that drifts from the contract's create body fails typecheck.
export const POOL_FORM_FIELDS: readonly (keyof PoolCreateBody &
  keyof PoolFormValues)[] = [
  'display_name',
  'description',
  'identity_claim',
  'filter',
];

export const POOL_FIELD_LABELS: Record<keyof PoolFormValues, string> = {
  display_name: 'Display name',
  description: 'Description',
  identity_claim: 'Identity claim',
  filter: 'Filter',
  assigned_resource_owner: 'Owner',
};

/** A pool as the form shows it. */
export function poolFormValuesOf(pool: Pool): PoolFormValues {
  return {
    ...nameAndDescriptionOf(pool),
    identity_claim: pool.identity_claim,
    filter: pool.filter,
  };
}
