import { expect, onTestFinished, test } from 'vitest';
import { CSRF_HEADER } from '#contract/lifeguard-api.ts';
import { STS_CHECK_API } from '#contract/sts-check.ts';
import { startTestEmulator } from '../emulator/test-server.ts';
import { basicCredentials } from './credentials.ts';
import {
  ADMIN_PASSWORD,
  passwordAuth,
  reservePort,
  signIn,
  startFakeUpstream,
  startTestServer,
  VIEWER_PASSWORD,
} from './test-helpers.ts';
import { testIdpToken } from '../emulator/test-idp/client-token.ts';

// The console's "ask the emulator's STS" goes through this route to the
// embedded emulator's real STS; it must never carry a token anywhere else,
// nor let one out again.

const KEYLESS_POOL = 'Lifeguard console (keyless)';
const TEST_IDP_ISSUER = 'https://idp.lifeguard.test';

function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}${STS_CHECK_API}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function overEmulator(options: { signIn?: boolean } = {}) {
  const emulator = await startTestEmulator();
  const server = await startTestServer(emulator.url, {
    label: 'emulator',
    credentials: basicCredentials(
      emulator.config.apiKey,
      emulator.config.apiSecret,
    ),
    ...(options.signIn ? { auth: await passwordAuth() } : {}),
  });
  onTestFinished(async () => {
    await server.close();
    await emulator.close();
  });
  return { emulator, server };
}

type Listed = { data: { id: string; issuer?: string; display_name: string }[] };

/** The keyless pool of the test IdP, and a pool of another provider. */
async function demoPools(url: string) {
  const list = async (path: string) =>
    ((await (await fetch(`${url}/api${path}`)).json()) as Listed).data;
  const providers = await list('/iam/v2/identity-providers?page_size=100');
  const testIdp = providers.find((each) => each.issuer === TEST_IDP_ISSUER);
  const other = providers.find((each) => each.issuer !== TEST_IDP_ISSUER);
  expect(testIdp, 'the demo seed has the test IdP').toBeDefined();
  const pools = await list(
    `/iam/v2/identity-providers/${testIdp!.id}/identity-pools?page_size=100`,
  );
  const keyless = pools.find((pool) => pool.display_name === KEYLESS_POOL);
  expect(keyless, KEYLESS_POOL).toBeDefined();
  const [otherPool] = await list(
    `/iam/v2/identity-providers/${other!.id}/identity-pools?page_size=1`,
  );
  return { keyless: keyless!.id, otherPool: otherPool!.id };
}

test('with Confluent (or any upstream but the embedded emulator) the route does not exist', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    label: 'confluent-cloud',
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const response = await post(server.url, {
    identity_pool_id: 'pool-AzXR',
    subject_token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
  });
  expect(response.status).toBe(404);
  expect(await response.text()).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  // Nothing went upstream: a token is never sent to Confluent's STS.
  expect(upstream.requests).toEqual([]);
});

test('bad bodies are refused with a 400 naming the field, never quoting the token', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, { label: 'emulator' });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const secret = 'eyJzZWNyZXQiOiJ0b2tlbiJ9';
  const cases: [unknown, string, string | undefined][] = [
    [{}, 'identity_pool_id is required', '/identity_pool_id'],
    [
      { identity_pool_id: 'op-1', subject_token: secret },
      'identity_pool_id must be a pool id',
      '/identity_pool_id',
    ],
    [
      { identity_pool_id: 'pool-AzXR' },
      'subject_token is required',
      '/subject_token',
    ],
    [
      { identity_pool_id: 'pool-AzXR', subject_token: '' },
      'subject_token must not be empty',
      '/subject_token',
    ],
    [
      { identity_pool_id: 'pool-AzXR', subject_token: secret.repeat(700) },
      'subject_token must be at most 16 KiB',
      '/subject_token',
    ],
    [[secret], 'Send a JSON object', undefined],
    [`{"subject_token":"${secret}"`, 'not valid JSON', undefined],
  ];
  for (const [body, message, pointer] of cases) {
    const response = await post(server.url, body);
    const text = await response.text();
    expect(response.status, text).toBe(400);
    const [first] = (
      JSON.parse(text) as {
        errors: {
          code: string;
          detail: string;
          source?: { pointer: string };
        }[];
      }
    ).errors;
    expect(first!.detail).toContain(message);
    expect(first!.source?.pointer).toBe(pointer);
    expect(text).not.toContain(secret);
  }
  expect(upstream.requests).toEqual([]);
  expect(server.logs.join('\n')).not.toContain(secret);
});

test('it needs a session like other signed-in routes, a viewer may use it, and a write needs the CSRF header', async () => {
  const { server } = await overEmulator({ signIn: true });
  const body = {
    identity_pool_id: 'pool-AzXR',
    subject_token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
  };
  const anonymous = await post(server.url, body);
  expect(anonymous.status).toBe(401);
  const viewer = await signIn(server.port, 'victor', VIEWER_PASSWORD);
  const withoutCsrf = await fetch(`${server.url}${STS_CHECK_API}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: viewer },
    body: JSON.stringify(body),
  });
  expect(withoutCsrf.status).toBe(403);
  const tested = await post(server.url, body, { cookie: viewer });
  expect(tested.status).toBe(200);
  expect(await tested.json()).toMatchObject({ exchanged: false });
  // Testing a token changes nothing: the audit log has no entry for it.
  const admin = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  const audit = await fetch(`${server.url}/api/lifeguard/audit`, {
    headers: { cookie: admin },
  });
  expect(((await audit.json()) as { data: unknown[] }).data).toEqual([]);
});

test('the emulator’s STS exchanges a test-IdP token for its pool and refuses it elsewhere; neither token is answered or logged', async () => {
  const { emulator, server } = await overEmulator();
  const token = await testIdpToken(emulator.url);
  const { keyless, otherPool } = await demoPools(server.url);

  const exchanged = await post(server.url, {
    identity_pool_id: keyless,
    subject_token: token,
  });
  const exchangedText = await exchanged.text();
  expect(exchanged.status, exchangedText).toBe(200);
  expect(JSON.parse(exchangedText)).toEqual({
    exchanged: true,
    expiresIn: 60,
  });

  const elsewhere = await post(server.url, {
    identity_pool_id: otherPool,
    subject_token: token,
  });
  const elsewhereBody = (await elsewhere.json()) as {
    exchanged: boolean;
    status: number;
    reason: string;
  };
  expect(elsewhereBody).toMatchObject({ exchanged: false, status: 400 });
  expect(elsewhereBody.reason.length).toBeGreaterThan(10);

  // The same token with another signature: the STS checks it, the console
  // cannot.
  const [header, payload] = token.split('.');
  const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
  const refused = await post(server.url, {
    identity_pool_id: keyless,
    subject_token: forged,
  });
  const refusedText = await refused.text();
  expect(JSON.parse(refusedText)).toMatchObject({
    exchanged: false,
    status: 400,
  });
  expect(refusedText).toMatch(/signature/i);

  for (const text of [
    exchangedText,
    JSON.stringify(elsewhereBody),
    refusedText,
  ]) {
    expect(text).not.toContain('access_token');
    expect(text).not.toContain(token);
    expect(text).not.toContain(payload);
  }
  const logs = server.logs.join('\n');
  expect(logs).toContain('STS check');
  expect(logs).not.toContain(payload);
  // Neither the subject token nor the issued one (both JWTs) is logged.
  expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(logs).not.toContain('access_token');
});

test('an emulator that cannot be reached gives a 502 in Lifeguard’s error shape', async () => {
  const closed = await reservePort();
  const server = await startTestServer(`http://127.0.0.1:${closed}`, {
    label: 'emulator',
  });
  onTestFinished(() => server.close());
  const response = await post(server.url, {
    identity_pool_id: 'pool-AzXR',
    subject_token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
  });
  expect(response.status).toBe(502);
  const body = (await response.json()) as {
    errors: { code: string; detail: string; id: string }[];
  };
  expect(body.errors[0]).toMatchObject({ code: 'upstream_unreachable' });
  expect(body.errors[0]!.detail).toContain('emulator’s STS');
  expect(body.errors[0]!.id).toBe(response.headers.get('x-request-id'));
  expect(JSON.stringify(body)).not.toContain('eyJhbGciOiJSUzI1NiJ9');
});
