import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { SERVER_VARIABLES } from './config.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  POOL_ID,
  startFakeSts,
  startIdentityProvider,
} from './keyless/test-helpers.ts';
import { reservePort, startFakeUpstream } from './test-helpers.ts';

const MAIN = ['--import', 'tsx', 'src/server/main.ts'];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-main-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Only what the test sets: the developer's own CONFLUENT_* must not leak in.
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
  };
  return { ...env, DIST_DIR: '/nonexistent', PORT: '0', ...extra };
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, MAIN, {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving the console on (http:\/\/127\.0\.0\.1:\d+)/.exec(
        output,
      );
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
  return { child, ready, output: () => output };
}

test('--help lists every variable', () => {
  const result = spawnSync(process.execPath, [...MAIN, '--help'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  for (const [name] of SERVER_VARIABLES) expect(result.stdout).toContain(name);
});

test('bad configuration stops start-up naming each variable, secrets hidden', () => {
  const result = spawnSync(process.execPath, MAIN, {
    encoding: 'utf8',
    env: cleanEnv({
      PORT: 'eighty',
      CONFLUENT_CLOUD_API_SECRET: 'hunter2-secret',
      CONFLUENT_CLOUD_ENDPOINT: 'ftp://example.com',
    }),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    'PORT: must be a whole number from 0 to 65535 (got "eighty")',
  );
  expect(result.stderr).toContain(
    'CONFLUENT_CLOUD_ENDPOINT: must be an http(s) URL',
  );
  expect(result.stderr).toContain(
    'CONFLUENT_CLOUD_API_KEY: must be set together with CONFLUENT_CLOUD_API_SECRET',
  );
  expect(result.stderr + result.stdout).not.toContain('hunter2-secret');
});

test('with no credentials it runs the embedded emulator and says it is demo data', async () => {
  const server = start({ DATA_DIR: tempDir(), EMULATOR_PORT: '0' });
  const url = await server.ready;
  expect(server.output()).toContain('DEMO DATA');
  const health = await (await fetch(`${url}/healthz`)).json();
  expect(health).toEqual({ status: 'ok', upstream: 'emulator' });
  const list = await fetch(`${url}/api/iam/v2/identity-providers`);
  expect(list.status).toBe(200);
  expect(
    ((await list.json()) as { data: unknown[] }).data.length,
  ).toBeGreaterThanOrEqual(3);

  const exited = new Promise<number | null>((resolve) =>
    server.child.once('exit', resolve),
  );
  server.child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

test('with an API key and an endpoint, that endpoint sees the credential and nothing else', async () => {
  const upstream = await startFakeUpstream();
  onTestFinished(() => upstream.close());
  const server = start({
    CONFLUENT_CLOUD_API_KEY: 'REALKEY',
    CONFLUENT_CLOUD_API_SECRET: 'real-secret-value',
    CONFLUENT_CLOUD_ENDPOINT: upstream.url,
  });
  const url = await server.ready;
  expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
    status: 'ok',
    upstream: upstream.url,
  });
  expect(upstream.requests).toEqual([]);
  await fetch(`${url}/api/iam/v2/identity-providers/op-1`, {
    headers: { cookie: 'a=b' },
  });
  await fetch(`${url}/api/iam/v2/service-accounts`);
  expect(upstream.requests.map((r) => r.url)).toEqual([
    '/iam/v2/identity-providers/op-1',
  ]);
  expect(upstream.requests[0]!.headers.authorization).toBe(
    `Basic ${Buffer.from('REALKEY:real-secret-value').toString('base64')}`,
  );
  expect(upstream.requests[0]!.headers.cookie).toBeUndefined();
  expect(server.output()).not.toContain('real-secret-value');
});

test('an unreadable token file stops start-up with a clear message', () => {
  const dir = tempDir();
  const result = spawnSync(process.execPath, MAIN, {
    encoding: 'utf8',
    env: cleanEnv({ CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: join(dir, 'missing') }),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('cannot read its access token file');
});

test('keyless: both tokens are obtained before listening, and calls carry the STS token', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const server = start({
    DATA_DIR: tempDir(),
    CONFLUENT_CLOUD_ENDPOINT: sts.url,
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: idp.tokenUrl,
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: CLIENT_ID,
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: CLIENT_SECRET,
    CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: POOL_ID,
  });
  const url = await server.ready;
  expect(server.output()).toContain(
    `Signed in to Confluent through identity pool ${POOL_ID} (STS token valid 900 s, renewed every 840 s).`,
  );
  expect(sts.requests).toHaveLength(1);
  expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
    status: 'ok',
    upstream: sts.url,
  });
  await fetch(`${url}/api/iam/v2/identity-providers`);
  expect(sts.calls).toEqual([
    { url: '/iam/v2/identity-providers', authorization: 'Bearer sts-token-1' },
  ]);
  for (const secret of [CLIENT_SECRET, ...idp.tokens, ...sts.tokens]) {
    expect(server.output()).not.toContain(secret);
  }
});

test('keyless: an identity provider that cannot be reached stops start-up naming the step', async () => {
  const port = await reservePort();
  const result = spawnSync(process.execPath, MAIN, {
    encoding: 'utf8',
    env: cleanEnv({
      DATA_DIR: tempDir(),
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: `http://127.0.0.1:${port}/token`,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: CLIENT_ID,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: CLIENT_SECRET,
      CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: POOL_ID,
    }),
  });
  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toBe(
    `Lifeguard cannot start: keyless sign-in to Confluent failed. Lifeguard could not reach its identity provider at http://127.0.0.1:${port}/token (connection refused).`,
  );
  expect(result.stdout + result.stderr).not.toContain(CLIENT_SECRET);
});

test('the embedded emulator can be taken down mid-session: 502 meanwhile, then the same data again', async () => {
  const server = start({
    DATA_DIR: tempDir(),
    EMULATOR_PORT: '0',
    EMULATOR_CONTROL: '1',
  });
  const url = await server.ready;
  const emulator = /emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(
    server.output(),
  )![1]!;
  const providers = `${url}/api/iam/v2/identity-providers`;
  const before = await (await fetch(providers)).text();
  const outage = await fetch(`${emulator}/_emulator/outage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ durationMs: 1_500 }),
  });
  expect(outage.status).toBe(202);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await fetch(providers)).status).toBe(502);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);

  let after: Response | undefined;
  for (let tries = 0; tries < 100 && after?.status !== 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await fetch(providers);
  }
  expect(after?.status).toBe(200);
  expect(await after!.text()).toBe(before);
});

test('API_RATE_LIMIT from the environment limits each client', async () => {
  const server = start({
    DATA_DIR: tempDir(),
    EMULATOR_PORT: '0',
    API_RATE_LIMIT: '2',
  });
  const url = await server.ready;
  const providers = `${url}/api/iam/v2/identity-providers`;
  expect((await fetch(providers)).status).toBe(200);
  expect((await fetch(providers)).status).toBe(200);
  const limited = await fetch(providers);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
});
