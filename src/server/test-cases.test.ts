import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { LIFEGUARD_API } from '#contract/test-cases.ts';
import { createServer } from './app.ts';
import { basicCredentials } from './credentials.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { startFakeUpstream, type FakeUpstream } from './test-helpers.ts';

async function serverWithStore(
  file: string,
  options: {
    upstream?: FakeUpstream;
    testCaseLimits?: { perPool: number; total: number };
  } = {},
) {
  const upstream = options.upstream ?? (await startFakeUpstream());
  const store = await LifeguardStore.open({ dialect: 'sqlite', file });
  const app = createServer({
    ...(options.testCaseLimits
      ? { testCaseLimits: options.testCaseLimits }
      : {}),
    distDir: '/nonexistent',
    upstream: {
      endpoint: upstream.url,
      label: 'test',
      credentials: basicCredentials('k', 'secret-value-1'),
      timeoutMs: 2_000,
    },
    store,
    logLevel: 'silent',
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await store.close();
    await upstream.close();
  };
  return { url, upstream, close };
}

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'lifeguard.sqlite');
}

const CASE = {
  name: 'orders service token',
  claims: { sub: 'svc-orders', aud: ['kafka'], ext: { team: 'payments' } },
  expected: 'match',
};

test('test cases are kept per pool, survive a restart, and never reach the upstream', async () => {
  const file = tempFile();
  const first = await serverWithStore(file);
  const path = LIFEGUARD_API.testCases('op-1', 'pool-2');
  const created = await fetch(`${first.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lifeguard-csrf': '1',
    },
    body: JSON.stringify(CASE),
  });
  expect(created.status).toBe(201);
  const saved = (await created.json()) as { id: string };
  expect(saved).toMatchObject({
    ...CASE,
    providerId: 'op-1',
    poolId: 'pool-2',
  });
  const other = await fetch(
    `${first.url}${LIFEGUARD_API.testCases('op-1', 'pool-3')}`,
  );
  expect(await other.json()).toEqual({ data: [] });
  await first.close();

  const second = await serverWithStore(file);
  onTestFinished(second.close);
  const listed = (await (await fetch(`${second.url}${path}`)).json()) as {
    data: unknown[];
  };
  expect(listed.data).toEqual([saved]);
  const deleted = await fetch(
    `${second.url}${LIFEGUARD_API.testCase('op-1', 'pool-2', saved.id)}`,
    {
      method: 'DELETE',
      headers: { 'x-lifeguard-csrf': '1' },
    },
  );
  expect(deleted.status).toBe(204);
  const again = await fetch(
    `${second.url}${LIFEGUARD_API.testCase('op-1', 'pool-2', saved.id)}`,
    {
      method: 'DELETE',
      headers: { 'x-lifeguard-csrf': '1' },
    },
  );
  expect(again.status).toBe(404);
  // The upstream was only asked whether the pool exists; no claim left.
  expect(
    first.upstream.requests.map((request) => [request.method, request.url]),
  ).toEqual([['GET', '/iam/v2/identity-providers/op-1/identity-pools/pool-2']]);
  expect(first.upstream.requests[0]!.body.length).toBe(0);
  expect(second.upstream.requests).toEqual([]);
});

function post(url: string, providerId: string, poolId: string) {
  return fetch(`${url}${LIFEGUARD_API.testCases(providerId, poolId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lifeguard-csrf': '1' },
    body: JSON.stringify(CASE),
  });
}

test('test cases are kept only for pools the upstream has', async () => {
  const upstream = await startFakeUpstream((request, response) => {
    const known = request.url.endsWith('/identity-pools/pool-2');
    response.writeHead(known ? 200 : 404, {
      'content-type': 'application/json',
    });
    response.end(
      known ? '{"id":"pool-2"}' : '{"error_code":404,"message":"not found"}',
    );
  });
  const server = await serverWithStore(tempFile(), { upstream });
  onTestFinished(server.close);
  const missing = await post(server.url, 'op-FAKE', 'pool-FAKE');
  expect(missing.status).toBe(404);
  expect(
    ((await missing.json()) as { errors: { detail: string }[] }).errors[0]!
      .detail,
  ).toContain('There is no pool pool-FAKE in provider op-FAKE');
  const listed = await fetch(
    `${server.url}${LIFEGUARD_API.testCases('op-FAKE', 'pool-FAKE')}`,
  );
  expect(await listed.json()).toEqual({ data: [] });
  expect((await post(server.url, 'op-1', 'pool-2')).status).toBe(201);
});

test('an upstream that cannot say whether the pool exists keeps nothing, and says so', async () => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{}');
  });
  const server = await serverWithStore(tempFile(), { upstream });
  onTestFinished(server.close);
  const response = await post(server.url, 'op-1', 'pool-2');
  expect(response.status).toBe(503);
  expect(
    ((await response.json()) as { errors: { code: string }[] }).errors[0]!.code,
  ).toBe('pool_unverified');
  const listed = await fetch(
    `${server.url}${LIFEGUARD_API.testCases('op-1', 'pool-2')}`,
  );
  expect(await listed.json()).toEqual({ data: [] });
});

test('test cases are capped per pool and across all pools, with a 409 that says so', async () => {
  const server = await serverWithStore(tempFile(), {
    testCaseLimits: { perPool: 2, total: 3 },
  });
  onTestFinished(server.close);
  expect((await post(server.url, 'op-1', 'pool-1')).status).toBe(201);
  expect((await post(server.url, 'op-1', 'pool-1')).status).toBe(201);
  const perPool = await post(server.url, 'op-1', 'pool-1');
  expect(perPool.status).toBe(409);
  expect(await perPool.text()).toContain('A pool keeps at most 2 test cases');
  expect((await post(server.url, 'op-1', 'pool-2')).status).toBe(201);
  const total = await post(server.url, 'op-1', 'pool-3');
  expect(total.status).toBe(409);
  expect(await total.text()).toContain('at most 3 test cases across all pools');
});

test('a malformed test case gets one error per field', async () => {
  const server = await serverWithStore(tempFile());
  onTestFinished(server.close);
  const response = await fetch(
    `${server.url}${LIFEGUARD_API.testCases('op-1', 'pool-2')}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: JSON.stringify({
        name: ' ',
        claims: ['not', 'an', 'object'],
        expected: 'yes',
      }),
    },
  );
  expect(response.status).toBe(422);
  const body = (await response.json()) as {
    errors: { detail: string; source: { pointer: string } }[];
  };
  expect(
    Object.fromEntries(body.errors.map((e) => [e.source.pointer, e.detail])),
  ).toEqual({
    '/name': 'name must not be empty',
    '/claims': 'claims must be a JSON object of token claims',
    '/expected': 'expected must be "match" or "no-match"',
  });
});
