import { z } from 'zod';

/**
 * Limits that the emulator enforces and the console mirrors. The upstream
 * documents none for names and descriptions; these bounds only keep input sane.
 */
export const TEXT_LIMITS = {
  displayName: 255,
  description: 1024,
  identityClaim: 255,
  url: 2048,
  externalIdentifier: 255,
  fileName: 255,
} as const;

/** The filter length limit the upstream applies unless a tenant's flag raises it. */
export const DEFAULT_FILTER_MAX_LENGTH = 300;

function text(field: string, max: number) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${field} is required`
          : `${field} must be a string`,
    })
    .max(max, { error: `${field} must be at most ${max} characters` });
}

function nonBlankText(field: string, max: number) {
  return text(field, max).refine((value) => value.trim().length > 0, {
    error: `${field} must not be empty`,
  });
}

/** Body of POST …/identity-pools. Unknown and read-only fields are dropped. */
export const poolCreateBodySchema = z.object({
  display_name: nonBlankText('display_name', TEXT_LIMITS.displayName),
  description: text('description', TEXT_LIMITS.description),
  identity_claim: nonBlankText('identity_claim', TEXT_LIMITS.identityClaim),
  // The filter is kept byte for byte (no trimming): it is an expression.
  filter: text('filter', Number.MAX_SAFE_INTEGER).refine(
    (value) => value.trim().length > 0,
    { error: 'filter must not be empty; write true to match every token' },
  ),
});
export type PoolCreateBody = z.infer<typeof poolCreateBodySchema>;

/** Body of PATCH …/identity-pools/{id}: only the four writable fields, each optional. */
export const poolUpdateBodySchema = poolCreateBodySchema.partial();
export type PoolUpdateBody = z.infer<typeof poolUpdateBodySchema>;

/** Body of POST /iam/v2/sso/group-mappings. `description` may be empty: the CLI and Terraform send `""`. */
export const groupMappingCreateBodySchema = z.object({
  display_name: nonBlankText('display_name', TEXT_LIMITS.displayName),
  description: text('description', TEXT_LIMITS.description),
  // Kept byte for byte; its length and dialect are checked against the
  // configured limit, as for pools.
  filter: text('filter', Number.MAX_SAFE_INTEGER),
});
export type GroupMappingCreateBody = z.infer<
  typeof groupMappingCreateBodySchema
>;

/**
 * Body of PATCH /iam/v2/sso/group-mappings/{id}: the three writable
 * fields, each optional. The CLI also sends `id`, which drops out.
 */
export const groupMappingUpdateBodySchema =
  groupMappingCreateBodySchema.partial();
export type GroupMappingUpdateBody = z.infer<
  typeof groupMappingUpdateBodySchema
>;

/**
 * What a certificate authority answers as `crl_url` when its CRL was
 * uploaded as `crl_chain`; the Confluent CLI sends it back on update.
 */
export const CRL_UPLOADED_PLACEHOLDER = 'Local file uploaded';

const certificateAuthorityFields = {
  display_name: nonBlankText('display_name', TEXT_LIMITS.displayName),
  description: text('description', TEXT_LIMITS.description),
  certificate_chain: text('certificate_chain', Number.MAX_SAFE_INTEGER),
  certificate_chain_filename: nonBlankText(
    'certificate_chain_filename',
    TEXT_LIMITS.fileName,
  ),
  // Empty means none: the CLI sends both on every create.
  crl_url: text('crl_url', TEXT_LIMITS.url).optional(),
  crl_chain: text('crl_chain', Number.MAX_SAFE_INTEGER).optional(),
  require_crl_on_client_certificate: z
    .boolean({ error: 'require_crl_on_client_certificate must be a boolean' })
    .optional(),
};

/**
 * Body of POST /iam/v2/certificate-authorities. The vendor declares no
 * required fields; these are what the service needs to register a chain.
 * The PEM texts are checked by the emulator, not here.
 */
export const certificateAuthorityCreateBodySchema = z.object(
  certificateAuthorityFields,
);
export type CertificateAuthorityCreateBody = z.infer<
  typeof certificateAuthorityCreateBodySchema
>;

/**
 * Body of PUT /iam/v2/certificate-authorities/{id}. A full update, except
 * that without `certificate_chain` (the CLI cannot read it back, so it
 * leaves it out) the stored chain stays; a new chain needs its file name.
 */
export const certificateAuthorityUpdateBodySchema = z
  .object({
    ...certificateAuthorityFields,
    certificate_chain: certificateAuthorityFields.certificate_chain.optional(),
    certificate_chain_filename:
      certificateAuthorityFields.certificate_chain_filename.optional(),
  })
  .refine(
    (body) =>
      body.certificate_chain === undefined ||
      body.certificate_chain_filename !== undefined,
    {
      path: ['certificate_chain_filename'],
      error:
        'certificate_chain_filename is required with a new certificate_chain',
    },
  );
export type CertificateAuthorityUpdateBody = z.infer<
  typeof certificateAuthorityUpdateBodySchema
>;

/**
 * Body of POST and PUT …/certificate-authorities/{id}/identity-pools: all
 * four fields, a PUT included (both real clients send them all). An empty
 * `filter` is allowed: it matches no certificate.
 */
export const certificatePoolBodySchema = z.object({
  display_name: nonBlankText('display_name', TEXT_LIMITS.displayName),
  description: text('description', TEXT_LIMITS.description),
  external_identifier: nonBlankText(
    'external_identifier',
    TEXT_LIMITS.externalIdentifier,
  ),
  filter: text('filter', Number.MAX_SAFE_INTEGER),
});
export type CertificatePoolBody = z.infer<typeof certificatePoolBodySchema>;

/**
 * Whether `hostname` (as `URL` spells it) is a loopback address:
 * `localhost`, 127.0.0.0/8 or `[::1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** Whether `value` is a URL the provider schemas take: https, or with `allowLoopbackHttp` plain http to a loopback address. */
function isProviderUrl(value: string, allowLoopbackHttp: boolean): boolean {
  try {
    const parsed = new URL(value);
    return (
      parsed.protocol === 'https:' ||
      (allowLoopbackHttp &&
        parsed.protocol === 'http:' &&
        isLoopbackHost(parsed.hostname))
    );
  } catch {
    return false;
  }
}

function url(field: string, allowLoopbackHttp: boolean) {
  return nonBlankText(field, TEXT_LIMITS.url).refine(
    (value) => isProviderUrl(value, allowLoopbackHttp),
    // The same words either way: loopback http is for tests only.
    { error: `${field} must be an absolute https:// URL` },
  );
}

function providerBodySchema(allowLoopbackHttp: boolean) {
  return z.object({
    display_name: nonBlankText('display_name', TEXT_LIMITS.displayName),
    description: text('description', TEXT_LIMITS.description),
    issuer: url('issuer', allowLoopbackHttp),
    jwks_uri: url('jwks_uri', allowLoopbackHttp),
    // Confluent's CLI sends "" whenever --identity-claim is not given (and
    // Terraform did in 2025); the service takes it as not given
    // (docs/decisions/014-what-confluents-clients-send.md).
    identity_claim: z.preprocess(
      (value) => (value === '' ? undefined : value),
      nonBlankText('identity_claim', TEXT_LIMITS.identityClaim).optional(),
    ),
  });
}

/** Body of POST /iam/v2/identity-providers. */
export const providerCreateBodySchema = providerBodySchema(false);
export type ProviderCreateBody = z.infer<typeof providerCreateBodySchema>;

/** Body of PATCH /iam/v2/identity-providers/{id}. */
export const providerUpdateBodySchema = providerCreateBodySchema.partial();
export type ProviderUpdateBody = z.infer<typeof providerUpdateBodySchema>;

/**
 * The provider bodies of an emulator under test (`EMULATOR_CONTROL=1`):
 * `issuer` and `jwks_uri` may also be plain http on a loopback address, so
 * a test can register an identity provider it runs itself. Confluent, and
 * so the console, take only https.
 */
export const testProviderBodySchemas = {
  create: providerBodySchema(true),
  update: providerBodySchema(true).partial(),
};

/** The body of PATCH …/jwks: the only desired state is a refresh. */
export const jwksRefreshBodySchema = z.object({
  spec: z.object(
    {
      jwks_status: z.literal('REFRESHED', {
        error: 'spec.jwks_status must be "REFRESHED"',
      }),
    },
    { error: 'spec is required' },
  ),
});

/**
 * Body of POST /iam/v2/role-bindings: the three fields, in the shapes the
 * vendor's spec gives them. Whether the role fits the pattern is the role
 * catalogue's question (`role-catalogue.ts`), not this schema's.
 */
export const roleBindingCreateBodySchema = z.object({
  principal: text('principal', 255).regex(/^(User|Group):.+$/, {
    error:
      'principal must be User:<id> or Group:<name>, for example User:pool-AzXR',
  }),
  role_name: nonBlankText('role_name', 255),
  crn_pattern: text('crn_pattern', 4096).regex(/^crn:\/\/.+$/, {
    error: 'crn_pattern must be a CRN, starting with crn://',
  }),
});
export type RoleBindingCreateBody = z.infer<typeof roleBindingCreateBodySchema>;

/** What `page_size` a list takes, and what it uses without one. */
export type PageSizeLimits = {
  readonly default: number;
  readonly min: number;
  readonly max: number;
};

/** `page_size` of every list but the role bindings' and the quotas'. */
export const PAGE_SIZE = { default: 10, min: 1, max: 100 } as const;

/** `page_size` of the applied-quota list: up to 200 (the SDK's spec). */
export const QUOTA_PAGE_SIZE = { default: 10, min: 1, max: 200 } as const;

/**
 * `page_size` of the role-binding list. Confluent's SDK spec says default
 * 10, at most 100; its public reference says 1000 and 1000. We take the
 * smaller default and the larger maximum, so that a client that does not
 * page is caught and one that follows either document is not refused
 * (docs/decisions/015-role-bindings-in-the-emulator.md).
 */
export const ROLE_BINDING_PAGE_SIZE = {
  default: 10,
  min: 1,
  max: 1000,
} as const;

export const PAGE_TOKEN_MAX_LENGTH = 255;

/** The shape the upstream uses for identity claims: `claims.<name>`, nested allowed. */
export const IDENTITY_CLAIM_PATTERN =
  /^claims\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * Issuers shared by many organisations (docs/confluent-api.md §9.3): pools
 * under them must constrain claims.sub or claims.aud. The emulator's
 * default; the console uses it to lint before the server refuses.
 */
export const DEFAULT_SHARED_ISSUERS: readonly string[] = [
  'https://accounts.google.com',
  'https://token.actions.githubusercontent.com',
];

/**
 * Whether `issuer` is one of `sharedIssuers`, as the emulator and the
 * console both decide it: case and trailing slashes do not count.
 */
export function isSharedIssuer(
  issuer: string,
  sharedIssuers: readonly string[] = DEFAULT_SHARED_ISSUERS,
): boolean {
  const normalise = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  const wanted = normalise(issuer);
  return sharedIssuers.some((shared) => normalise(shared) === wanted);
}
