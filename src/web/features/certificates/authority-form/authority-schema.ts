import { z } from 'zod';
import { CRL_UPLOADED_PLACEHOLDER, TEXT_LIMITS } from '#contract/bodies.ts';
import { descriptionRule, displayNameRule } from '@/lib/form-rules.ts';
import type {
  CertificateAuthority,
  CertificateAuthorityWrite,
} from '../api/authorities.ts';
import { crlSummaryOf } from '../authorities/chain-facts.ts';
import { chainProblem, crlProblem } from './pem.ts';

/**
 * Where the authority's revocation list comes from: none, a URL Confluent
 * fetches, an uploaded PEM file, or (edit only) the file uploaded before,
 * which Confluent never returns and so cannot be shown.
 */
export const CRL_MODES = ['none', 'url', 'upload', 'keep'] as const;
export type CrlMode = (typeof CRL_MODES)[number];

/**
 * The day Confluent began to require `require_crl_on_client_certificate`
 * for configuring a new CRL (support article "New CRL Fail-Close
 * Enforcement for mTLS Client Authentication in Confluent Cloud").
 */
export const CRL_REQUIREMENT_DATE = '2026-06-05';

export type AuthorityFormValues = {
  display_name: string;
  description: string;
  /** The PEM chain; on edit, empty keeps the registered chain. */
  certificate_chain: string;
  certificate_chain_filename: string;
  crl_mode: CrlMode;
  crl_url: string;
  /** The PEM revocation list, when uploaded. */
  crl_chain: string;
  /** The uploaded CRL's file name, to show; Confluent does not take it. */
  crl_filename: string;
  require_crl_on_client_certificate: boolean;
};

/** What the form knows about the authority being edited, if it is one. */
export type AuthorityFormContext = {
  isEdit: boolean;
  /** The CRL URL registered now, which may stay without the flag. */
  registeredCrlUrl?: string;
  /** Whether the registered CRL was uploaded (so "keep" is offered). */
  hasUploadedCrl: boolean;
};

/**
 * Mirrors the service's rules (docs: 1–4 CA certificates in PEM, one CRL
 * source, the CRL flag required for a new CRL) so most mistakes show before
 * a round trip; the server's answer decides.
 */
export function authorityFormSchema(context: AuthorityFormContext) {
  return z
    .object({
      display_name: displayNameRule,
      description: descriptionRule,
      certificate_chain: z.string(),
      certificate_chain_filename: z.string().max(TEXT_LIMITS.fileName, {
        error: `The file name must be at most ${TEXT_LIMITS.fileName} characters`,
      }),
      crl_mode: z.enum(CRL_MODES),
      crl_url: z.string().max(TEXT_LIMITS.url, {
        error: `The CRL URL must be at most ${TEXT_LIMITS.url} characters`,
      }),
      crl_chain: z.string(),
      crl_filename: z.string(),
      require_crl_on_client_certificate: z.boolean(),
    })
    .superRefine((values, issues) => {
      const hasChain = values.certificate_chain.trim() !== '';
      if (!hasChain && !context.isEdit) {
        issues.addIssue({
          code: 'custom',
          path: ['certificate_chain'],
          message:
            'The certificate chain is required: pick its PEM file or paste it',
        });
      }
      if (hasChain) {
        const problem = chainProblem(values.certificate_chain);
        if (problem) {
          issues.addIssue({
            code: 'custom',
            path: ['certificate_chain'],
            message: problem,
          });
        }
      }
      if (values.certificate_chain_filename.trim() === '') {
        issues.addIssue({
          code: 'custom',
          path: ['certificate_chain_filename'],
          message: 'The chain’s file name is required, such as ca-chain.pem',
        });
      }
      if (values.crl_mode === 'url') {
        const url = values.crl_url.trim();
        const isHttp =
          URL.canParse(url) &&
          ['http:', 'https:'].includes(new URL(url).protocol);
        if (!isHttp) {
          issues.addIssue({
            code: 'custom',
            path: ['crl_url'],
            message:
              'Write the full http:// or https:// URL Confluent fetches the CRL from',
          });
        }
      }
      if (values.crl_mode === 'upload') {
        const problem =
          values.crl_chain.trim() === ''
            ? 'Pick the CRL’s PEM file, or paste it'
            : crlProblem(values.crl_chain);
        if (problem) {
          issues.addIssue({
            code: 'custom',
            path: ['crl_chain'],
            message: problem,
          });
        }
      }
      if (
        isNewCrl(values, context) &&
        !values.require_crl_on_client_certificate
      ) {
        issues.addIssue({
          code: 'custom',
          path: ['require_crl_on_client_certificate'],
          message:
            'Confluent accepts a new revocation list only with this checked (since 5 June 2026)',
        });
      }
    });
}

/** Whether the form configures a CRL the authority does not have yet. */
export function isNewCrl(
  values: Pick<AuthorityFormValues, 'crl_mode' | 'crl_url'>,
  context: AuthorityFormContext,
): boolean {
  if (values.crl_mode === 'upload') return true;
  if (values.crl_mode === 'url') {
    return values.crl_url.trim() !== (context.registeredCrlUrl ?? '');
  }
  return false;
}

export const EMPTY_AUTHORITY: AuthorityFormValues = {
  display_name: '',
  description: '',
  certificate_chain: '',
  certificate_chain_filename: '',
  crl_mode: 'none',
  crl_url: '',
  crl_chain: '',
  crl_filename: '',
  // Confluent has required it for every new CRL since 2026-06-05.
  require_crl_on_client_certificate: false,
};

/** An authority as the edit form shows it: the chain empty (kept unless replaced). */
export function authorityFormValuesOf(
  authority: CertificateAuthority,
): AuthorityFormValues {
  const crl = crlSummaryOf(authority);
  return {
    display_name: authority.display_name,
    description: authority.description ?? '',
    certificate_chain: '',
    certificate_chain_filename: authority.certificate_chain_filename ?? '',
    crl_mode:
      crl.kind === 'uploaded' ? 'keep' : crl.kind === 'url' ? 'url' : 'none',
    crl_url: crl.kind === 'url' ? crl.url : '',
    crl_chain: '',
    crl_filename: '',
    require_crl_on_client_certificate:
      authority.require_crl_on_client_certificate === true,
  };
}

export function authorityFormContextOf(
  authority: CertificateAuthority | undefined,
): AuthorityFormContext {
  if (authority === undefined) return { isEdit: false, hasUploadedCrl: false };
  const crl = crlSummaryOf(authority);
  return {
    isEdit: true,
    registeredCrlUrl: crl.kind === 'url' ? crl.url : undefined,
    hasUploadedCrl: crl.kind === 'uploaded',
  };
}

export const AUTHORITY_VALUE_FIELDS = [
  'display_name',
  'description',
  'certificate_chain',
  'certificate_chain_filename',
  'crl_mode',
  'crl_url',
  'crl_chain',
  'crl_filename',
  'require_crl_on_client_certificate',
] as const satisfies readonly (keyof AuthorityFormValues)[];

/** The fields a server error may name, as the API names them. */
export const AUTHORITY_ERROR_FIELDS = [
  'display_name',
  'description',
  'certificate_chain',
  'certificate_chain_filename',
  'crl_url',
  'crl_chain',
  'require_crl_on_client_certificate',
] as const satisfies readonly (keyof AuthorityFormValues &
  keyof CertificateAuthorityWrite)[];

export function sameAuthorityValues(
  a: AuthorityFormValues,
  b: AuthorityFormValues,
): boolean {
  return AUTHORITY_VALUE_FIELDS.every((name) => a[name] === b[name]);
}

function crlPart(
  values: AuthorityFormValues,
): Pick<CertificateAuthorityWrite, 'crl_url' | 'crl_chain'> {
  switch (values.crl_mode) {
    case 'url':
      return { crl_url: values.crl_url.trim() };
    case 'upload':
      return { crl_chain: values.crl_chain };
    case 'keep':
      // What the service answers for an uploaded CRL; sent back, it keeps it.
      return { crl_url: CRL_UPLOADED_PLACEHOLDER };
    case 'none':
      // Empty means none (the CLI sends it so to remove a CRL).
      return { crl_url: '' };
  }
}

/** A new authority's body: the CRL only when one is chosen. */
export function authorityCreateBodyOf(
  values: AuthorityFormValues,
): CertificateAuthorityWrite {
  const { crl_url, crl_chain } = crlPart(values);
  return {
    display_name: values.display_name,
    description: values.description,
    certificate_chain: values.certificate_chain,
    certificate_chain_filename: values.certificate_chain_filename,
    ...(crl_url ? { crl_url } : {}),
    ...(crl_chain ? { crl_chain } : {}),
    require_crl_on_client_certificate: values.require_crl_on_client_certificate,
  };
}

const CRL_FIELDS = ['crl_mode', 'crl_url', 'crl_chain'] as const;

/**
 * The PUT body (a full replacement): name, description, file name, CRL and
 * flag always, and the chain only when a new one was given. Each is the
 * user's value where they changed it (against `base`, the version they
 * edited) and the server's current one elsewhere.
 */
export function authorityReplaceBodyOf(
  values: AuthorityFormValues,
  base: AuthorityFormValues,
  current: CertificateAuthority,
): CertificateAuthorityWrite {
  const theirs = authorityFormValuesOf(current);
  const pick = <K extends keyof AuthorityFormValues>(name: K) =>
    values[name] !== base[name] ? values[name] : theirs[name];
  const hasNewChain = values.certificate_chain.trim() !== '';
  const isCrlChanged = CRL_FIELDS.some((name) => values[name] !== base[name]);
  return {
    display_name: pick('display_name'),
    description: pick('description'),
    certificate_chain_filename: hasNewChain
      ? values.certificate_chain_filename
      : pick('certificate_chain_filename'),
    ...(hasNewChain ? { certificate_chain: values.certificate_chain } : {}),
    ...crlPart(isCrlChanged ? values : theirs),
    require_crl_on_client_certificate: pick(
      'require_crl_on_client_certificate',
    ),
  };
}
