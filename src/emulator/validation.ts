import type { z } from 'zod';
import { IDENTITY_CLAIM_PATTERN, isSharedIssuer } from '#contract/bodies.ts';
import { checkFilter } from '#filter/check.ts';
import type { FilterDialect } from '#filter/dialect.ts';
import { filterConstrains } from '#filter/constraints.ts';
import type { EmulatorConfig } from './config.ts';
import { badRequest, validationFailed } from './problems.ts';

export type FieldError = { pointer: string; detail: string };

/**
 * Parses a JSON body with a contract schema; unknown and read-only fields
 * drop out. A field that breaks the schema is a 422 with its pointer, or
 * `fieldStatus` where the live service answers otherwise.
 */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  fieldStatus: 400 | 422 = 422,
): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      pointer: `/${issue.path.map(String).join('/')}`,
      detail: issue.message,
    })),
    fieldStatus,
  );
}

export function identityClaimErrors(
  config: EmulatorConfig,
  identityClaim: string | undefined,
): FieldError[] {
  if (
    identityClaim === undefined ||
    !config.strictIdentityClaim ||
    IDENTITY_CLAIM_PATTERN.test(identityClaim)
  ) {
    return [];
  }
  return [
    {
      pointer: '/identity_claim',
      detail: `identity_claim must name a claim as claims.<name>, for example claims.sub (got "${identityClaim}")`,
    },
  ];
}

function range(from: number, to: number): string {
  return to - from <= 1
    ? `at character ${from + 1}`
    : `at characters ${from + 1}–${to}`;
}

/**
 * A filter's length (the configured limit, shared by every kind of filter)
 * and its syntax in `dialect`, in the words the live service uses for
 * pools ("Invalid syntax in policy expression").
 */
export function dialectFilterErrors(
  config: EmulatorConfig,
  filter: string | undefined,
  dialect: FilterDialect,
): FieldError[] {
  if (filter === undefined) return [];
  if (filter.length > config.filterMaxLength) {
    return [
      {
        pointer: '/filter',
        detail: `filter is ${filter.length} characters long; the limit is ${config.filterMaxLength}`,
      },
    ];
  }
  const check = checkFilter(filter, dialect);
  return check.valid
    ? []
    : check.errors.map((error) => ({
        pointer: '/filter',
        detail: `Invalid syntax in policy expression: ${error.message} (${range(error.from, error.to)})`,
      }));
}

/** The upstream's rules for an identity pool's filter: length, Confluent's CEL subset, shared issuers. */
export function filterErrors(
  config: EmulatorConfig,
  filter: string | undefined,
  providerIssuer: string,
): FieldError[] {
  if (filter === undefined) return [];
  const errors = dialectFilterErrors(config, filter, 'identity-pool');
  if (errors.length > 0) return errors;
  if (
    isSharedIssuer(providerIssuer, config.sharedIssuers) &&
    !filterConstrains(filter, ['sub', 'aud'])
  ) {
    return [
      {
        pointer: '/filter',
        detail: `The provider's issuer ${providerIssuer} is shared by many organisations, so the filter must constrain claims.sub or claims.aud on every path, for example claims.aud == "my-audience" && …`,
      },
    ];
  }
  return [];
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationFailed(errors);
}

/** Whether `host` is one the emulator treats as unreachable (EMULATOR_JWKS_DENY_HOSTS, by domain suffix). */
export function isDeniedHost(config: EmulatorConfig, host: string): boolean {
  return config.jwksDenyHosts.some(
    (suffix) => host === suffix || host.endsWith(`.${suffix}`),
  );
}

/** Simulates the upstream fetching jwks_uri: hosts on the deny list cannot be reached. */
export function jwksUriErrors(
  config: EmulatorConfig,
  jwksUri: string | undefined,
): FieldError[] {
  if (jwksUri === undefined) return [];
  return isDeniedHost(config, new URL(jwksUri).hostname)
    ? [
        {
          pointer: '/jwks_uri',
          detail: `Unable to verify Jwks URI: ${jwksUri} could not be fetched, the jwks uri may be invalid`,
        },
      ]
    : [];
}
