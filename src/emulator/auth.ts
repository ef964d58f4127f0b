import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorConfig } from './config.ts';
import type { Store } from './store.ts';
import { verifyAccessToken } from './sts/access-tokens.ts';

/**
 * Who a request comes from. `principal` keys the rate limiter: one per
 * API key or static token, one per identity pool (`pool:pool-…`), so that
 * every token of a pool draws on one budget. `actsAs` is set for an STS
 * access token only: its pool's role bindings decide what it may do
 * (authorization.ts); a key or static token stands for an
 * OrganizationAdmin's key and may do everything.
 */
export type Caller = {
  principal: string;
  actsAs?: { poolId: string };
};

export type AuthResult =
  ({ ok: true } & Caller) | { ok: false; challenge: string; detail: string };

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

// Comparing digests keeps the comparison constant-time whatever the lengths.
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

const BASIC_CHALLENGE =
  'Basic error="invalid_key", error_description="The API Key is invalid"';

const INVALID_TOKEN: AuthResult = {
  ok: false,
  challenge:
    'Bearer error="invalid_token", error_description="The access token is invalid or expired"',
  detail: 'The Bearer token is invalid or expired.',
};

const EXPIRED_TOKEN: AuthResult = {
  ok: false,
  challenge:
    'Bearer error="invalid_token", error_description="The access token expired"',
  detail:
    'The access token expired. Exchange a token from your identity provider for a new one at POST /sts/v1/oauth2/token.',
};

function basic(config: EmulatorConfig, credential: string): AuthResult {
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

// A configured static token first, compared with every one of them so that
// timing does not tell which matched; then a token of the emulator's STS.
async function bearer(
  config: EmulatorConfig,
  store: Store,
  credential: string,
): Promise<AuthResult> {
  const known = config.bearerTokens.filter((token) => same(token, credential));
  if (known.length > 0) {
    return {
      ok: true,
      principal: `token:${digest(credential).toString('hex').slice(0, 16)}`,
    };
  }
  const check = await verifyAccessToken(store, config.orgId, credential);
  if (!check.ok) {
    return check.reason === 'expired' ? EXPIRED_TOKEN : INVALID_TOKEN;
  }
  const { poolId, providerId } = check.token;
  // A deleted pool's tokens die with it, as its role bindings do
  // (docs/decisions/015); pool ids are never reused.
  if (store.findPool(poolId)?.providerId !== providerId) {
    return {
      ok: false,
      challenge:
        'Bearer error="invalid_token", error_description="The identity pool of the access token no longer exists"',
      detail: `The access token acts as identity pool ${poolId}, which no longer exists.`,
    };
  }
  return { ok: true, principal: `pool:${poolId}`, actsAs: { poolId } };
}

/**
 * The two schemes the upstream accepts on these routes: a Cloud API key over
 * HTTP Basic, or a Bearer token: one of the configured static tokens, or an
 * access token the emulator's STS issued for a pool that still exists.
 * The credential itself never appears in an answer.
 */
export async function authenticate(
  config: EmulatorConfig,
  store: Store,
  header: string | undefined,
): Promise<AuthResult> {
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
  if (scheme.toLowerCase() === 'basic') return basic(config, credential);
  if (scheme.toLowerCase() === 'bearer' && credential.length > 0) {
    return bearer(config, store, credential);
  }
  return {
    ok: false,
    challenge: BASIC_CHALLENGE,
    detail: `Unsupported authorization scheme "${scheme}": use Basic or Bearer.`,
  };
}
