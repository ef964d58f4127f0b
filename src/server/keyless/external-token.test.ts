import { expect, test } from 'vitest';
import { CredentialError } from '../credentials.ts';
import { reservePort } from '../test-helpers.ts';
import { fetchClientCredentialsToken } from './external-token.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  startIdentityProvider,
} from './test-helpers.ts';

const HTTP = { timeoutMs: 5_000 };

test("the client-credentials request is Terraform's: form fields, secret in the body, no scope unless set", async () => {
  const idp = await startIdentityProvider();
  const settings = {
    tokenUrl: idp.tokenUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  };
  const token = await fetchClientCredentialsToken(settings, HTTP);
  expect(token).toEqual({ token: idp.tokens[0], lifetimeSeconds: 3600 });
  await fetchClientCredentialsToken(
    { ...settings, scope: 'api://lifeguard/.default' },
    HTTP,
  );

  const [plain, scoped] = idp.requests;
  expect(plain!.form).toEqual({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
  });
  expect(plain!.headers['content-type']).toBe(
    'application/x-www-form-urlencoded',
  );
  expect(plain!.headers.accept).toBe('application/json');
  // client_secret_post: nothing in an Authorization header.
  expect(plain!.headers.authorization).toBeUndefined();
  expect(scoped!.form).toEqual({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    scope: 'api://lifeguard/.default',
  });
});

test('a reply without expires_in gives a token of unknown lifetime', async () => {
  const idp = await startIdentityProvider((response) => {
    if (typeof response.body === 'object') delete response.body.expires_in;
  });
  const token = await fetchClientCredentialsToken(
    {
      tokenUrl: idp.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    },
    HTTP,
  );
  expect(token).toEqual({ token: idp.tokens[0] });
});

test('a refusal names the provider and what it said, never the secret, even when the provider echoes it', async () => {
  const idp = await startIdentityProvider((response) => {
    response.statusCode = 401;
    response.body = {
      error: 'invalid_client',
      error_description: `Client authentication failed for secret ${CLIENT_SECRET}`,
    };
  });
  const failure = fetchClientCredentialsToken(
    {
      tokenUrl: idp.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    },
    HTTP,
  );
  await expect(failure).rejects.toBeInstanceOf(CredentialError);
  await expect(failure).rejects.toThrow(
    `The identity provider at ${idp.tokenUrl} refused Lifeguard's client credentials (401 invalid_client: Client authentication failed for secret [redacted]).`,
  );
});

test('other answers: a 5xx, and a 200 without an access token', async () => {
  const failing = await startIdentityProvider((response) => {
    response.statusCode = 503;
    response.body = '';
  });
  await expect(
    fetchClientCredentialsToken(
      {
        tokenUrl: failing.tokenUrl,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      HTTP,
    ),
  ).rejects.toThrow(
    `The identity provider at ${failing.tokenUrl} failed to issue Lifeguard a token (503).`,
  );
  const empty = await startIdentityProvider((response) => {
    response.body = { token_type: 'Bearer' };
  });
  await expect(
    fetchClientCredentialsToken(
      {
        tokenUrl: empty.tokenUrl,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      HTTP,
    ),
  ).rejects.toThrow(/answered without an access token/);
});

test('an unreachable provider is named with the reason, and a query in its URL is not repeated', async () => {
  const port = await reservePort();
  const failure = fetchClientCredentialsToken(
    {
      tokenUrl: `http://127.0.0.1:${port}/oauth2/token?tenant=secret-ish`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    },
    HTTP,
  );
  await expect(failure).rejects.toThrow(
    `Lifeguard could not reach its identity provider at http://127.0.0.1:${port}/oauth2/token (connection refused).`,
  );
});
