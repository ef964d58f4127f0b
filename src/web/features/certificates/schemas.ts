import { z } from 'zod';
import { descriptionRule, displayNameRule } from '@/lib/form-rules.ts';
import type { CertificatePool, CertificatePoolWrite } from './api/pools.ts';

/**
 * A certificate pool's form. Mirrors the service's rules so most mistakes
 * show before a round trip; the server's answer decides. An empty filter is
 * valid (it matches no certificate), so only the editor warns about it.
 */
export const certificatePoolFormSchema = z.object({
  display_name: displayNameRule,
  description: descriptionRule,
  external_identifier: z
    .string()
    .refine((value) => value.trim().length > 0, {
      error:
        'External identifier is required: the certificate field that names the client in audit logs, such as CN',
    })
    .max(255, { error: 'External identifier must be at most 255 characters' }),
  filter: z.string(),
  /**
   * Create only: a user's id, sent as the `assigned_resource_owner` query
   * parameter (not in the body); empty or absent is no owner.
   */
  assigned_resource_owner: z.string().optional(),
});

export type CertificatePoolFormValues = z.infer<
  typeof certificatePoolFormSchema
>;

// A form schema that drifts from the contract's write body fails typecheck.
export const CERTIFICATE_POOL_FORM_FIELDS: readonly (keyof CertificatePoolWrite &
  keyof CertificatePoolFormValues)[] = [
  'display_name',
  'description',
  'external_identifier',
  'filter',
];

export const CERTIFICATE_POOL_FIELD_LABELS: Record<
  (typeof CERTIFICATE_POOL_FORM_FIELDS)[number],
  string
> = {
  display_name: 'Display name',
  description: 'Description',
  external_identifier: 'External identifier',
  filter: 'Filter',
};

/** A new pool: named by its CN, admitting nothing until a filter is written. */
export const EMPTY_CERTIFICATE_POOL: CertificatePoolFormValues = {
  display_name: '',
  description: '',
  external_identifier: 'CN',
  filter: '',
};

/** A pool as the form shows it. */
export function certificatePoolFormValuesOf(
  pool: CertificatePool,
): CertificatePoolFormValues {
  return {
    display_name: pool.display_name,
    description: pool.description ?? '',
    external_identifier: pool.external_identifier,
    filter: pool.filter,
  };
}

export function sameCertificatePoolValues(
  a: CertificatePoolFormValues,
  b: CertificatePoolFormValues,
): boolean {
  return (
    CERTIFICATE_POOL_FORM_FIELDS.every((name) => a[name] === b[name]) &&
    (a.assigned_resource_owner ?? '') === (b.assigned_resource_owner ?? '')
  );
}

/**
 * The PUT body: every writable field, the user's value where they changed
 * it (against the version they edited) and the server's current value
 * elsewhere, so a field someone else changed meanwhile keeps their value.
 */
export function certificatePoolBodyOf(
  values: CertificatePoolFormValues,
  base: CertificatePoolFormValues,
  current: CertificatePool,
): CertificatePoolWrite {
  const theirs = certificatePoolFormValuesOf(current);
  const body = {} as CertificatePoolWrite;
  for (const name of CERTIFICATE_POOL_FORM_FIELDS) {
    body[name] = values[name] !== base[name] ? values[name] : theirs[name];
  }
  return body;
}
