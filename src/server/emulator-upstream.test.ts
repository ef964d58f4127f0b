import { expect, onTestFinished, test } from 'vitest';
import { startTestEmulator } from '../emulator/test-server.ts';
import { basicCredentials } from './credentials.ts';
import { startTestServer } from './test-helpers.ts';

test('through /api the console reaches the emulator, with Location mapped back to /api', async () => {
  const emulator = await startTestEmulator();
  const server = await startTestServer(emulator.url, {
    credentials: basicCredentials(
      emulator.config.apiKey,
      emulator.config.apiSecret,
    ),
  });
  onTestFinished(async () => {
    await server.close();
    await emulator.close();
  });
  const list = (await (
    await fetch(`${server.url}/api/iam/v2/identity-providers?page_size=2`)
  ).json()) as { data: { id: string }[]; metadata: { next: string } };
  expect(list.data).toHaveLength(2);
  // Links come back under /api, never with the emulator's address.
  expect(list.metadata.next).toMatch(
    /^\/api\/iam\/v2\/identity-providers\?.*page_token=/,
  );
  expect(JSON.stringify(list)).not.toContain(emulator.url);
  const next = await fetch(`${server.url}${list.metadata.next}`);
  expect(next.status).toBe(200);

  const providerId = list.data[0]!.id;
  const created = await fetch(
    `${server.url}/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: JSON.stringify({
        display_name: 'via-proxy',
        // Multi-byte text in an answer whose links are rewritten.
        description: 'Zürich 🚀 “quoted”',
        identity_claim: 'claims.sub',
        filter: 'claims.aud == "kafka"',
      }),
    },
  );
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect(created.headers.get('location')).toBe(
    `/api/iam/v2/identity-providers/${providerId}/identity-pools/${id}`,
  );
  const fetched = await fetch(
    `${server.url}${created.headers.get('location')}`,
  );
  expect(fetched.status).toBe(200);
  const pool = (await fetched.json()) as {
    description: string;
    metadata: { self: string };
  };
  expect(pool.description).toBe('Zürich 🚀 “quoted”');
  expect(pool.metadata.self).toBe(created.headers.get('location'));
  const invalid = await fetch(
    `${server.url}/api/iam/v2/identity-providers/${providerId}/identity-pools/${id}`,
    {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: JSON.stringify({ filter: 'claims.sub.matches("x")' }),
    },
  );
  expect(invalid.status).toBe(422);
  expect(invalid.headers.get('x-request-id')).toBeTruthy();
});

test('while the emulator’s port is closed the server answers 502, and recovers by itself when it reopens', async () => {
  const emulator = await startTestEmulator();
  const server = await startTestServer(emulator.url, {
    credentials: basicCredentials(
      emulator.config.apiKey,
      emulator.config.apiSecret,
    ),
  });
  onTestFinished(async () => {
    await server.close();
    await emulator.close();
  });
  const providers = `${server.url}/api/iam/v2/identity-providers?page_size=1`;
  // Leaves a keep-alive connection to the emulator in the server's pool.
  expect((await fetch(providers)).status).toBe(200);
  const outage = await emulator.call('POST', '/_emulator/outage', {
    body: { durationMs: 1_000 },
  });
  expect(outage.status).toBe(202);
  await new Promise((resolve) => setTimeout(resolve, 100));

  const down = await fetch(providers);
  expect(down.status).toBe(502);
  expect(
    ((await down.json()) as { errors: { code: string }[] }).errors[0]!.code,
  ).toBe('upstream_unreachable');

  const started = Date.now();
  let status = 0;
  while (Date.now() - started < 5_000) {
    status = (await fetch(providers)).status;
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(status).toBe(200);
});
