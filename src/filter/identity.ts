import { IDENTITY_CLAIM_PATTERN } from '#contract/bodies.ts';
import { describeClaimValue, lookupClaim } from './evaluate.ts';

/** The identity a token would carry in audit logs, or why it has none. */
export type IdentityExtraction =
  { ok: true; identity: string } | { ok: false; message: string };

const CLAIMS_PREFIX = 'claims.';
const BARE_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const MAX_PREVIEW = 40;

/**
 * Reads the claim that a pool's `identity_claim` names (`claims.sub`,
 * `claims.email`, nested `claims.ext.uid`, docs/confluent-api.md §9.5) from
 * a token's claims. The claim must hold a non-empty string; anything else is
 * explained in `message`. Never throws.
 */
export function extractIdentity(
  identityClaim: string,
  claims: unknown,
): IdentityExtraction {
  try {
    return extract(identityClaim, claims);
  } catch {
    return { ok: false, message: 'The identity could not be read' };
  }
}

function extract(identityClaim: string, claims: unknown): IdentityExtraction {
  if (typeof identityClaim !== 'string' || identityClaim.trim() === '') {
    return failed(
      'The identity claim is empty; write it as claims.<name>, for example claims.sub',
    );
  }
  if (!IDENTITY_CLAIM_PATTERN.test(identityClaim)) {
    return failed(
      BARE_PATH.test(identityClaim) && !/^claims?(\.|$)/.test(identityClaim)
        ? `Write the identity claim as ${CLAIMS_PREFIX}${identityClaim}, not ${identityClaim}`
        : `The identity claim must be written as claims.<name>, for example claims.sub (got ${JSON.stringify(identityClaim)})`,
    );
  }
  const path = identityClaim.slice(CLAIMS_PREFIX.length).split('.');
  const found = lookupClaim(claims, path);
  if (!found.found) {
    if (found.reason === 'absent') {
      return failed(`The token has no ${identityClaim} claim`);
    }
    const kind = describeClaimValue(found.value);
    return failed(
      found.parent.length === 0
        ? `The token's claims are ${kind}, not an object`
        : `The token has no ${identityClaim} claim: ${joinPath(found.parent)} is ${kind}${preview(found.value)}, not an object`,
    );
  }
  const { value } = found;
  if (typeof value !== 'string') {
    return failed(
      `${identityClaim} is ${describeClaimValue(value)}${preview(value)}, not a string`,
    );
  }
  if (value === '') return failed(`${identityClaim} is an empty string`);
  return { ok: true, identity: value };
}

function failed(message: string): IdentityExtraction {
  return { ok: false, message };
}

function joinPath(path: readonly string[]): string {
  return [CLAIMS_PREFIX.slice(0, -1), ...path].join('.');
}

/** The value in parentheses, shortened, so a person sees what is there. */
function preview(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string | undefined;
  try {
    text = typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  } catch {
    // Cyclic objects cannot be shown; the type alone still helps.
    return '';
  }
  if (text === undefined) return '';
  const chars = Array.from(text);
  const shown =
    chars.length > MAX_PREVIEW
      ? `${chars.slice(0, MAX_PREVIEW - 1).join('')}…`
      : text;
  return ` (${shown})`;
}
