import { expect, onTestFinished, test } from 'vitest';
import { systemClock } from './clock.ts';
import { emulatorForTest, json } from './test-fixture.ts';
import {
  bearerFor,
  createPool,
  grant,
  poolsOf,
} from './testing/pool-tokens.ts';
import {
  basicAuth,
  startTestEmulator,
  type TestEmulator,
} from './test-server.ts';

const PROVIDERS = '/iam/v2/identity-providers';

function orgCrn(emulator: TestEmulator): string {
  return `crn://confluent.cloud/organization=${emulator.config.orgId}`;
}

test('a request without credentials gets 401 with a challenge and a Failure body', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('GET', PROVIDERS, { auth: null });
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(
    /^Basic error="invalid_key"/,
  );
  expect(response.headers.get('x-request-id')).toBeTruthy();
  const body = await json(response);
  expect(body.errors?.[0]).toMatchObject({
    status: '401',
    code: 'user_unauthenticated',
  });
});

test('a wrong secret or an unknown key is refused', async () => {
  const emulator = await emulatorForTest();
  const { apiKey, apiSecret } = emulator.config;
  for (const auth of [
    basicAuth(apiKey, `${apiSecret}x`),
    basicAuth('SOMEOTHERKEY', apiSecret),
    basicAuth(apiKey, ''),
    'Basic not-base64-at-all',
    'Digest abc',
  ]) {
    const response = await emulator.call('GET', PROVIDERS, { auth });
    expect(response.status, auth).toBe(401);
  }
});

test('the configured key and secret are accepted over HTTP Basic', async () => {
  const emulator = await emulatorForTest({
    apiKey: 'MYKEY123',
    apiSecret: 's3cret-value',
  });
  const ok = await emulator.call('GET', PROVIDERS, {
    auth: basicAuth('MYKEY123', 's3cret-value'),
  });
  expect(ok.status).toBe(200);
});

test('Bearer tokens from the configured list are accepted, others refused', async () => {
  const emulator = await emulatorForTest({
    bearerTokens: ['token-one', 'token-two'],
  });
  expect(
    (await emulator.call('GET', PROVIDERS, { auth: 'Bearer token-two' }))
      .status,
  ).toBe(200);
  const refused = await emulator.call('GET', PROVIDERS, {
    auth: 'Bearer token-three',
  });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toMatch(
    /^Bearer error="invalid_token"/,
  );
});

test('every response carries X-Request-Id, echoing a well-formed one from the client', async () => {
  const emulator = await emulatorForTest();
  const echoed = await emulator.call('GET', PROVIDERS, {
    headers: { 'x-request-id': 'trace-123' },
  });
  expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  const generated = await emulator.call('GET', `${PROVIDERS}/op-missing`);
  expect(generated.status).toBe(404);
  expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const unknownRoute = await emulator.call('GET', '/nope');
  expect(unknownRoute.headers.get('x-request-id')).toBeTruthy();
  const hostile = await emulator.call('GET', PROVIDERS, {
    headers: { 'x-request-id': 'bad id\twith spaces' },
  });
  expect(hostile.headers.get('x-request-id')).not.toContain(' ');
});

test('an access token of the STS authenticates as its pool, whose role bindings decide', async () => {
  const emulator = await emulatorForTest();
  const pool = await createPool(emulator, 'sts-admin');
  await grant(emulator, pool.principal, 'OrganizationAdmin', orgCrn(emulator));
  const auth = await bearerFor(emulator, pool);
  const response = await emulator.call('GET', PROVIDERS, { auth });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-ratelimit-limit')).toBeTruthy();
});

test('an expired access token is a 401 whose challenge and body say so', async () => {
  let now = systemClock();
  const emulator = await startTestEmulator({}, { clock: () => now });
  onTestFinished(() => emulator.close());
  const pool = await createPool(emulator, 'sts-expiring');
  await grant(emulator, pool.principal, 'OrganizationAdmin', orgCrn(emulator));
  const auth = await bearerFor(emulator, pool, 60);
  expect((await emulator.call('GET', PROVIDERS, { auth })).status).toBe(200);
  now += 61_000_000;
  const expired = await emulator.call('GET', PROVIDERS, { auth });
  expect(expired.status).toBe(401);
  expect(expired.headers.get('www-authenticate')).toBe(
    'Bearer error="invalid_token", error_description="The access token expired"',
  );
  const body = await json(expired);
  expect(body.errors?.[0]).toMatchObject({
    status: '401',
    code: 'user_unauthenticated',
  });
  expect(body.errors?.[0]?.detail).toMatch(/expired/);
  expect(body.errors?.[0]?.detail).toContain('/sts/v1/oauth2/token');
  expect(JSON.stringify(body)).not.toContain(auth.slice('Bearer '.length));
});

test('a tampered or foreign access token is a 401', async () => {
  const emulator = await emulatorForTest();
  const pool = await createPool(emulator, 'sts-tampered');
  await grant(emulator, pool.principal, 'OrganizationAdmin', orgCrn(emulator));
  const token = (await bearerFor(emulator, pool)).slice('Bearer '.length);
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(
    Buffer.from(payload, 'base64url').toString('utf8'),
  ) as Record<string, unknown>;
  const forged = Buffer.from(
    JSON.stringify({ ...claims, sub: 'pool-other' }),
  ).toString('base64url');
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('A') ? 'B' : 'A'}${signature.slice(-1)}`;
  const other = await emulatorForTest();
  const foreign = await bearerFor(other, pool);
  for (const auth of [
    `Bearer ${header}.${forged}.${signature}`,
    `Bearer ${header}.${payload}.${flipped}`,
    foreign,
  ]) {
    const response = await emulator.call('GET', PROVIDERS, { auth });
    expect(response.status, auth).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer error="invalid_token"/,
    );
  }
});

test("a deleted pool's access token is a 401", async () => {
  const emulator = await emulatorForTest();
  const pool = await createPool(emulator, 'sts-deleted');
  await grant(emulator, pool.principal, 'OrganizationAdmin', orgCrn(emulator));
  const auth = await bearerFor(emulator, pool);
  expect((await emulator.call('GET', PROVIDERS, { auth })).status).toBe(200);
  const deleted = await emulator.call(
    'DELETE',
    `${poolsOf(pool.providerId)}/${pool.id}`,
  );
  expect(deleted.status).toBe(204);
  const refused = await emulator.call('GET', PROVIDERS, { auth });
  expect(refused.status).toBe(401);
  expect((await json(refused)).errors?.[0]?.detail).toContain(
    `identity pool ${pool.id}, which no longer exists`,
  );
});

test('the API key and static Bearer tokens keep full rights beside pool tokens', async () => {
  const emulator = await emulatorForTest({ bearerTokens: ['static-admin'] });
  const pool = await createPool(emulator, 'sts-nothing');
  const poolAuth = await bearerFor(emulator, pool);
  expect(
    (await emulator.call('GET', PROVIDERS, { auth: poolAuth })).status,
  ).toBe(403);
  for (const auth of [undefined, 'Bearer static-admin']) {
    const created = await emulator.call('POST', poolsOf(pool.providerId), {
      auth,
      body: {
        display_name: `by ${auth ?? 'key'}`,
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    });
    expect(created.status, auth).toBe(201);
  }
});

test("the rate limit counts per pool: a pool's tokens share one budget", async () => {
  // Room for the API key's own setup calls, which count apart.
  const limit = 8;
  const emulator = await emulatorForTest({
    rateLimit: { limit, windowSeconds: 60 },
  });
  const first = await createPool(emulator, 'sts-limited');
  const second = await createPool(emulator, 'sts-other');
  for (const pool of [first, second]) {
    await grant(
      emulator,
      pool.principal,
      'OrganizationAdmin',
      orgCrn(emulator),
    );
  }
  const tokens = [
    await bearerFor(emulator, first),
    await bearerFor(emulator, first, 600),
  ];
  for (let i = 0; i < limit; i += 1) {
    const auth = tokens[i % 2];
    expect((await emulator.call('GET', PROVIDERS, { auth })).status).toBe(200);
  }
  const limited = await emulator.call('GET', PROVIDERS, { auth: tokens[0] });
  expect(limited.status).toBe(429);
  const otherPool = await emulator.call('GET', PROVIDERS, {
    auth: await bearerFor(emulator, second),
  });
  expect(otherPool.status).toBe(200);
  expect((await emulator.call('GET', PROVIDERS)).status).toBe(200);
});
