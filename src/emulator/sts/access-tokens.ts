import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Micros } from '../clock.ts';
import type { Store } from '../store.ts';

/**
 * The access tokens the emulator's STS issues: HS256 JWTs under a secret
 * kept in the emulator's store (so they outlive a restart, as Confluent's
 * do), naming the identity pool they act as. Confluent's own token format
 * is not public; only the emulator reads these.
 */
export const STS_TOKEN_ISSUER = 'https://emulator.lifeguard.test/sts';

/** The longest lifetime the STS grants, and its default (the spec's 900). */
export const STS_MAX_EXPIRES_IN = 900;

export type IssuedToken = {
  /** The pool the token acts as: its principal is `User:<poolId>`. */
  poolId: string;
  /** The provider the subject token came from (an `op-…` id). */
  providerId: string;
  /** The subject token's identity claim value, kept for the emulator's log. */
  subject: string;
  /** When it stops being accepted. */
  expiresAt: Micros;
};

export type TokenCheck =
  | { ok: true; token: IssuedToken }
  | { ok: false; reason: 'expired' | 'invalid' };

const SECRET_KEY = 'sts_signing_secret';

function signingKey(store: Store): Uint8Array {
  let secret = store.getMeta(SECRET_KEY);
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    store.setMeta(SECRET_KEY, secret);
  }
  return Buffer.from(secret, 'hex');
}

/** Signs an access token for `token.poolId`, valid until `token.expiresAt`. */
export async function issueAccessToken(
  store: Store,
  orgId: string,
  token: IssuedToken,
): Promise<string> {
  const now = Math.floor(store.now() / 1_000_000);
  return new SignJWT({
    org_id: orgId,
    identity_provider: token.providerId,
    subject: token.subject,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(STS_TOKEN_ISSUER)
    .setSubject(token.poolId)
    .setAudience(orgId)
    .setIssuedAt(now)
    .setExpirationTime(Math.floor(token.expiresAt / 1_000_000))
    .setJti(randomUUID())
    .sign(signingKey(store));
}

/**
 * Whether `text` is a token this emulator issued for `orgId` and still in
 * force by the store's clock. Whether its pool still exists, and what it
 * may do, is the caller's question.
 */
export async function verifyAccessToken(
  store: Store,
  orgId: string,
  text: string,
): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(text, signingKey(store), {
      algorithms: ['HS256'],
      issuer: STS_TOKEN_ISSUER,
      audience: orgId,
      currentDate: new Date(Math.floor(store.now() / 1000)),
      clockTolerance: 0,
    });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.exp !== 'number' ||
      typeof payload.identity_provider !== 'string'
    ) {
      return { ok: false, reason: 'invalid' };
    }
    return {
      ok: true,
      token: {
        poolId: payload.sub,
        providerId: payload.identity_provider,
        subject: typeof payload.subject === 'string' ? payload.subject : '',
        expiresAt: payload.exp * 1_000_000,
      },
    };
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid',
    };
  }
}
