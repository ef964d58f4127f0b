import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from 'jose';
import { formatMicros, type Micros } from '../clock.ts';
import type { ProviderRecord } from '../store.ts';
import type { CachedJwks } from './jwks-cache.ts';

/**
 * Checks of the subject token, in the order the STS makes them. Every
 * refusal's text says which check failed in an administrator's words and
 * never repeats the token or any part of it beyond the header's `alg` and
 * `kid` and the `iss` claim (docs/decisions/021-sts-in-the-emulator.md).
 */

/** The signature algorithms the STS takes: asymmetric ones only. */
export const SUBJECT_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/** Clock skew allowed on `exp` and `nbf`, in seconds (a choice: decision 021). */
export const SUBJECT_TOKEN_LEEWAY_SECONDS = 30;

export type Checked<T> = { ok: true; value: T } | { ok: false; detail: string };

export type SubjectTokenHeader = { alg: string; kid: string | undefined };

const ASYMMETRIC = 'RS256, PS256, ES256, EdDSA and their larger sizes';
// Values from the token that a message names are cut to this length.
const SHOWN = 120;

function refused<T>(detail: string): Checked<T> {
  return { ok: false, detail };
}

function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7E]/g, '?');
  return printable.length > SHOWN ? `${printable.slice(0, SHOWN)}…` : printable;
}

/** A compact JWS whose header names an algorithm the STS takes. */
export function readSubjectToken(token: string): Checked<SubjectTokenHeader> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    // Both throw on anything but three base64url parts of JSON objects.
    header = decodeProtectedHeader(token);
    decodeJwt(token);
  } catch {
    return refused(
      'subject_token is not a JWT: a signed JWT in compact form (three base64url parts separated by dots) is expected',
    );
  }
  const { alg, kid } = header;
  if (alg === 'none') {
    return refused(
      `subject_token is not signed (alg none); the STS takes only tokens signed with an asymmetric key (${ASYMMETRIC})`,
    );
  }
  if (typeof alg === 'string' && /^HS\d+$/.test(alg)) {
    return refused(
      `subject_token is signed with ${alg}, a shared secret; the STS takes only tokens signed with an asymmetric key that the identity provider publishes (${ASYMMETRIC})`,
    );
  }
  if (
    typeof alg !== 'string' ||
    !(SUBJECT_TOKEN_ALGORITHMS as readonly string[]).includes(alg)
  ) {
    return refused(
      `subject_token's signature algorithm is not one the STS takes (${ASYMMETRIC})`,
    );
  }
  if (kid !== undefined && typeof kid !== 'string') {
    return refused("subject_token's header has a kid that is not a string");
  }
  return { ok: true, value: { alg, kid } };
}

// The provider's key the header points at: by kid, or without one the only
// key that fits the algorithm.
function chooseKey(
  header: SubjectTokenHeader,
  provider: ProviderRecord,
  jwks: CachedJwks,
): Checked<JWK> {
  const where = `the keys of identity provider ${provider.id}, fetched from ${provider.jwksUri} at ${formatMicros(jwks.fetchedAt)}`;
  const refresh = `If the provider has rotated its keys since, PATCH /iam/v2/identity-providers/${provider.id}/jwks refreshes them.`;
  if (header.kid !== undefined) {
    const key = jwks.keys.find((each) => each.kid === header.kid);
    return key
      ? { ok: true, value: key }
      : refused(
          `subject_token is signed with key "${shown(header.kid)}", which is not among ${where}. ${refresh}`,
        );
  }
  const fitting = jwks.keys.filter(
    (each) => each.alg === undefined || each.alg === header.alg,
  );
  const [only] = fitting;
  if (fitting.length === 1 && only) return { ok: true, value: only };
  return refused(
    fitting.length === 0
      ? `subject_token names no key (kid), and none of ${where} is for ${header.alg}. ${refresh}`
      : `subject_token names no key (kid), and ${fitting.length} of ${where} could have signed it, so the STS cannot tell which`,
  );
}

/** The token's claims, once its signature verifies with the provider's key. */
export async function verifySignature(
  token: string,
  header: SubjectTokenHeader,
  provider: ProviderRecord,
  jwks: CachedJwks,
): Promise<Checked<Record<string, unknown>>> {
  const chosen = chooseKey(header, provider, jwks);
  if (!chosen.ok) return chosen;
  const jwk = chosen.value;
  const name = `key "${shown(jwk.kid ?? '(no kid)')}" of identity provider ${provider.id}`;
  if ((jwk.alg !== undefined && jwk.alg !== header.alg) || jwk.use === 'enc') {
    return refused(
      `subject_token is signed with ${header.alg}, but ${name} is ${jwk.use === 'enc' ? 'for encryption' : `for ${jwk.alg}`}`,
    );
  }
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, header.alg);
  } catch {
    return refused(
      `${name} cannot verify a ${header.alg} signature (its type does not fit the algorithm, or it is malformed)`,
    );
  }
  try {
    const { payload } = await compactVerify(token, key, {
      algorithms: [header.alg],
    });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (
      typeof claims !== 'object' ||
      claims === null ||
      Array.isArray(claims)
    ) {
      return refused("subject_token's payload is not a JSON object of claims");
    }
    return { ok: true, value: claims as Record<string, unknown> };
  } catch {
    return refused(
      `subject_token's signature does not verify with ${name}: the token was not signed by this provider, or was changed after signing`,
    );
  }
}

/** `iss` names the provider's issuer, exactly. */
export function checkIssuer(
  claims: Record<string, unknown>,
  provider: ProviderRecord,
  poolId: string,
): Checked<null> {
  const { iss } = claims;
  const expected = `identity pool ${poolId} belongs to identity provider ${provider.id}, whose issuer is ${provider.issuer}`;
  if (iss === undefined) {
    return refused(`subject_token has no issuer (iss); ${expected}`);
  }
  if (typeof iss !== 'string') {
    return refused(`subject_token's issuer (iss) is not a string; ${expected}`);
  }
  return iss === provider.issuer
    ? { ok: true, value: null }
    : refused(`subject_token was issued by ${shown(iss)}, but ${expected}`);
}

function instant(seconds: number): string {
  return formatMicros(Math.floor(seconds) * 1_000_000);
}

/** `exp` is present and in the future, `nbf` (if any) passed, by `now` with the leeway. */
export function checkLifetime(
  claims: Record<string, unknown>,
  now: Micros,
): Checked<null> {
  const { exp, nbf } = claims;
  const seconds = now / 1_000_000;
  const clock = `the emulator's clock reads ${formatMicros(now)} (leeway ${SUBJECT_TOKEN_LEEWAY_SECONDS} s)`;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return refused(
      exp === undefined
        ? 'subject_token has no expiry (exp); the STS takes only tokens that expire'
        : "subject_token's expiry (exp) is not a number of seconds",
    );
  }
  if (exp + SUBJECT_TOKEN_LEEWAY_SECONDS <= seconds) {
    return refused(`subject_token expired at ${instant(exp)}; ${clock}`);
  }
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
      return refused(
        "subject_token's not-before time (nbf) is not a number of seconds",
      );
    }
    if (nbf - SUBJECT_TOKEN_LEEWAY_SECONDS > seconds) {
      return refused(
        `subject_token is not valid before ${instant(nbf)}; ${clock}`,
      );
    }
  }
  return { ok: true, value: null };
}
