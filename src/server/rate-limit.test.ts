import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { AUTH_API } from '#contract/auth.ts';
import type { AuthConfig } from './config.ts';
import { hashPassword } from './passwords.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import { testLocation, testStore } from './store/test-stores.ts';
import {
  rawRequest,
  startFakeUpstream,
  startTestServer,
  type RawResponse,
} from './test-helpers.ts';
import { parseUsers } from './users.ts';

const PROVIDERS = '/api/iam/v2/identity-providers';
// What Confluent says about the organisation's budget; Lifeguard must not
// touch it.
const UPSTREAM_BUDGET = {
  'x-ratelimit-limit': '10000',
  'x-ratelimit-remaining': '9876',
  'x-ratelimit-reset': '42',
};

async function setup(
  options: Partial<Parameters<typeof startTestServer>[1]> = {},
) {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      ...UPSTREAM_BUDGET,
    });
    response.end('{"data":[]}');
  });
  const server = await startTestServer(upstream.url, {
    apiRateLimit: { max: 3, windowSeconds: 60 },
    ...options,
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { upstream, server };
}

function rateLimitHeaders(response: RawResponse) {
  return Object.fromEntries(
    Object.entries(response.headers).filter(([name]) =>
      /ratelimit/i.test(name),
    ),
  );
}

test('over its budget a client gets 429 with Retry-After, and the upstream is not called', async () => {
  const { server, upstream } = await setup();
  for (let i = 0; i < 3; i++) {
    expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(200);
  }
  const limited = await rawRequest(server.port, 'GET', PROVIDERS);
  expect(limited.status).toBe(429);
  const requestId = limited.headers['x-request-id'];
  const retryAfter = Number(limited.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // Retry-After only: X-RateLimit-* would pass for the upstream's budget.
  expect(rateLimitHeaders(limited)).toEqual({});
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(limited.headers['content-security-policy']).toBeTruthy();
  expect(JSON.parse(limited.body)).toEqual({
    errors: [
      {
        id: requestId,
        status: '429',
        code: 'lifeguard_rate_limited',
        title: 'Too Many Requests',
        detail: `You have made more than 3 requests in 60 s through Lifeguard, which keeps each user to that so no one uses up the organisation's Confluent API budget. Try again in ${retryAfter} s.`,
      },
    ],
  });
  // Writes count too, and are refused before anything is forwarded.
  const write = await rawRequest(server.port, 'POST', PROVIDERS, {
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(write.status).toBe(429);
  expect(upstream.requests).toHaveLength(3);
});

test('under the limit the upstream’s X-RateLimit-* headers pass through untouched', async () => {
  const { server } = await setup();
  for (let i = 0; i < 3; i++) {
    const response = await rawRequest(server.port, 'GET', PROVIDERS);
    expect(response.status).toBe(200);
    expect(rateLimitHeaders(response)).toEqual(UPSTREAM_BUDGET);
    expect(response.headers['retry-after']).toBeUndefined();
  }
});

test('without sign-in each address has its own budget', async () => {
  const { server } = await setup();
  for (let i = 0; i < 3; i++) await rawRequest(server.port, 'GET', PROVIDERS);
  expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(429);
  const other = await rawRequest(server.port, 'GET', PROVIDERS, {
    localAddress: '127.0.0.2',
  });
  expect(other.status).toBe(200);
});

test('the budget waits out Retry-After and then serves again', async () => {
  const { server } = await setup({
    apiRateLimit: { max: 1, windowSeconds: 1 },
  });
  expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(200);
  const limited = await rawRequest(server.port, 'GET', PROVIDERS);
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBe('1');
  await new Promise((resolve) => setTimeout(resolve, 1_050));
  expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(200);
});

test('health, readiness and the console are not limited; signing out always works', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'lifeguard-dist-'));
  onTestFinished(() => rmSync(dist, { recursive: true, force: true }));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dist, 'app.js'), 'console.log(1)');
  const { server } = await setup({
    distDir: dist,
    apiRateLimit: { max: 1, windowSeconds: 60 },
  });
  for (let i = 0; i < 5; i++) {
    for (const path of ['/healthz', '/readyz', '/', '/app.js', '/pools/x']) {
      const response = await rawRequest(server.port, 'GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers['retry-after'], path).toBeUndefined();
    }
  }
  expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(200);
  expect((await rawRequest(server.port, 'GET', PROVIDERS)).status).toBe(429);
  expect(
    (await rawRequest(server.port, 'GET', '/api/lifeguard/audit')).status,
  ).toBe(429);
  expect((await rawRequest(server.port, 'POST', AUTH_API.logout)).status).toBe(
    204,
  );
});

let auth: AuthConfig;
const PASSWORD = 'password-for-rate-limit-9Xq';

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  const users = parseUsers(`alice:admin:${hash},bob:viewer:${hash}`);
  if (!users.ok) throw new Error(users.error);
  auth = { mode: 'password', users: users.users };
});

async function signIn(port: number, username: string): Promise<string> {
  const response = await rawRequest(port, 'POST', AUTH_API.login, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = response.headers['set-cookie']?.[0]?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

test('signed-in users each have their own budget, wherever they call from', async () => {
  const store = await LifeguardStore.open(IN_MEMORY_SQLITE);
  onTestFinished(() => store.close());
  const { server } = await setup({ auth, store });
  // Two sign-ins from one address: 2 of that address's 3.
  const alice = await signIn(server.port, 'alice');
  const bob = await signIn(server.port, 'bob');
  const get = (cookie: string, localAddress?: string) =>
    rawRequest(server.port, 'GET', PROVIDERS, {
      headers: { cookie },
      ...(localAddress ? { localAddress } : {}),
    });
  for (let i = 0; i < 3; i++) expect((await get(alice)).status).toBe(200);
  expect((await get(alice)).status).toBe(429);
  // Another machine does not give Alice a fresh budget…
  expect((await get(alice, '127.0.0.3')).status).toBe(429);
  // …and Alice's use does not spend Bob's, on the same address.
  for (let i = 0; i < 3; i++) expect((await get(bob)).status).toBe(200);
  expect((await get(bob)).status).toBe(429);
});

test('replicas on one database share each client’s budget instead of granting one each', async () => {
  const database = await testLocation('postgres');
  const replicas = [
    await setup({ store: await testStore('postgres', database) }),
    await setup({ store: await testStore('postgres', database) }),
  ].map(({ server }) => server.port);
  // 3 a minute through either: the fourth, on whichever replica, is refused.
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    statuses.push(
      (await rawRequest(replicas[i % 2]!, 'GET', PROVIDERS)).status,
    );
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
  expect((await rawRequest(replicas[0]!, 'GET', PROVIDERS)).status).toBe(429);
});
