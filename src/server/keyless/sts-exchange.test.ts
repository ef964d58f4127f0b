import { expect, test } from 'vitest';
import { CredentialError } from '../credentials.ts';
import { reservePort } from '../test-helpers.ts';
import { exchangeToken } from './sts-exchange.ts';
import { POOL_ID, startFakeSts } from './test-helpers.ts';

const HTTP = { timeoutMs: 5_000 };
const SUBJECT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsaWZlZ3VhcmQifQ.c2lnbmF0dXJl';

test('the exchange sends the five fields, expires_in only when set, and no Authorization', async () => {
  const sts = await startFakeSts();
  const request = {
    endpoint: sts.url,
    identityPoolId: POOL_ID,
    subjectToken: SUBJECT,
  };
  expect(await exchangeToken(request, HTTP)).toEqual({
    token: 'sts-token-1',
    lifetimeSeconds: 900,
  });
  expect(
    await exchangeToken({ ...request, expiresInSeconds: 300 }, HTTP),
  ).toEqual({ token: 'sts-token-2', lifetimeSeconds: 300 });

  const [plain, short] = sts.requests;
  expect(plain!.form).toEqual({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: SUBJECT,
    identity_pool_id: POOL_ID,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  });
  expect(plain!.headers['content-type']).toBe(
    'application/x-www-form-urlencoded',
  );
  expect(plain!.headers.authorization).toBeUndefined();
  expect(short!.form.expires_in).toBe('300');
});

test("a 400 Failure's details are the reason, with the subject token cut out should the STS echo it", async () => {
  const sts = await startFakeSts(() => ({
    status: 400,
    body: {
      errors: [
        {
          status: '400',
          detail: `Token ${SUBJECT} does not match the filter of ${POOL_ID}.`,
        },
        { status: '400', detail: 'A second reason' },
      ],
    },
  }));
  const failure = exchangeToken(
    { endpoint: sts.url, identityPoolId: POOL_ID, subjectToken: SUBJECT },
    HTTP,
  );
  await expect(failure).rejects.toBeInstanceOf(CredentialError);
  await expect(failure).rejects.toThrow(
    `Confluent's STS refused to exchange Lifeguard's token for identity pool ${POOL_ID}: Token [redacted] does not match the filter of ${POOL_ID}; A second reason.`,
  );
});

test('a 429, a 500, a token that is not Bearer and an unreachable STS each say so', async () => {
  const answers = [
    { status: 429, body: '' },
    { status: 500, body: { errors: [{ detail: 'Internal error' }] } },
    {
      status: 200,
      body: {
        access_token: 'x',
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'MAC',
        expires_in: 900,
      },
    },
  ];
  const sts = await startFakeSts((_form, index) => answers[index]);
  const exchange = (endpoint: string) =>
    exchangeToken(
      { endpoint, identityPoolId: POOL_ID, subjectToken: SUBJECT },
      HTTP,
    );
  await expect(exchange(sts.url)).rejects.toThrow(
    `Confluent's STS is rate-limiting Lifeguard's token exchanges for identity pool ${POOL_ID} (429).`,
  );
  await expect(exchange(sts.url)).rejects.toThrow(
    `Confluent's STS failed to exchange Lifeguard's token for identity pool ${POOL_ID} (500: Internal error).`,
  );
  await expect(exchange(sts.url)).rejects.toThrow(
    /issued a token of type MAC .* only Bearer/,
  );
  const port = await reservePort();
  await expect(exchange(`http://127.0.0.1:${port}`)).rejects.toThrow(
    `Lifeguard could not reach Confluent's STS at http://127.0.0.1:${port}/sts/v1/oauth2/token (connection refused).`,
  );
});
