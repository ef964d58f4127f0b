import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, onTestFinished, test } from 'vitest';
import { emulatorForTest, json, providerIdByIssuer } from './test-fixture.ts';
import { startTestEmulator } from './test-server.ts';

const PROVIDERS = '/iam/v2/identity-providers';

/** Resolves with the error code of a TCP connection attempt, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code ?? 'error'),
    );
  });
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(25);
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

/** A GET on a keep-alive connection that stays open afterwards; resolves with that socket's close. */
function keepAliveGet(url: string, authorization: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  onTestFinished(() => agent.destroy());
  return new Promise<{ status: number; closed: Promise<void> }>(
    (resolve, reject) => {
      const req = request(
        `${url}${PROVIDERS}?page_size=1`,
        { agent, headers: { authorization } },
        (response) => {
          const closed = new Promise<void>((done) =>
            req.socket!.once('close', () => done()),
          );
          response.resume();
          response.once('end', () =>
            resolve({ status: response.statusCode ?? 0, closed }),
          );
        },
      );
      req.once('error', reject);
      req.end();
    },
  );
}

test('an outage refuses new connections, cuts open ones, then the same port answers with the data intact', async () => {
  const emulator = await emulatorForTest();
  const port = Number(new URL(emulator.url).port);
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const created = await json(
    await emulator.call('POST', `${PROVIDERS}/${okta}/identity-pools`, {
      body: {
        display_name: 'survives-outage',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'claims.aud == "kafka"',
      },
    }),
  );
  const open = await keepAliveGet(
    emulator.url,
    `Basic ${Buffer.from(`${emulator.config.apiKey}:${emulator.config.apiSecret}`).toString('base64')}`,
  );
  expect(open.status).toBe(200);

  const answer = await emulator.call('POST', '/_emulator/outage', {
    body: { durationMs: 1_500 },
  });
  const began = Date.now();
  expect(answer.status).toBe(202);
  const body = await json(answer);
  expect(body.durationMs).toBe(1_500);
  expect(Date.parse(String(body.reopensAt))).toBeGreaterThan(began);

  await open.closed;
  await waitFor(async () => (await tryConnect(port)) === 'ECONNREFUSED', 1_000);
  await expect(emulator.call('GET', PROVIDERS)).rejects.toMatchObject({
    cause: { code: 'ECONNREFUSED' },
  });

  await waitFor(async () => (await tryConnect(port)) === 'connected', 5_000);
  // Not before its time (timers may fire a little early on a busy machine).
  expect(Date.now() - began).toBeGreaterThanOrEqual(1_400);
  const pool = await emulator.call(
    'GET',
    `${PROVIDERS}/${okta}/identity-pools/${String(created.id)}`,
  );
  expect(pool.status).toBe(200);
  expect((await json(pool)).display_name).toBe('survives-outage');
});

test('an outage lasts 1 ms to 60 s, and exists only with EMULATOR_CONTROL', async () => {
  const emulator = await emulatorForTest();
  for (const durationMs of [0, 60_001, 1.5, '1000']) {
    const response = await emulator.call('POST', '/_emulator/outage', {
      body: { durationMs },
    });
    expect(response.status, String(durationMs)).toBe(422);
    expect((await json(response)).errors?.[0]?.source?.pointer).toBe(
      '/durationMs',
    );
  }
  const closed = await emulatorForTest({ control: false });
  const refused = await closed.call('POST', '/_emulator/outage', {
    body: { durationMs: 100 },
  });
  expect(refused.status).toBe(404);
});

test('an emulator closed during an outage does not listen again', async () => {
  const emulator = await startTestEmulator();
  const port = Number(new URL(emulator.url).port);
  expect(
    (
      await emulator.call('POST', '/_emulator/outage', {
        body: { durationMs: 300 },
      })
    ).status,
  ).toBe(202);
  await waitFor(async () => (await tryConnect(port)) === 'ECONNREFUSED', 1_000);
  await emulator.close();
  await sleep(600);
  expect(await tryConnect(port)).toBe('ECONNREFUSED');
});
