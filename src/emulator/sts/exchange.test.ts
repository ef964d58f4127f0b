import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { expect, test } from 'vitest';
import { STS_MAX_EXPIRES_IN, verifyAccessToken } from './access-tokens.ts';
import {
  exchangeForm,
  expectNoPartOf,
  idpToken,
  refusalOf,
  registerIdp,
  startMockIdp,
  stsEmulatorForTest,
} from './sts-fixture.ts';

// The STS against a real identity provider (oauth2-mock-server) on
// loopback, registered through the emulator's API as a client would.

async function setUp(pool?: { identity_claim?: string; filter?: string }) {
  const emulator = await stsEmulatorForTest();
  const idp = await startMockIdp();
  const ids = await registerIdp(emulator, idp, pool);
  return { emulator, idp, ...ids };
}

test('a token of the pool’s provider that passes its filter is exchanged for an access token acting as the pool', async () => {
  const { emulator, idp, poolId, providerId } = await setUp();
  const subjectToken = await idpToken(idp);
  const response = await emulator.postForm(exchangeForm(subjectToken, poolId));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toEqual({
    access_token: expect.any(String),
    issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    token_type: 'Bearer',
    expires_in: STS_MAX_EXPIRES_IN,
  });
  const check = await verifyAccessToken(
    emulator.store,
    emulator.config.orgId,
    body.access_token as string,
  );
  expect(check).toMatchObject({
    ok: true,
    token: { poolId, providerId, subject: 'svc-orders' },
  });
  if (!check.ok) return;
  const lifetime = check.token.expiresAt / 1e6 - Date.now() / 1000;
  expect(lifetime).toBeGreaterThan(STS_MAX_EXPIRES_IN - 5);
  expect(lifetime).toBeLessThanOrEqual(STS_MAX_EXPIRES_IN + 1);
});

test('expires_in asks for a shorter token; an Authorization header and read-only fields are ignored', async () => {
  const { emulator, idp, poolId } = await setUp();
  const response = await emulator.postForm(
    exchangeForm(await idpToken(idp), poolId, {
      expires_in: '60',
      api_version: 'sts/v1',
      kind: 'TokenExchangeRequest',
      id: 'x',
      metadata: '{}',
    }),
    { headers: { authorization: 'Basic bm90OmEta2V5' } },
  );
  expect(response.status).toBe(200);
  expect(((await response.json()) as { expires_in: number }).expires_in).toBe(
    60,
  );
});

test('each missing field is one error naming it; a wrong constant names what it must be', async () => {
  const { emulator } = await setUp();
  const empty = await emulator.postForm({ unrelated: 'x' });
  expect(empty.status).toBe(400);
  const { errors } = (await empty.json()) as {
    errors: { detail: string; source: { parameter: string } }[];
  };
  expect(errors.map((error) => error.source.parameter)).toEqual([
    'grant_type',
    'subject_token',
    'identity_pool_id',
    'subject_token_type',
    'requested_token_type',
  ]);
  expect(errors[1]!.detail).toBe('subject_token is required');

  for (const [field, expected] of [
    ['grant_type', 'urn:ietf:params:oauth:grant-type:token-exchange'],
    ['subject_token_type', 'urn:ietf:params:oauth:token-type:jwt'],
    ['requested_token_type', 'urn:ietf:params:oauth:token-type:access_token'],
  ] as const) {
    const form = exchangeForm('a.b.c', 'pool-x', {
      [field]: 'client_credentials',
    });
    const error = await refusalOf(await emulator.postForm(form));
    expect(error.source?.parameter).toBe(field);
    expect(error.detail).toBe(`${field} must be ${expected}`);
  }
});

test('a field sent twice, or an identity_pool_id that is no id, is refused without repeating it', async () => {
  const { emulator, idp, poolId } = await setUp();
  const token = await idpToken(idp);
  const twice = new URLSearchParams(exchangeForm(token, poolId));
  twice.append('subject_token', token);
  const repeated = await refusalOf(await emulator.postForm(twice), token);
  expect(repeated.source?.parameter).toBe('subject_token');
  expect(repeated.detail).toBe('subject_token is sent more than once');

  const pasted = await refusalOf(
    await emulator.postForm(exchangeForm(token, token)),
    token,
  );
  expect(pasted.source?.parameter).toBe('identity_pool_id');
});

test.each(['901', '0', '-5', 'abc', '1.5', '900000000000'])(
  'expires_in=%s is refused naming the 900 s limit',
  async (expiresIn) => {
    const { emulator, idp, poolId } = await setUp();
    const response = await emulator.postForm(
      exchangeForm(await idpToken(idp), poolId, { expires_in: expiresIn }),
    );
    const error = await refusalOf(response);
    expect(error.source?.parameter).toBe('expires_in');
    expect(error.detail).toContain('from 1 to 900');
  },
);

test('a JSON body, or none, is refused: the STS takes a form', async () => {
  const { emulator, idp, poolId } = await setUp();
  const token = await idpToken(idp);
  const json = await fetch(`${emulator.url}/sts/v1/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exchangeForm(token, poolId)),
  });
  const error = await refusalOf(json, token);
  expect(error.detail).toContain('not JSON');
  expect(error.detail).toContain('application/x-www-form-urlencoded');

  for (const init of [
    { body: 'x', headers: { 'content-type': 'text/plain' } },
    {},
  ]) {
    const other = await fetch(`${emulator.url}/sts/v1/oauth2/token`, {
      method: 'POST',
      ...init,
    });
    expect((await refusalOf(other)).detail).toContain(
      'application/x-www-form-urlencoded',
    );
  }
});

test('an unknown pool and a certificate pool are refused, naming the pool', async () => {
  const emulator = await stsEmulatorForTest({ seed: 'demo' });
  const { store } = emulator;
  const token = await new SignJWT({ sub: 'x' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k' })
    .sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const unknown = await refusalOf(
    await emulator.postForm(exchangeForm(token, 'pool-none')),
    token,
  );
  expect(unknown.detail).toBe(
    'No identity pool pool-none in this organization',
  );
  expect(unknown.source?.parameter).toBe('identity_pool_id');

  const [authority] = store.certificateAuthorities.list({ after: 0 }, 1).rows;
  const [certificatePool] = store.certificatePools.list(
    authority!.id,
    { after: 0 },
    1,
  ).rows;
  const refused = await refusalOf(
    await emulator.postForm(exchangeForm(token, certificatePool!.id)),
    token,
  );
  expect(refused.detail).toContain(
    `${certificatePool!.id} is a certificate identity pool`,
  );
  expect(refused.detail).toContain('takes no token exchange');
});

test('a subject token that is not a JWT is refused without being repeated', async () => {
  const { emulator, poolId } = await setUp();
  for (const token of [
    'not-a-token-at-all-4f9c2a',
    'eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2lnbmF0dXJl',
    'a.b.c.d.e',
  ]) {
    const error = await refusalOf(
      await emulator.postForm(exchangeForm(token, poolId)),
      token,
    );
    expect(error.detail).toMatch(/^subject_token is not a JWT/);
    expect(error.source?.parameter).toBe('subject_token');
  }
});

test('an unsigned token (alg none) and an HS256 token are refused', async () => {
  const { emulator, poolId, idp } = await setUp();
  const claims = { sub: 'svc-orders', aud: 'confluent' };
  const unsigned = new UnsecuredJWT(claims)
    .setIssuer(idp.issuer.url!)
    .setExpirationTime('5m')
    .encode();
  const none = await refusalOf(
    await emulator.postForm(exchangeForm(unsigned, poolId)),
    unsigned,
  );
  expect(none.detail).toContain('not signed (alg none)');

  const hs256 = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(idp.issuer.url!)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode('a shared secret of 32 bytes....!'));
  const symmetric = await refusalOf(
    await emulator.postForm(exchangeForm(hs256, poolId)),
    hs256,
  );
  expect(symmetric.detail).toContain('signed with HS256, a shared secret');
});

test('a token signed by another key under the provider’s kid fails the signature check', async () => {
  const { emulator, idp, poolId, providerId } = await setUp();
  const [published] = idp.issuer.keys.toJSON();
  const forged = await new SignJWT({ sub: 'svc-orders', aud: 'confluent' })
    .setProtectedHeader({ alg: 'RS256', kid: published!.kid })
    .setIssuer(idp.issuer.url!)
    .setExpirationTime('5m')
    .sign(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(forged, poolId)),
    forged,
  );
  expect(error.detail).toBe(
    `subject_token's signature does not verify with key "${published!.kid}" of identity provider ${providerId}: the token was not signed by this provider, or was changed after signing`,
  );
});

test('a token naming another issuer is refused, naming both', async () => {
  const { emulator, idp, poolId, providerId } = await setUp();
  const token = await idpToken(idp, { iss: 'https://elsewhere.example' });
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, poolId)),
    token,
  );
  expect(error.detail).toBe(
    `subject_token was issued by https://elsewhere.example, but identity pool ${poolId} belongs to identity provider ${providerId}, whose issuer is ${idp.issuer.url!}`,
  );
});

test('an expired token is refused past a 30 s leeway, and one not yet valid too', async () => {
  const { emulator, idp, poolId } = await setUp();
  const now = Math.floor(Date.now() / 1000);
  const expired = await idpToken(idp, { exp: now - 60, iat: now - 3600 });
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(expired, poolId)),
    expired,
  );
  expect(error.detail).toMatch(
    /^subject_token expired at \d{4}-\d\d-\d\dT[\d:.]+Z; the emulator's clock reads .+ \(leeway 30 s\)$/,
  );

  const justExpired = await idpToken(idp, { exp: now - 10 });
  expect(
    (await emulator.postForm(exchangeForm(justExpired, poolId))).status,
  ).toBe(200);

  const early = await idpToken(idp, { nbf: now + 120 });
  expect(
    (
      await refusalOf(
        await emulator.postForm(exchangeForm(early, poolId)),
        early,
      )
    ).detail,
  ).toMatch(/^subject_token is not valid before /);

  const noExpiry = await idpToken(idp, { exp: undefined });
  expect(
    (
      await refusalOf(
        await emulator.postForm(exchangeForm(noExpiry, poolId)),
        noExpiry,
      )
    ).detail,
  ).toContain('has no expiry (exp)');
});

test('a token without the pool’s identity claim is refused, naming the claim', async () => {
  const { emulator, idp, poolId } = await setUp({
    identity_claim: 'claims.email',
    filter: 'claims.aud == "confluent"',
  });
  const token = await idpToken(idp);
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, poolId)),
    token,
  );
  expect(error.detail).toBe(
    `subject_token has no claims.email claim, which identity pool ${poolId} names as its identity claim`,
  );
  const numeric = await idpToken(idp, { email: 12345 });
  expect(
    (
      await refusalOf(
        await emulator.postForm(exchangeForm(numeric, poolId)),
        numeric,
      )
    ).detail,
  ).not.toContain('12345');
});

test('a token whose claims do not match the filter is refused, naming the condition but no claim value', async () => {
  const { emulator, idp, poolId } = await setUp();
  const token = await idpToken(idp, {
    aud: 'kafka-secret-audience',
    sub: 'svc-orders',
  });
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, poolId)),
    token,
  );
  expect(error.detail).toBe(
    `The token's claims do not match the filter of identity pool ${poolId}; not true: claims.aud == "confluent" (false)`,
  );
  expect(error.detail).not.toContain('kafka-secret-audience');

  const missing = await idpToken(idp, { aud: undefined, sub: 'batch' });
  const both = await refusalOf(
    await emulator.postForm(exchangeForm(missing, poolId)),
    missing,
  );
  expect(both.detail).toContain(
    'claims.aud == "confluent" (claims.aud is absent from the token); claims.sub.startsWith("svc-") (false)',
  );
});

test('a key the provider published after its keys were read is unknown until PATCH …/jwks refreshes them', async () => {
  const { emulator, idp, poolId, providerId } = await setUp();
  expect(
    (await emulator.postForm(exchangeForm(await idpToken(idp), poolId))).status,
  ).toBe(200);
  const rotated = await idp.issuer.keys.generate('RS256');
  const token = await idpToken(idp, {}, { kid: rotated.kid });
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, poolId)),
    token,
  );
  expect(error.detail).toMatch(
    new RegExp(
      `^subject_token is signed with key "${rotated.kid}", which is not among the keys of identity provider ${providerId}, fetched from ${idp.issuer.url!}/jwks at \\d{4}-.+Z\\. If the provider has rotated its keys since, PATCH /iam/v2/identity-providers/${providerId}/jwks refreshes them\\.$`,
    ),
  );

  const refresh = await emulator.call(
    'PATCH',
    `/iam/v2/identity-providers/${providerId}/jwks`,
    { body: { spec: { jwks_status: 'REFRESHED' } } },
  );
  expect(refresh.status).toBe(200);
  expect((await emulator.postForm(exchangeForm(token, poolId))).status).toBe(
    200,
  );
});

test('keys that cannot be fetched refuse the exchange, naming the provider, its jwks_uri and why', async () => {
  const { emulator, idp, poolId, providerId } = await setUp();
  const token = await idpToken(idp);
  const issuer = idp.issuer.url!;
  await idp.stop();
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, poolId)),
    token,
  );
  expect(error.detail).toBe(
    `The keys of identity provider ${providerId} could not be fetched from ${issuer}/jwks: the connection was refused`,
  );
});

test('a provider on a denied host cannot be read', async () => {
  const emulator = await stsEmulatorForTest({
    seed: 'demo',
    jwksDenyHosts: ['okta.com'],
  });
  const providers = (await (
    await emulator.call('GET', '/iam/v2/identity-providers?page_size=100')
  ).json()) as { data: { id: string; jwks_uri: string }[] };
  const okta = providers.data.find((each) => each.jwks_uri.includes('okta'))!;
  const [pool] = emulator.store.listPools(okta.id, { after: 0 }, 1).rows;
  const token = await new SignJWT({ sub: 'x' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k' })
    .setExpirationTime('5m')
    .sign(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const error = await refusalOf(
    await emulator.postForm(exchangeForm(token, pool!.id)),
    token,
  );
  expect(error.detail).toBe(
    `The keys of identity provider ${okta.id} could not be fetched from ${okta.jwks_uri}: acme.okta.com is unreachable from this emulator (EMULATOR_JWKS_DENY_HOSTS)`,
  );
});

test('the provider’s keys are read once and kept for the answer’s max-age, then read again', async () => {
  let clock = Date.now() * 1000;
  const emulator = await stsEmulatorForTest({}, { clock: () => clock });
  const idp = await startMockIdp();
  let reads = 0;
  idp.service.addRoute('GET', '/cached-jwks', (_request, response) => {
    reads += 1;
    response.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'public, max-age=600',
    });
    response.end(JSON.stringify({ keys: idp.issuer.keys.toJSON() }));
  });
  const { poolId } = await registerIdp(emulator, idp, {}, '/cached-jwks');
  const exchange = async () =>
    (await emulator.postForm(exchangeForm(await idpToken(idp), poolId))).status;
  const answers = await Promise.all([exchange(), exchange(), exchange()]);
  expect(answers).toEqual([200, 200, 200]);
  expect(reads).toBe(1);
  clock += 599 * 1_000_000;
  expect(await exchange()).toBe(200);
  expect(reads).toBe(1);
  clock += 2 * 1_000_000;
  expect(await exchange()).toBe(200);
  expect(reads).toBe(2);
});

test('a fault armed for /sts/ answers in place of the STS', async () => {
  const { emulator, idp, poolId } = await setUp();
  const armed = await emulator.call('POST', '/_emulator/faults', {
    body: { match: { path: '^/sts/' }, respond: { status: 500 }, times: 1 },
  });
  expect(armed.status).toBe(201);
  const form = exchangeForm(await idpToken(idp), poolId);
  expect((await emulator.postForm(form)).status).toBe(500);
  expect((await emulator.postForm(form)).status).toBe(200);
});

test('token exchanges are counted per client address: past the limit, 429 with Retry-After', async () => {
  const emulator = await stsEmulatorForTest({
    rateLimit: { limit: 2, windowSeconds: 60 },
  });
  const form = exchangeForm('a.b.c', 'pool-none');
  expect((await emulator.postForm(form)).status).toBe(400);
  expect((await emulator.postForm(form)).status).toBe(400);
  const limited = await emulator.postForm(form);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  const body = (await limited.json()) as { errors: { code: string }[] };
  expect(body.errors[0]!.code).toBe('too_many_requests');
});

test('neither the subject token nor the access token reaches a response body or the emulator’s log', async () => {
  const { emulator, idp, poolId } = await setUp();
  const good = await idpToken(idp);
  const granted = await emulator.postForm(exchangeForm(good, poolId));
  const { access_token: accessToken } = (await granted.json()) as {
    access_token: string;
  };
  const refusedTokens = [
    await idpToken(idp, { aud: 'other' }),
    await idpToken(idp, { iss: 'https://elsewhere.example' }),
    'garbage-token-that-is-not-a-jwt',
  ];
  for (const token of refusedTokens) {
    const response = await emulator.postForm(exchangeForm(token, poolId));
    expectNoPartOf(await response.text(), token);
  }
  const log = emulator.logs.join('\n');
  expect(log).toContain('sts: token exchanged');
  for (const token of [good, accessToken, ...refusedTokens]) {
    expectNoPartOf(log, token);
  }
});
