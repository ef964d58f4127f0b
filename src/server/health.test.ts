import { expect, onTestFinished, test } from 'vitest';
import { tokenFileCredentials } from './credentials.ts';
import { startFakeUpstream, startTestServer } from './test-helpers.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';

async function serverWith(status: number) {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{}');
  });
  const server = await startTestServer(upstream.url, { label: 'emulator' });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { upstream, server };
}

test('/healthz answers from the process alone, naming the upstream', async () => {
  const { upstream, server } = await serverWith(500);
  const response = await fetch(`${server.url}/healthz`);
  expect(await response.json()).toEqual({ status: 'ok', upstream: 'emulator' });
  expect(upstream.requests).toEqual([]);
});

test('/readyz asks the upstream with the credential', async () => {
  const { upstream, server } = await serverWith(200);
  const response = await fetch(`${server.url}/readyz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    status: 'ready',
    upstream: 'emulator',
  });
  expect(upstream.requests[0]!.url).toBe(
    '/iam/v2/identity-providers?page_size=1',
  );
  expect(upstream.requests[0]!.headers.authorization).toMatch(/^Basic /);
});

test('/readyz is 503 with a reason when the credential is refused or the upstream is down', async () => {
  const { server } = await serverWith(401);
  const refused = await fetch(`${server.url}/readyz`);
  expect(refused.status).toBe(503);
  expect(await refused.json()).toMatchObject({
    status: 'unavailable',
    reason: 'the upstream refused Lifeguard’s credentials',
  });

  const gone = await startFakeUpstream();
  await gone.close();
  const orphan = await startTestServer(gone.url);
  onTestFinished(() => orphan.close());
  const down = await fetch(`${orphan.url}/readyz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toMatchObject({
    reason: 'the upstream could not be reached',
  });
});

test('closing the server lets an in-flight request finish', async () => {
  const upstream = await startFakeUpstream((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"late":true}');
    }, 300);
  });
  const server = await startTestServer(upstream.url);
  onTestFinished(() => upstream.close());
  const inFlight = fetch(`${server.url}/api/iam/v2/identity-providers`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = server.close();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ late: true });
  await closed;
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
});

test('/readyz is 503 when Lifeguard’s own database does not answer, without asking the upstream', async () => {
  const upstream = await startFakeUpstream();
  const store = await LifeguardStore.open(IN_MEMORY_SQLITE);
  const server = await startTestServer(upstream.url, { store });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  await store.close();
  const response = await fetch(`${server.url}/readyz`);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({
    status: 'unavailable',
    reason: 'Lifeguard’s database could not be reached',
  });
  expect(upstream.requests).toHaveLength(1);
});

test('/readyz gives a credential’s own reason when it cannot produce a header, and no credential state outside keyless mode', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    credentials: tokenFileCredentials('/nonexistent/lifeguard-token'),
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const response = await fetch(`${server.url}/readyz`);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    status: 'unavailable',
    upstream: upstream.url,
    reason:
      'Lifeguard cannot read its access token file (/nonexistent/lifeguard-token).',
  });
  expect(upstream.requests).toEqual([]);
});
