import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { AUTH_API, type SessionInfo } from '#contract/auth.ts';
import type { AuthConfig } from './config.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import { testLocation, testStore } from './store/test-stores.ts';
import {
  ADMIN_PASSWORD,
  passwordAuth,
  rawRequest,
  signIn,
  startFakeUpstream,
  startTestServer,
  VIEWER_PASSWORD,
  type RawResponse,
} from './test-helpers.ts';

let auth: AuthConfig;

beforeAll(async () => {
  auth = await passwordAuth();
});

async function setup(
  options: Partial<Parameters<typeof startTestServer>[1]> = {},
) {
  const upstream = await startFakeUpstream();
  // A given store belongs to the test (a replica's, on a shared database).
  const store = options.store ?? (await LifeguardStore.open(IN_MEMORY_SQLITE));
  const server = await startTestServer(upstream.url, {
    auth,
    store,
    ...options,
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
    if (!options.store) await store.close();
  });
  return { upstream, server, store };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function login(port: number, username: string, password: string) {
  return rawRequest(port, 'POST', AUTH_API.login, {
    headers: JSON_HEADERS,
    body: JSON.stringify({ username, password }),
  });
}

function sessionCookie(response: RawResponse): string {
  const header = response.headers['set-cookie']?.find((cookie) =>
    cookie.startsWith('lifeguard_session='),
  );
  if (!header) throw new Error(`no session cookie (status ${response.status})`);
  return header.split(';')[0]!;
}

async function session(port: number, cookie?: string): Promise<SessionInfo> {
  const response = await rawRequest(port, 'GET', AUTH_API.session, {
    headers: cookie ? { cookie } : {},
  });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as SessionInfo;
}

const PROVIDERS = '/api/iam/v2/identity-providers';

test('signed out, the API answers 401 and only the session route says who is there', async () => {
  const { server, upstream } = await setup();
  expect(await session(server.port)).toEqual({ mode: 'password', user: null });
  const response = await rawRequest(server.port, 'GET', PROVIDERS);
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body).errors[0]).toMatchObject({
    code: 'unauthenticated',
    detail: 'Sign in to use Lifeguard.',
  });
  expect(upstream.requests).toEqual([]);
});

test('a correct password signs in with an HttpOnly, SameSite=Strict cookie', async () => {
  const { server, upstream } = await setup();
  const response = await login(server.port, 'alice', ADMIN_PASSWORD);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toEqual({
    mode: 'password',
    user: { id: 'alice', name: 'alice', role: 'admin' },
  });
  const header = response.headers['set-cookie']![0]!;
  expect(header).toMatch(/HttpOnly/i);
  expect(header).toMatch(/SameSite=Strict/i);
  expect(header).toMatch(/Path=\//);
  expect(header).not.toMatch(/Secure/i);
  const cookie = sessionCookie(response);
  expect((await session(server.port, cookie)).user?.role).toBe('admin');
  const list = await rawRequest(server.port, 'GET', PROVIDERS, {
    headers: { cookie },
  });
  expect(list.status).toBe(200);
  expect(upstream.requests).toHaveLength(1);
});

test.each([
  ['a wrong password', 'alice', 'not-the-password'],
  ['an unknown user', 'mallory', ADMIN_PASSWORD],
  ['a case-changed name', 'Alice', ADMIN_PASSWORD],
])(
  '%s gets the same generic 401 and no cookie',
  async (_name, username, password) => {
    const { server } = await setup();
    const response = await login(server.port, username, password);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).errors[0].detail).toBe(
      'Incorrect username or password.',
    );
    expect(response.headers['set-cookie']).toBeUndefined();
  },
);

test('a missing field is a 400 that says what to give', async () => {
  const { server } = await setup();
  const response = await rawRequest(server.port, 'POST', AUTH_API.login, {
    headers: JSON_HEADERS,
    body: JSON.stringify({ username: 'alice' }),
  });
  expect(response.status).toBe(400);
  expect(JSON.parse(response.body).errors[0].detail).toBe(
    'Give a username and a password.',
  );
});

test('five failures lock the user for a while, even with the right password, and say when to retry', async () => {
  const { server } = await setup();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    expect((await login(server.port, 'alice', 'wrong')).status).toBe(401);
  }
  const locked = await login(server.port, 'alice', ADMIN_PASSWORD);
  expect(locked.status).toBe(429);
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  expect(JSON.parse(locked.body).errors[0].detail).toMatch(
    /Too many failed sign-ins\. Try again in \d+ minutes?\./,
  );
  // Another user from the same address is not locked out by alice's.
  expect((await login(server.port, 'victor', VIEWER_PASSWORD)).status).toBe(
    200,
  );
});

test('twenty failures from one address lock that address for every name', async () => {
  const { server } = await setup();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await login(server.port, `guess-${attempt}`, 'wrong');
  }
  expect((await login(server.port, 'victor', VIEWER_PASSWORD)).status).toBe(
    429,
  );
});

test('every sign-in gets a new session id and the one the browser brought is ended', async () => {
  const { server } = await setup();
  const first = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  const second = sessionCookie(
    await rawRequest(server.port, 'POST', AUTH_API.login, {
      headers: { ...JSON_HEADERS, cookie: first },
      body: JSON.stringify({ username: 'alice', password: ADMIN_PASSWORD }),
    }),
  );
  expect(second).not.toBe(first);
  expect((await session(server.port, first)).user).toBeNull();
  expect((await session(server.port, second)).user?.id).toBe('alice');
});

test('a planted or made-up session id is not a session', async () => {
  const { server } = await setup();
  const response = await rawRequest(server.port, 'GET', PROVIDERS, {
    headers: { cookie: 'lifeguard_session=made-up-value' },
  });
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body).errors[0].detail).toBe(
    'Your session has ended; sign in again.',
  );
});

test('logout ends the session and clears the cookie', async () => {
  const { server } = await setup();
  const cookie = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  const response = await rawRequest(server.port, 'POST', AUTH_API.logout, {
    headers: { cookie },
  });
  expect(response.status).toBe(204);
  expect(response.headers['set-cookie']![0]).toMatch(
    /^lifeguard_session=;.*Expires=Thu, 01 Jan 1970/,
  );
  expect((await session(server.port, cookie)).user).toBeNull();
});

test('login and logout refuse cross-site requests like every write', async () => {
  const { server } = await setup();
  for (const path of [AUTH_API.login, AUTH_API.logout]) {
    const response = await rawRequest(server.port, 'POST', path, {
      headers: { ...JSON_HEADERS, 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ username: 'alice', password: ADMIN_PASSWORD }),
    });
    expect(response.status, path).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  }
});

test('an idle session ends after the idle timeout', async () => {
  const { server } = await setup({ session: { idleMs: 30, maxMs: 60_000 } });
  const cookie = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect((await session(server.port, cookie)).user).toBeNull();
});

test('a busy session still ends at the absolute timeout', async () => {
  const { server } = await setup({ session: { idleMs: 60_000, maxMs: 120 } });
  const cookie = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  const started = Date.now();
  while (Date.now() - started < 80) {
    expect((await session(server.port, cookie)).user).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect((await session(server.port, cookie)).user).toBeNull();
});

const WRITES: [string, string, string | undefined][] = [
  ['POST', PROVIDERS, '{"display_name":"x"}'],
  ['PATCH', `${PROVIDERS}/op-1`, '{"description":"x"}'],
  ['DELETE', `${PROVIDERS}/op-1`, undefined],
  ['PATCH', `${PROVIDERS}/op-1/jwks`, '{}'],
  ['POST', `${PROVIDERS}/op-1/identity-pools`, '{"display_name":"x"}'],
  ['PATCH', `${PROVIDERS}/op-1/identity-pools/pool-1`, '{"filter":"true"}'],
  ['DELETE', `${PROVIDERS}/op-1/identity-pools/pool-1`, undefined],
  [
    'POST',
    '/api/lifeguard/providers/op-1/pools/pool-1/test-cases',
    '{"name":"t","claims":{},"expected":"match"}',
  ],
  [
    'DELETE',
    '/api/lifeguard/providers/op-1/pools/pool-1/test-cases/tc-1',
    undefined,
  ],
];

test.each(WRITES)(
  "a viewer's %s %s is refused with 403, never forwarded, and recorded",
  async (method, path, body) => {
    const { server, upstream, store } = await setup();
    const cookie = await signIn(server.port, 'victor', VIEWER_PASSWORD);
    const response = await rawRequest(server.port, method, path, {
      headers: { cookie, ...(body ? JSON_HEADERS : {}) },
      ...(body ? { body } : {}),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).errors[0].code).toBe('forbidden_role');
    expect(upstream.requests).toEqual([]);
    const [entry] = await store.auditLog.list({}, 10);
    expect(entry).toMatchObject({
      actor: { id: 'victor', role: 'viewer', mode: 'password' },
      method,
      target: path,
      outcome: 'denied',
      status: 403,
      requestId: response.headers['x-request-id'],
    });
  },
);

test.each(WRITES)(
  "an admin's %s %s is forwarded and recorded",
  async (method, path, body) => {
    const { server, store } = await setup();
    const cookie = await signIn(server.port, 'alice', ADMIN_PASSWORD);
    const response = await rawRequest(server.port, method, path, {
      headers: { cookie, ...(body ? JSON_HEADERS : {}) },
      ...(body ? { body } : {}),
    });
    expect(response.status).not.toBe(403);
    expect(response.status).not.toBe(401);
    const [entry] = await store.auditLog.list({}, 10);
    expect(entry).toMatchObject({
      actor: { id: 'alice', role: 'admin' },
      method,
      target: path,
      status: response.status,
    });
  },
);

test('a viewer can read and use the token tester routes', async () => {
  const { server } = await setup();
  const cookie = await signIn(server.port, 'victor', VIEWER_PASSWORD);
  for (const path of [
    PROVIDERS,
    `${PROVIDERS}/op-1/identity-pools/pool-1`,
    '/api/lifeguard/providers/op-1/pools/pool-1/test-cases',
    '/api/lifeguard/audit?provider_id=op-1&pool_id=pool-1',
  ]) {
    const response = await rawRequest(server.port, 'GET', path, {
      headers: { cookie },
    });
    expect(response.status, path).toBe(200);
  }
});

test('behind a trusted proxy that says https, cookies are Secure and __Host- and HSTS is sent', async () => {
  const { server } = await setup({ trustProxy: ['127.0.0.1'] });
  const response = await rawRequest(server.port, 'POST', AUTH_API.login, {
    headers: { ...JSON_HEADERS, 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ username: 'alice', password: ADMIN_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const header = response.headers['set-cookie']![0]!;
  expect(header).toMatch(/^__Host-lifeguard_session=/);
  expect(header).toMatch(/; Secure/);
  expect(response.headers['strict-transport-security']).toBe(
    'max-age=31536000',
  );
});

test('without a trusted proxy, X-Forwarded-Proto is ignored', async () => {
  const { server } = await setup();
  const response = await rawRequest(server.port, 'POST', AUTH_API.login, {
    headers: { ...JSON_HEADERS, 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ username: 'alice', password: ADMIN_PASSWORD }),
  });
  expect(response.headers['set-cookie']![0]).toMatch(/^lifeguard_session=/);
  expect(response.headers['strict-transport-security']).toBeUndefined();
});

test('no password, hash or session id reaches the log', async () => {
  const { server } = await setup();
  const cookie = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  await login(server.port, 'alice', 'wrong-password-Zx9');
  await login(server.port, ADMIN_PASSWORD, ADMIN_PASSWORD);
  await rawRequest(server.port, 'GET', PROVIDERS, { headers: { cookie } });
  const log = server.logs.join('');
  expect(log).toContain('signed in');
  expect(log).toContain('sign-in failed');
  for (const secret of [
    ADMIN_PASSWORD,
    'wrong-password-Zx9',
    cookie.split('=')[1]!,
    'scrypt$',
  ]) {
    expect(log).not.toContain(secret);
  }
});

test('in mode none every caller is the local admin and login says there is no sign-in', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  expect(await session(server.port)).toEqual({
    mode: 'none',
    user: { id: 'local', name: 'Local user', role: 'admin' },
  });
  const response = await login(server.port, 'alice', ADMIN_PASSWORD);
  expect(response.status).toBe(409);
});

test('a 401, a failed sign-in and a rate-limited one carry the security headers too', async () => {
  const { server } = await setup();
  const responses = [
    await rawRequest(server.port, 'GET', PROVIDERS),
    await login(server.port, 'alice', 'wrong'),
  ];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    responses.push(await login(server.port, 'alice', 'wrong'));
  }
  expect(responses.map((response) => response.status)).toContain(429);
  for (const response of responses) {
    expect(response.headers['content-security-policy']).toContain(
      "script-src 'self'",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  }
});

test('replicas on one database are one sign-in: a session works on each, failures add up, sign-out ends it on both', async () => {
  const database = await testLocation('postgres');
  const replicas = [
    await setup({ store: await testStore('postgres', database) }),
    await setup({ store: await testStore('postgres', database) }),
  ].map(({ server }) => server.port);
  const [first, second] = replicas as [number, number];

  const cookie = await signIn(first, 'alice', ADMIN_PASSWORD);
  for (const port of [second, first, second]) {
    expect((await session(port, cookie)).user?.id).toBe('alice');
  }

  // Five failures, spread over both, lock Victor out of both.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = replicas[attempt % 2]!;
    expect((await login(port, 'victor', 'wrong')).status).toBe(401);
  }
  for (const port of replicas) {
    expect((await login(port, 'victor', VIEWER_PASSWORD)).status).toBe(429);
  }

  const out = await rawRequest(second, 'POST', AUTH_API.logout, {
    headers: { cookie },
  });
  expect(out.status).toBe(204);
  expect((await session(first, cookie)).user).toBeNull();
});
