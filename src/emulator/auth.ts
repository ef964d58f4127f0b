import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorConfig } from './config.ts';

export type AuthResult =
  | { ok: true; principal: string }
  | { ok: false; challenge: string; detail: string };

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

// Comparing digests keeps the comparison constant-time whatever the lengths.
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

const BASIC_CHALLENGE =
  'Basic error="invalid_key", error_description="The API Key is invalid"';

/**
 * The two schemes the upstream accepts on these routes: a Cloud API key over
 * HTTP Basic, or a Confluent STS access token as Bearer.
 */
export function authenticate(
  config: EmulatorConfig,
  header: string | undefined,
): AuthResult {
  if (!header) {
    return {
      ok: false,
      challenge: BASIC_CHALLENGE,
      detail:
        'Authentication is required: send a Cloud API key with HTTP Basic or a Bearer token.',
    };
  }
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const key = colon === -1 ? decoded : decoded.slice(0, colon);
    const secret = colon === -1 ? '' : decoded.slice(colon + 1);
    // Evaluate both comparisons so timing does not reveal which one failed.
    const keyOk = same(key, config.apiKey);
    const secretOk = same(secret, config.apiSecret);
    return keyOk && secretOk
      ? { ok: true, principal: `key:${config.apiKey}` }
      : {
          ok: false,
          challenge: BASIC_CHALLENGE,
          detail: 'The API key or secret is invalid.',
        };
  }
  if (scheme.toLowerCase() === 'bearer' && credential.length > 0) {
    const known = config.bearerTokens.filter((token) =>
      same(token, credential),
    );
    return known.length > 0
      ? {
          ok: true,
          principal: `token:${digest(credential).toString('hex').slice(0, 16)}`,
        }
      : {
          ok: false,
          challenge:
            'Bearer error="invalid_token", error_description="The access token is invalid or expired"',
          detail: 'The Bearer token is invalid or expired.',
        };
  }
  return {
    ok: false,
    challenge: BASIC_CHALLENGE,
    detail: `Unsupported authorization scheme "${scheme}": use Basic or Bearer.`,
  };
}
