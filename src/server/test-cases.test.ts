import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { LIFEGUARD_API } from '#contract/test-cases.ts';
import { createServer } from './app.ts';
import { basicCredentials } from './credentials.ts';
import { LifeguardStore } from './store.ts';
import { startFakeUpstream } from './test-helpers.ts';

async function serverWithStore(file: string) {
  const upstream = await startFakeUpstream();
  const store = LifeguardStore.open(file);
  const app = createServer({
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
    store.close();
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
  expect(first.upstream.requests).toEqual([]);
  expect(second.upstream.requests).toEqual([]);
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
