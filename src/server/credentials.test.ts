import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { tokenFileCredentials } from './credentials.ts';
import { startFakeUpstream, startTestServer } from './test-helpers.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-token-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a rotated token file is used from the next request on', async () => {
  const dir = tempDir();
  const file = join(dir, 'token');
  writeFileSync(file, 'token-one\n');
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    credentials: tokenFileCredentials(file),
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const call = () => fetch(`${server.url}/api/iam/v2/identity-providers`);

  await call();
  writeFileSync(file, 'token-two-longer');
  await call();
  // Kubernetes-style rotation: a new file renamed over the old one.
  writeFileSync(join(dir, 'next'), 'token-3');
  renameSync(join(dir, 'next'), file);
  await call();

  expect(upstream.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer token-one',
    'Bearer token-two-longer',
    'Bearer token-3',
  ]);
});

test('a missing or empty token file is a 503 that says so, without reaching the upstream', async () => {
  const dir = tempDir();
  const file = join(dir, 'token');
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    credentials: tokenFileCredentials(file),
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const missing = await fetch(`${server.url}/api/iam/v2/identity-providers`);
  expect(missing.status).toBe(503);
  expect(JSON.stringify(await missing.json())).toContain(
    'cannot read its access token file',
  );
  writeFileSync(file, '  \n');
  const empty = await fetch(`${server.url}/api/iam/v2/identity-providers`);
  expect(empty.status).toBe(503);
  expect(upstream.requests).toEqual([]);
});
