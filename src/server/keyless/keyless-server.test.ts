import Fastify from 'fastify';
import { expect, onTestFinished, test } from 'vitest';
import {
  reservePort,
  startFakeUpstream,
  startTestServer,
} from '../test-helpers.ts';
import {
  CLIENT_SECRET,
  clientCredentialsSignIn,
  POOL_ID,
  startFakeSts,
  startIdentityProvider,
} from './test-helpers.ts';

// The keyless credential inside the server: what reaches Confluent, what
// /readyz says, and what the logs never hold.

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

test('forwarded calls and /readyz carry the STS token; /readyz shows the credential without it', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const upstream = await startFakeUpstream();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url);
  await credentials.start();
  const server = await startTestServer(upstream.url, { credentials });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });

  await fetch(`${server.url}/api/iam/v2/identity-providers`);
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(200);
  const body = (await ready.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status: 'ready',
    credential: {
      kind: 'keyless',
      identityPool: POOL_ID,
      externalToken: 'client-credentials',
      stsTokenExpiresAt: expect.stringMatching(ISO),
      lastRenewedAt: expect.stringMatching(ISO),
    },
  });
  expect(body.credential).not.toHaveProperty('lastError');
  expect(JSON.stringify(body)).not.toContain('sts-token-1');
  expect(upstream.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer sts-token-1',
    'Bearer sts-token-1',
  ]);
});

test('without a token: the forwarder answers 503 credentials_unavailable and /readyz 503, each with the cause', async () => {
  const port = await reservePort();
  const sts = await startFakeSts();
  const upstream = await startFakeUpstream();
  const credentials = clientCredentialsSignIn(
    `http://127.0.0.1:${port}/token`,
    sts.url,
  );
  const server = await startTestServer(upstream.url, { credentials });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const cause = `Lifeguard could not reach its identity provider at http://127.0.0.1:${port}/token (connection refused).`;

  const forwarded = await fetch(`${server.url}/api/iam/v2/identity-providers`);
  expect(forwarded.status).toBe(503);
  expect(await forwarded.json()).toMatchObject({
    errors: [{ code: 'credentials_unavailable', detail: cause }],
  });
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({
    status: 'unavailable',
    upstream: upstream.url,
    reason: cause,
    credential: {
      kind: 'keyless',
      identityPool: POOL_ID,
      externalToken: 'client-credentials',
      stsTokenExpiresAt: null,
      lastRenewedAt: null,
      lastError: cause,
    },
  });
  expect(upstream.requests).toEqual([]);
});

test('a 401 to /readyz (a revoked STS token) makes the next call exchange again', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  let refuse = true;
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(refuse ? 401 : 200, {
      'content-type': 'application/json',
    });
    refuse = false;
    response.end('{}');
  });
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url);
  await credentials.start();
  const server = await startTestServer(upstream.url, { credentials });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  expect(upstream.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer sts-token-1',
    'Bearer sts-token-2',
  ]);
  expect(idp.requests).toHaveLength(1);
});

test('no token and no secret reaches a log line (pino at trace) or an answer, whatever fails', async () => {
  const lines: string[] = [];
  const logger = Fastify({
    logger: { level: 'trace', stream: { write: (line) => lines.push(line) } },
  });
  onTestFinished(() => logger.close());
  // An identity provider and an STS that echo what they were sent.
  const idp = await startIdentityProvider((response, index) => {
    if (index === 1) {
      response.statusCode = 401;
      response.body = {
        error: 'invalid_client',
        error_description: `bad secret ${CLIENT_SECRET}`,
      };
    }
  });
  const sts = await startFakeSts((form, index) =>
    index === 1
      ? {
          status: 400,
          body: { errors: [{ detail: `bad ${form.subject_token}` }] },
        }
      : undefined,
  );
  const upstream = await startFakeUpstream((request, response) => {
    response.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': `Bearer error="${request.headers.authorization}"`,
    });
    response.end('{"errors":[{"detail":"invalid token"}]}');
  });
  let clock = Date.now();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    log: logger.log,
    now: () => clock,
  });
  await credentials.start();
  const server = await startTestServer(upstream.url, {
    credentials,
    logLevel: 'trace',
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const seen: string[] = [];
  const call = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    response.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
    seen.push(await response.text());
  };
  await call('/api/iam/v2/identity-providers');
  await call('/readyz'); // 401: marks the token
  await call('/readyz'); // STS refuses, echoing the subject token
  clock += 3_700_000; // both tokens past their time
  await call('/readyz'); // the identity provider refuses, echoing the secret
  await call('/api/iam/v2/identity-providers');

  const text = [...seen, ...lines, ...server.logs].join('\n');
  expect(lines.some((line) => line.includes('"level":40'))).toBe(true);
  // Both refusals were seen, their echoes cut out.
  expect(text).toContain(
    "refused to exchange Lifeguard's token for identity pool pool-Kl3ss: bad [redacted]",
  );
  expect(text).toContain('(401 invalid_client: bad secret [redacted])');
  for (const secret of [CLIENT_SECRET, ...idp.tokens, ...sts.tokens]) {
    expect(text).not.toContain(secret);
  }
});
