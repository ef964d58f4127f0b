import { z } from 'zod';
import { DRAFT_KEY_PREFIX } from '@/lib/draft-keys.ts';
import { createDraftStore, type DraftStore } from '@/lib/draft-store.ts';
import type { FormDraftData } from '@/hooks/use-form-draft.ts';
import type { AuthorityFormValues } from './authority-form/authority-schema.ts';
import type { CertificatePoolFormValues } from './schemas.ts';

// What was typed, as typed: a draft may be invalid (that is why it is a
// draft), so only the shape is checked here, not the form's rules.

const poolValuesSchema = z.object({
  display_name: z.string(),
  description: z.string(),
  external_identifier: z.string(),
  filter: z.string(),
  assigned_resource_owner: z.string().optional(),
}) satisfies z.ZodType<CertificatePoolFormValues>;

const poolDraftSchema = z.object({
  values: poolValuesSchema,
  base: z
    .object({ updatedAt: z.string().optional(), values: poolValuesSchema })
    .nullable(),
}) satisfies z.ZodType<FormDraftData<CertificatePoolFormValues>>;

// Certificates and revocation lists are public documents, so a chain or a
// CRL typed or picked into the form may be kept with the rest (in this
// tab's sessionStorage only, like every draft); a private key is never
// accepted by the form in the first place.
const authorityValuesSchema = z.object({
  display_name: z.string(),
  description: z.string(),
  certificate_chain: z.string(),
  certificate_chain_filename: z.string(),
  crl_mode: z.enum(['none', 'url', 'upload', 'keep']),
  crl_url: z.string(),
  crl_chain: z.string(),
  crl_filename: z.string(),
  require_crl_on_client_certificate: z.boolean(),
}) satisfies z.ZodType<AuthorityFormValues>;

const authorityDraftSchema = z.object({
  values: authorityValuesSchema,
  base: z
    .object({
      updatedAt: z.string().optional(),
      values: authorityValuesSchema,
    })
    .nullable(),
}) satisfies z.ZodType<FormDraftData<AuthorityFormValues>>;

let poolStore: DraftStore<FormDraftData<CertificatePoolFormValues>> | undefined;
let authorityStore: DraftStore<FormDraftData<AuthorityFormValues>> | undefined;

/** The tab's certificate-pool form drafts, apart from the identity pools'. */
export function certificatePoolDrafts() {
  poolStore ??= createDraftStore({
    schema: poolDraftSchema,
    prefix: `${DRAFT_KEY_PREFIX}certificate-pool.`,
  });
  return poolStore;
}

/** The tab's certificate-authority form drafts. */
export function authorityDrafts() {
  authorityStore ??= createDraftStore({
    schema: authorityDraftSchema,
    prefix: `${DRAFT_KEY_PREFIX}certificate-authority.`,
  });
  return authorityStore;
}

export function certificatePoolDraftScope(caId: string, poolId?: string) {
  return `certificate-pool:${caId}:${poolId ?? 'new'}`;
}

export function authorityDraftScope(caId?: string) {
  return `certificate-authority:${caId ?? 'new'}`;
}
