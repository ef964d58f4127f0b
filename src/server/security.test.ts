import { expect, onTestFinished, test } from 'vitest';
import {
  rawRequest,
  startFakeUpstream,
  startTestServer,
} from './test-helpers.ts';

async function setup() {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { upstream, server };
}

const POOLS = '/api/iam/v2/identity-providers/op-1/identity-pools';
const JSON_BODY = { 'content-type': 'application/json' };

test.each([
  ['a cross-site form post', { ...JSON_BODY, 'sec-fetch-site': 'cross-site' }],
  [
    'a same-site but other-origin request',
    { ...JSON_BODY, 'sec-fetch-site': 'same-site' },
  ],
  ['a wrong Origin', { ...JSON_BODY, origin: 'https://evil.example' }],
  ['a missing CSRF header', { ...JSON_BODY, 'x-lifeguard-csrf': '' }],
])(
  '%s is refused with 403 and never reaches the upstream',
  async (_name, headers) => {
    const { upstream, server } = await setup();
    const response = await rawRequest(server.port, 'POST', POOLS, {
      headers,
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).errors[0].code).toBe('csrf_refused');
    expect(upstream.requests).toEqual([]);
    expect(
      server.logs.some((line) => line.includes('cross-site write refused')),
    ).toBe(true);
  },
);

test('the console’s own write (same origin, custom header) passes; reads need nothing', async () => {
  const { upstream, server } = await setup();
  const write = await rawRequest(server.port, 'POST', POOLS, {
    headers: {
      ...JSON_BODY,
      origin: server.url,
      'sec-fetch-site': 'same-origin',
    },
    body: '{}',
  });
  expect(write.status).toBe(200);
  const read = await fetch(`${server.url}${POOLS}`, {
    headers: { 'sec-fetch-site': 'cross-site' },
  });
  expect(read.status).toBe(200);
  expect(upstream.requests).toHaveLength(2);
});

test.each([
  ['the console page', 'GET', '/', {}],
  ['an API answer', 'GET', '/api/iam/v2/identity-providers', {}],
  ['an API error', 'GET', '/api/iam/v2/service-accounts', {}],
  ['health', 'GET', '/healthz', {}],
  ['the session', 'GET', '/api/lifeguard/session', {}],
  ['the audit log', 'GET', '/api/lifeguard/audit', {}],
  ['a refused write', 'POST', POOLS, { 'sec-fetch-site': 'cross-site' }],
  ['a logout', 'POST', '/api/lifeguard/logout', { 'x-lifeguard-csrf': '1' }],
])('security headers are on %s', async (_name, method, path, headers) => {
  const { server } = await setup();
  const response = await fetch(`${server.url}${path}`, { method, headers });
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('permissions-policy')).toContain('camera=()');
  // Plain http on loopback: no HSTS promise the server cannot keep.
  expect(response.headers.get('strict-transport-security')).toBeNull();
});

// Forwarded reads write their answer straight into the raw response with the
// security headers passed to writeHead; every other way a GET under /api/iam
// can be answered goes through Fastify. Each must carry the same headers.
test('every way a forwarded read can be answered carries the security headers', async () => {
  const upstream = await startFakeUpstream();
  const limited = await startTestServer(upstream.url, {
    apiRateLimit: { max: 1, windowSeconds: 60 },
  });
  const unreachable = await startTestServer('http://127.0.0.1:9', {
    timeoutMs: 2_000,
  });
  onTestFinished(async () => {
    await limited.close();
    await unreachable.close();
    await upstream.close();
  });
  const answers = {
    forwarded: await rawRequest(limited.port, 'GET', POOLS),
    rateLimited: await rawRequest(limited.port, 'GET', POOLS),
    notForwarded: await rawRequest(
      unreachable.port,
      'GET',
      '/api/iam/v2/not-a-route',
    ),
    badParameter: await rawRequest(
      unreachable.port,
      'GET',
      `${POOLS}?page_size=banana`,
    ),
    upstreamDown: await rawRequest(unreachable.port, 'GET', POOLS),
  };
  expect(
    Object.fromEntries(
      Object.entries(answers).map(([name, answer]) => [name, answer.status]),
    ),
  ).toEqual({
    forwarded: 200,
    rateLimited: 429,
    notForwarded: 404,
    badParameter: 400,
    upstreamDown: 502,
  });
  for (const [name, answer] of Object.entries(answers)) {
    expect(answer.headers['content-security-policy'], name).toContain(
      "frame-ancestors 'none'",
    );
    expect(answer.headers['x-content-type-options'], name).toBe('nosniff');
    expect(answer.headers['referrer-policy'], name).toBe('no-referrer');
    expect(answer.headers['permissions-policy'], name).toContain('camera=()');
    // Plain http: no HSTS.
    expect(answer.headers['strict-transport-security'], name).toBeUndefined();
  }
});
