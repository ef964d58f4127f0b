import { expect, test } from 'vitest';
import { emulatorForTest, json, providerIdByIssuer } from './test-fixture.ts';

const PROVIDERS = '/iam/v2/identity-providers';

test('the control API exists only when EMULATOR_CONTROL is on', async () => {
  const emulator = await emulatorForTest({ control: false });
  const reset = await emulator.call('POST', '/_emulator/reset', {
    body: { seed: 'empty' },
  });
  expect(reset.status).toBe(404);
  const faults = await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 500 }, times: 1 },
  });
  expect(faults.status).toBe(404);
  expect((await emulator.call('GET', PROVIDERS)).status).toBe(200);
});

test('reset switches between the demo and empty seeds', async () => {
  const emulator = await emulatorForTest();
  const empty = await emulator.call('POST', '/_emulator/reset', {
    body: { seed: 'empty' },
  });
  expect(empty.status).toBe(200);
  const none = await json(await emulator.call('GET', PROVIDERS));
  expect(none.data).toEqual([]);
  expect((none.metadata as { total_size: number }).total_size).toBe(0);
  await emulator.call('POST', '/_emulator/reset', { body: { seed: 'demo' } });
  const demo = await json(await emulator.call('GET', PROVIDERS));
  expect((demo.data as unknown[]).length).toBeGreaterThanOrEqual(3);
  const bad = await emulator.call('POST', '/_emulator/reset', {
    body: { seed: 'prod' },
  });
  expect(bad.status).toBe(422);
  expect((await json(bad)).errors?.[0]?.detail).toBe(
    'seed must be "demo" or "empty"',
  );
});

test('reset brings the role bindings and the directory back to the seed', async () => {
  const emulator = await emulatorForTest();
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const everything = `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(`${org}/*`)}`;
  const total = async () =>
    (
      (await json(await emulator.call('GET', everything))).metadata as {
        total_size: number;
      }
    ).total_size;
  const seeded = await total();
  const created = await json(
    await emulator.call('POST', '/iam/v2/role-bindings', {
      body: {
        principal: 'User:sa-reset1',
        role_name: 'MetricsViewer',
        crn_pattern: org,
      },
    }),
  );
  expect(await total()).toBe(seeded + 1);
  await emulator.call('POST', '/_emulator/reset', { body: { seed: 'empty' } });
  expect(await total()).toBe(0);
  await emulator.call('POST', '/_emulator/reset', { body: { seed: 'demo' } });
  expect(await total()).toBe(seeded);
  expect(
    (await emulator.call('GET', `/iam/v2/role-bindings/${String(created.id)}`))
      .status,
  ).toBe(403);
  const environments = await json(
    await emulator.call('GET', '/org/v2/environments'),
  );
  expect((environments.metadata as { total_size: number }).total_size).toBe(2);
});

test('an injected fault answers the next matching requests, then stops', async () => {
  const emulator = await emulatorForTest();
  const armed = await emulator.call('POST', '/_emulator/faults', {
    body: {
      match: { method: 'get', path: 'identity-pools$' },
      respond: { status: 503 },
      times: 2,
    },
  });
  expect(armed.status).toBe(201);
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const pools = `${PROVIDERS}/${okta}/identity-pools`;
  expect((await emulator.call('GET', PROVIDERS)).status).toBe(200);
  expect((await emulator.call('POST', pools, { body: {} })).status).toBe(422);
  const first = await emulator.call('GET', pools);
  expect(first.status).toBe(503);
  expect(first.headers.get('x-request-id')).toBeTruthy();
  expect((await json(first)).errors?.[0]?.status).toBe('503');
  expect((await emulator.call('GET', pools)).status).toBe(503);
  expect((await emulator.call('GET', pools)).status).toBe(200);
});

test('a 429 fault carries Retry-After and the rate-limit headers', async () => {
  const emulator = await emulatorForTest();
  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 429, retryAfter: 7 }, times: 1 },
  });
  const limited = await emulator.call('GET', PROVIDERS);
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('7');
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(limited.headers.get('x-ratelimit-reset')).toBe('7');
});

test('a delay fault stalls the request; DELETE clears armed faults', async () => {
  const emulator = await emulatorForTest();
  await emulator.call('POST', '/_emulator/faults', {
    body: {
      match: { path: '^/iam/v2/identity-providers$' },
      delayMs: 1_500,
      times: 1,
    },
  });
  const stalled = fetch(`${emulator.url}${PROVIDERS}`, {
    signal: AbortSignal.timeout(300),
  });
  await expect(stalled).rejects.toThrow();
  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 500 }, times: 5 },
  });
  expect((await emulator.call('DELETE', '/_emulator/faults')).status).toBe(204);
  expect((await emulator.call('GET', `${PROVIDERS}?page_size=1`)).status).toBe(
    200,
  );
});

test('a malformed fault is refused with the reason', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', '/_emulator/faults', {
    body: { match: { path: '(' }, respond: { status: 200 }, times: 0 },
  });
  expect(response.status).toBe(422);
  const details = ((await json(response)).errors ?? []).map((e) => e.detail);
  expect(details).toEqual(
    expect.arrayContaining([
      'match.path must be a valid regular expression',
      'respond.status must be from 400 to 599',
    ]),
  );
});
