import { z } from 'zod';
import { CredentialError } from '../credentials.ts';
import {
  postForm,
  remoteText,
  Unreachable,
  type HttpOptions,
} from './form-post.ts';

export const STS_PATH = '/sts/v1/oauth2/token';

export type StsToken = { token: string; lifetimeSeconds: number };

/** The STS answered 4xx: it turned this subject token down. */
export class ExchangeRefused extends CredentialError {}

const exchangeAnswer = z.object({
  access_token: z.string().regex(/^[\x21-\x7e]+$/),
  issued_token_type: z.literal('urn:ietf:params:oauth:token-type:access_token'),
  token_type: z.string(),
  expires_in: z.coerce.number().positive(),
});

const failure = z.object({
  errors: z.array(z.object({ detail: z.string().optional() })).min(1),
});

/** What a Failure body says, with the subject token cut out should it be echoed. */
function details(json: unknown, subjectToken: string): string {
  const parsed = failure.safeParse(json);
  if (!parsed.success) return '';
  return parsed.data.errors
    .map((item) => remoteText(item.detail, [subjectToken]).replace(/\.$/, ''))
    .filter(Boolean)
    .join('; ');
}

/**
 * Exchanges the identity provider's token for a Confluent access token
 * acting as the identity pool. The call carries no Authorization: the
 * subject token is the credential (sts/v1 declares no security).
 */
export async function exchangeToken(
  request: {
    endpoint: string;
    identityPoolId: string;
    subjectToken: string;
    expiresInSeconds?: number;
  },
  http: HttpOptions,
): Promise<StsToken> {
  const url = `${request.endpoint}${STS_PATH}`;
  const pool = request.identityPoolId;
  let answer;
  try {
    answer = await postForm(
      url,
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: request.subjectToken,
        identity_pool_id: pool,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        ...(request.expiresInSeconds !== undefined
          ? { expires_in: String(request.expiresInSeconds) }
          : {}),
      },
      http,
    );
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    throw new CredentialError(
      `Lifeguard could not reach Confluent's STS at ${url} (${error.reason}).`,
    );
  }
  if (answer.status !== 200) {
    const said = details(answer.json, request.subjectToken);
    if (answer.status === 429) {
      const retry = answer.headers['retry-after'];
      throw new CredentialError(
        `Confluent's STS is rate-limiting Lifeguard's token exchanges for identity pool ${pool} (429${typeof retry === 'string' ? `, retry after ${remoteText(retry, [])} s` : ''}).`,
      );
    }
    if (answer.status >= 500) {
      throw new CredentialError(
        `Confluent's STS failed to exchange Lifeguard's token for identity pool ${pool} (${answer.status}${said ? `: ${said}` : ''}).`,
      );
    }
    throw new ExchangeRefused(
      `Confluent's STS refused to exchange Lifeguard's token for identity pool ${pool}: ${said || `status ${answer.status}`}.`,
    );
  }
  const parsed = exchangeAnswer.safeParse(answer.json);
  if (!parsed.success) {
    throw new CredentialError(
      `Confluent's STS answered Lifeguard's token exchange for identity pool ${pool} without the access_token, issued_token_type and expires_in it should carry.`,
    );
  }
  if (parsed.data.token_type.toLowerCase() !== 'bearer') {
    throw new CredentialError(
      `Confluent's STS issued a token of type ${remoteText(parsed.data.token_type, [])} for identity pool ${pool}; Lifeguard can send only Bearer tokens.`,
    );
  }
  return {
    token: parsed.data.access_token,
    lifetimeSeconds: parsed.data.expires_in,
  };
}
