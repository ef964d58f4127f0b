import type { EmulatorContext } from '../context.ts';
import { FailureProblem } from '../problems.ts';
import type { PoolRecord, ProviderRecord } from '../store.ts';
import { issueAccessToken } from './access-tokens.ts';
import { ACCESS_TOKEN_TYPE, type ExchangeRequest } from './exchange-request.ts';
import { matchPoolFilter, poolIdentity } from './pool-match.ts';
import {
  checkIssuer,
  checkLifetime,
  readSubjectToken,
  verifySignature,
  type Checked,
} from './subject-token.ts';

/** The 200 body of `POST /sts/v1/oauth2/token` (`sts.v1.TokenExchangeReply`). */
export type ExchangeReply = {
  access_token: string;
  issued_token_type: typeof ACCESS_TOKEN_TYPE;
  token_type: 'Bearer';
  expires_in: number;
};

/** A granted exchange: the reply, and what the emulator's log may say of it. */
export type Exchanged = {
  reply: ExchangeReply;
  poolId: string;
  subject: string;
};

// The spec declares no 401, 403 or 404 for the STS, so every refusal is a
// 400 Failure (docs/confluent-api.md §34).
function refusal(detail: string, parameter: string): FailureProblem {
  return new FailureProblem(400, [
    {
      code: 'invalid_grant',
      title: 'Token Exchange Refused',
      detail,
      parameter,
    },
  ]);
}

function required<T>(check: Checked<T>): T {
  if (!check.ok) throw refusal(check.detail, 'subject_token');
  return check.value;
}

function oauthPool(
  context: EmulatorContext,
  poolId: string,
): { pool: PoolRecord; provider: ProviderRecord } {
  const { store } = context;
  const pool = store.findPool(poolId);
  const provider = pool && store.getProvider(pool.providerId);
  if (pool && provider) return { pool, provider };
  throw refusal(
    store.certificatePools.find(poolId)
      ? `${poolId} is a certificate identity pool: it admits mTLS clients by their certificate and takes no token exchange. Name an identity pool of an OAuth identity provider.`
      : `No identity pool ${poolId} in this organization`,
    'identity_pool_id',
  );
}

/**
 * The STS's decision, in order: the pool, the token's form and algorithm,
 * the provider's keys, the signature, the issuer, the token's lifetime, the
 * pool's identity claim, the pool's filter. The first check that fails is
 * a 400 saying which; otherwise an access token acting as the pool.
 */
export async function exchangeToken(
  context: EmulatorContext,
  request: ExchangeRequest,
): Promise<Exchanged> {
  const { store, config, jwks } = context;
  const { pool, provider } = oauthPool(context, request.poolId);
  const header = required(readSubjectToken(request.subjectToken));
  const keys = await jwks.keysOf(provider);
  if (!keys.ok) {
    throw refusal(
      `The keys of identity provider ${provider.id} could not be fetched from ${provider.jwksUri}: ${keys.reason}`,
      'subject_token',
    );
  }
  const claims = required(
    await verifySignature(request.subjectToken, header, provider, keys.jwks),
  );
  required(checkIssuer(claims, provider, pool.id));
  const now = store.now();
  required(checkLifetime(claims, now));
  const subject = required(poolIdentity(pool, claims));
  required(matchPoolFilter(pool, claims));
  // Not capped at the subject token's exp: whether Confluent caps it is
  // unknown, and Terraform re-exchanges on its own schedule (decision 021).
  const accessToken = await issueAccessToken(store, config.orgId, {
    poolId: pool.id,
    providerId: provider.id,
    subject,
    expiresAt: now + request.expiresIn * 1_000_000,
  });
  return {
    poolId: pool.id,
    subject,
    reply: {
      access_token: accessToken,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: request.expiresIn,
    },
  };
}
