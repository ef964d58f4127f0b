import { z } from 'zod';
import { TEXT_LIMITS } from '#contract/bodies.ts';
import {
  descriptionRule,
  displayNameRule,
  identityClaimRule,
  nameAndDescriptionOf,
} from '@/lib/form-rules.ts';
import type { Provider, ProviderCreateBody } from './api/providers.ts';

function httpsUrl(label: string, missing: string) {
  return z
    .string()
    .refine((value) => value.trim().length > 0, { error: missing })
    .refine(
      (value) =>
        value.trim().length === 0 ||
        (URL.canParse(value) && new URL(value).protocol === 'https:'),
      { error: `${label} must be a full https:// URL` },
    )
    .refine((value) => value.length <= TEXT_LIMITS.url, {
      error: `${label} must be at most ${TEXT_LIMITS.url} characters`,
    });
}

/**
 * Mirrors the server's rules (the contract's provider body) so most mistakes
 * show before a round trip; the server's answer still decides.
 */
export const providerFormSchema = z.object({
  display_name: displayNameRule,
  description: descriptionRule,
  issuer: httpsUrl(
    'Issuer',
    'Issuer is required: the iss value of the provider’s tokens',
  ),
  jwks_uri: httpsUrl(
    'JWKS URL',
    'JWKS URL is required: find it from the issuer, or type it',
  ),
  identity_claim: identityClaimRule,
});

export type ProviderFormValues = z.infer<typeof providerFormSchema>;

// A form schema that drifts from the contract's create body fails typecheck.
export const PROVIDER_FORM_FIELDS: readonly (keyof ProviderCreateBody &
  keyof ProviderFormValues)[] = [
  'display_name',
  'description',
  'issuer',
  'jwks_uri',
  'identity_claim',
];

export const EMPTY_PROVIDER: ProviderFormValues = {
  display_name: '',
  description: '',
  issuer: '',
  jwks_uri: '',
  identity_claim: 'claims.sub',
};

/** A provider as the form shows it. */
export function providerFormValuesOf(provider: Provider): ProviderFormValues {
  return {
    ...nameAndDescriptionOf(provider),
    issuer: provider.issuer,
    jwks_uri: provider.jwks_uri,
    identity_claim: provider.identity_claim ?? 'claims.sub',
  };
}
