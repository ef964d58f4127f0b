import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { expect, onTestFinished, test } from 'vitest';
import { basicCredentials, bearerCredentials } from './credentials.ts';
import {
  rawRequest,
  startFakeUpstream,
  startTestServer,
  type TestServer,
} from './test-helpers.ts';

const KEY = 'LEAKCHECKKEY42';
const SECRET = 'sEcReT-do-not-leak-7f3a9c';
const TOKEN = 'sts-token-do-not-leak-91b2';

function forms(secret: string): string[] {
  return [
    secret,
    Buffer.from(`${KEY}:${secret}`).toString('base64'),
    encodeURIComponent(secret),
  ];
}

async function exercise(server: TestServer): Promise<string[]> {
  const seen: string[] = [];
  const record = async (response: Awaited<ReturnType<typeof rawRequest>>) =>
    seen.push(JSON.stringify(response.headers), response.body);
  await record(
    await rawRequest(server.port, 'GET', '/api/iam/v2/identity-providers'),
  );
  await record(
    await rawRequest(server.port, 'GET', '/api/iam/v2/identity-providers/op-1'),
  );
  await record(
    await rawRequest(server.port, 'GET', '/api/iam/v2/identity-providers/../x'),
  );
  await record(
    await rawRequest(server.port, 'POST', '/api/iam/v2/identity-providers', {
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    }),
  );
  await record(await rawRequest(server.port, 'GET', '/readyz'));
  await record(await rawRequest(server.port, 'GET', '/healthz'));
  return seen;
}

test('the credential never appears in a response or a log line, even when the upstream fails', async () => {
  // An upstream that answers 401 and echoes what it was sent, as a careless one might.
  const upstream = await startFakeUpstream((request, response) => {
    response.writeHead(request.url.includes('op-1') ? 500 : 401, {
      'content-type': 'application/json',
      'www-authenticate': `Basic realm="${request.headers.authorization}"`,
    });
    response.end('{"errors":[{"detail":"invalid API key"}]}');
  });
  for (const credentials of [
    basicCredentials(KEY, SECRET),
    bearerCredentials(TOKEN),
  ]) {
    const server = await startTestServer(upstream.url, {
      credentials,
      logLevel: 'trace',
    });
    const seen = await exercise(server);
    await server.close();
    const text = [...seen, ...server.logs].join('\n');
    expect(server.logs.length).toBeGreaterThan(3);
    for (const secret of [...forms(SECRET), ...forms(TOKEN)]) {
      expect(text).not.toContain(secret);
    }
  }
  // And an unreachable upstream, whose error path logs the failure.
  await upstream.close();
  const server = await startTestServer(upstream.url, {
    credentials: basicCredentials(KEY, SECRET),
    logLevel: 'trace',
  });
  const seen = await exercise(server);
  await server.close();
  expect([...seen, ...server.logs].join('\n')).not.toContain(SECRET);
});

test('each request logs one structured JSON line with method, route, status and duration', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  await rawRequest(
    server.port,
    'GET',
    '/api/iam/v2/identity-providers/op-7/identity-pools',
    {
      headers: { 'x-request-id': 'log-line-1' },
    },
  );
  const lines = server.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.clientRequestId === 'log-line-1');
  expect(lines).toHaveLength(1);
  // The server's own id, with the client's beside it.
  expect(lines[0]!.reqId).toMatch(/^[0-9a-f-]{36}$/);
  expect(lines[0]).toMatchObject({
    msg: 'request',
    method: 'GET',
    route: '/api/iam/v2/identity-providers/{provider_id}/identity-pools',
    status: 200,
  });
  expect(typeof lines[0]!.durationMs).toBe('number');
});

test('a console built while credentials are in the environment contains none of them', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'lifeguard-dist-'));
  onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
  const names = [
    'CONFLUENT_CLOUD_API_KEY',
    'CONFLUENT_CLOUD_API_SECRET',
    'CONFLUENT_CLOUD_ACCESS_TOKEN',
  ];
  const saved = names.map((name) => process.env[name]);
  onTestFinished(() =>
    names.forEach((name, i) => {
      if (saved[i] === undefined) delete process.env[name];
      else process.env[name] = saved[i];
    }),
  );
  [
    process.env.CONFLUENT_CLOUD_API_KEY,
    process.env.CONFLUENT_CLOUD_API_SECRET,
    process.env.CONFLUENT_CLOUD_ACCESS_TOKEN,
  ] = [KEY, SECRET, TOKEN];
  await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const files = readdirSync(outDir, {
    recursive: true,
    withFileTypes: true,
  }).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThan(1);
  for (const file of files) {
    const content = readFileSync(join(file.parentPath, file.name), 'utf8');
    for (const secret of [KEY, SECRET, TOKEN])
      expect(content, file.name).not.toContain(secret);
  }
});
