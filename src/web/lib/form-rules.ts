import { z } from 'zod';
import { IDENTITY_CLAIM_PATTERN, TEXT_LIMITS } from '#contract/bodies.ts';

// The console's wording of rules the contract's body schemas enforce
// (src/contract/bodies.ts): there they speak to API clients by field name,
// here to a person by label.

/** A display name: not blank, at most TEXT_LIMITS.displayName characters. */
export const displayNameRule = z
  .string()
  .refine((value) => value.trim().length > 0, {
    error: 'Display name is required',
  })
  .max(TEXT_LIMITS.displayName, {
    error: `Display name must be at most ${TEXT_LIMITS.displayName} characters`,
  });

/** A description: optional, at most TEXT_LIMITS.description characters. */
export const descriptionRule = z.string().max(TEXT_LIMITS.description, {
  error: `Description must be at most ${TEXT_LIMITS.description} characters`,
});

/** An identity claim, written as the upstream wants it: `claims.<name>`. */
export const identityClaimRule = z
  .string()
  .min(1, { error: 'Identity claim is required' })
  .regex(IDENTITY_CLAIM_PATTERN, {
    error: 'Write the claim as claims.<name>, for example claims.sub',
  });

/**
 * A record's name and description as a form edits them. Records made in the
 * Confluent Console can lack a description, whatever the spec says; it
 * edits as empty.
 */
export function nameAndDescriptionOf(record: {
  display_name: string;
  description?: string;
}): { display_name: string; description: string } {
  return {
    display_name: record.display_name,
    description: record.description ?? '',
  };
}
