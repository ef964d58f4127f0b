import { expect, test } from 'vitest';
import { emulatorForTest, json } from './test-fixture.ts';
import { basicAuth } from './test-server.ts';

const PROVIDERS = '/iam/v2/identity-providers';

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
