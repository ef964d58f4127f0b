import { z } from 'zod';
import { CredentialError } from '../credentials.ts';
import {
  displayUrl,
  postForm,
  remoteText,
  Unreachable,
  type HttpOptions,
} from './form-post.ts';

export type ClientCredentialsSettings = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent only when set (Entra ID needs one, Okta none). */
  scope?: string;
};

/** A token from the organisation's identity provider, to exchange at the STS. */
export type ExternalToken = {
  token: string;
  /** Seconds it is valid for from when it was obtained, when known. */
  lifetimeSeconds?: number;
};

const tokenAnswer = z.object({
  access_token: z.string().regex(/^[\x21-\x7e]+$/),
  // A missing or useless lifetime leaves the token good for one exchange.
  expires_in: z.coerce.number().positive().optional().catch(undefined),
});

const oauthError = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/**
 * The client-credentials request as Terraform's `oauth` block sends it:
 * the id and secret in the form (client_secret_post), `scope` only when
 * set, and only a 200 is an answer.
 */
export async function fetchClientCredentialsToken(
  settings: ClientCredentialsSettings,
  http: HttpOptions,
): Promise<ExternalToken> {
  const where = displayUrl(settings.tokenUrl);
  let answer;
  try {
    answer = await postForm(
      settings.tokenUrl,
      {
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        ...(settings.scope ? { scope: settings.scope } : {}),
      },
      http,
    );
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    throw new CredentialError(
      `Lifeguard could not reach its identity provider at ${where} (${error.reason}).`,
    );
  }
  if (answer.status !== 200) {
    const parsed = oauthError.safeParse(answer.json);
    const said = parsed.success
      ? [parsed.data.error, parsed.data.error_description]
          .map((part) => remoteText(part, [settings.clientSecret]))
          .filter(Boolean)
          .join(': ')
      : '';
    const status = said ? `${answer.status} ${said}` : String(answer.status);
    throw new CredentialError(
      answer.status >= 500
        ? `The identity provider at ${where} failed to issue Lifeguard a token (${status}).`
        : `The identity provider at ${where} refused Lifeguard's client credentials (${status}).`,
    );
  }
  const parsed = tokenAnswer.safeParse(answer.json);
  if (!parsed.success) {
    throw new CredentialError(
      `The identity provider at ${where} answered without an access token Lifeguard can use (a JSON object with access_token).`,
    );
  }
  return {
    token: parsed.data.access_token,
    ...(parsed.data.expires_in !== undefined
      ? { lifetimeSeconds: parsed.data.expires_in }
      : {}),
  };
}
