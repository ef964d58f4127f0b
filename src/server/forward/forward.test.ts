import { request as httpRequest } from 'node:http';
import { expect, onTestFinished, test } from 'vitest';
import { bearerCredentials } from '../credentials.ts';
import { rewriteLinks } from './links.ts';
import {
  rawRequest,
  startFakeUpstream,
  startTestServer,
  TEST_KEY,
  TEST_SECRET,
} from '../test-helpers.ts';

type Handler = Parameters<typeof startFakeUpstream>[0];

async function setup(
  handler?: Handler,
  options: Parameters<typeof startTestServer>[1] = {},
) {
  const upstream = await startFakeUpstream(handler);
  const server = await startTestServer(upstream.url, options);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { upstream, server };
}

const BASIC = `Basic ${Buffer.from(`${TEST_KEY}:${TEST_SECRET}`).toString('base64')}`;
const POOLS = '/api/iam/v2/identity-providers/op-1/identity-pools';
const JSON_WRITE = {
  'content-type': 'application/json',
  'x-lifeguard-csrf': '1',
};

test('an allowlisted call reaches the upstream path unchanged, with the server’s API key', async () => {
  const { upstream, server } = await setup();
  const response = await fetch(`${server.url}${POOLS}?page_size=10`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
  expect(upstream.requests).toHaveLength(1);
  expect(upstream.requests[0]).toMatchObject({
    method: 'GET',
    url: '/iam/v2/identity-providers/op-1/identity-pools?page_size=10',
  });
  expect(upstream.requests[0]!.headers.authorization).toBe(BASIC);
});

test('with an access token the upstream gets it as Bearer', async () => {
  const { upstream, server } = await setup(undefined, {
    credentials: bearerCredentials('sts-token-abc'),
  });
  await fetch(`${server.url}/api/iam/v2/identity-providers`);
  expect(upstream.requests[0]!.headers.authorization).toBe(
    'Bearer sts-token-abc',
  );
});

test('every contract operation is forwarded', async () => {
  const { upstream, server } = await setup();
  const calls: [string, string][] = [
    ['GET', '/iam/v2/identity-providers'],
    ['POST', '/iam/v2/identity-providers'],
    ['GET', '/iam/v2/identity-providers/op-1'],
    ['PATCH', '/iam/v2/identity-providers/op-1'],
    ['DELETE', '/iam/v2/identity-providers/op-1'],
    ['PATCH', '/iam/v2/identity-providers/op-1/jwks'],
    ['GET', '/iam/v2/identity-providers/op-1/identity-pools'],
    ['POST', '/iam/v2/identity-providers/op-1/identity-pools'],
    ['GET', '/iam/v2/identity-providers/op-1/identity-pools/pool-2'],
    ['PATCH', '/iam/v2/identity-providers/op-1/identity-pools/pool-2'],
    ['DELETE', '/iam/v2/identity-providers/op-1/identity-pools/pool-2'],
    ['GET', '/org/v2/organizations'],
    ['GET', '/org/v2/environments'],
    ['GET', '/cmk/v2/clusters?environment=env-1'],
    ['GET', '/iam/v2/users'],
    [
      'GET',
      '/iam/v2/role-bindings?principal=User%3Apool-2&crn_pattern=crn%3A%2F%2Fconfluent.cloud%2Forganization%3Do-1%2F*',
    ],
    ['POST', '/iam/v2/role-bindings'],
    ['GET', '/iam/v2/role-bindings/rb-3'],
    ['DELETE', '/iam/v2/role-bindings/rb-3'],
    ['GET', '/iam/v2/sso/group-mappings'],
    ['POST', '/iam/v2/sso/group-mappings'],
    ['GET', '/iam/v2/sso/group-mappings/group-1'],
    ['PATCH', '/iam/v2/sso/group-mappings/group-1'],
    ['DELETE', '/iam/v2/sso/group-mappings/group-1'],
    ['GET', '/iam/v2/certificate-authorities'],
    ['POST', '/iam/v2/certificate-authorities'],
    ['GET', '/iam/v2/certificate-authorities/op-9'],
    ['PUT', '/iam/v2/certificate-authorities/op-9'],
    ['DELETE', '/iam/v2/certificate-authorities/op-9'],
    ['GET', '/iam/v2/certificate-authorities/op-9/identity-pools'],
    ['POST', '/iam/v2/certificate-authorities/op-9/identity-pools'],
    ['GET', '/iam/v2/certificate-authorities/op-9/identity-pools/pool-8'],
    ['PUT', '/iam/v2/certificate-authorities/op-9/identity-pools/pool-8'],
    ['DELETE', '/iam/v2/certificate-authorities/op-9/identity-pools/pool-8'],
    ['GET', '/service-quota/v1/applied-quotas?scope=identity_provider'],
  ];
  for (const [method, path] of calls) {
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        'x-lifeguard-csrf': '1',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      body: hasBody ? '{}' : undefined,
    });
    expect(response.status, `${method} ${path}`).toBe(200);
  }
  // Updates and deletes read the resource first, for the audit log; a
  // provider delete its pools too (one page here: this upstream's answer
  // is no list).
  const removesPools = new Set([
    '/iam/v2/identity-providers/op-1',
    '/iam/v2/certificate-authorities/op-9',
  ]);
  const withReads = calls.flatMap(([method, path]): [string, string][] =>
    method === 'DELETE' && removesPools.has(path)
      ? [
          ['GET', path],
          ['GET', `${path}/identity-pools?page_size=100`],
          [method, path],
        ]
      : method === 'DELETE' ||
          method === 'PUT' ||
          (method === 'PATCH' && !path.endsWith('/jwks'))
        ? [
            ['GET', path],
            [method, path],
          ]
        : [[method, path]],
  );
  expect(upstream.requests.map((r) => [r.method, r.url])).toEqual(withReads);
});

// Each of these must be refused by Lifeguard itself: the upstream sees
// nothing. A path that is not plain (escapes, dot segments, empty segments,
// backslashes, absolute form) is a 400 for every route (endpoint.ts); a
// plain one that no route forwards is a 404.
const HOSTILE: [
  string,
  string,
  { headers?: Record<string, string>; body?: string },
  number,
][] = [
  ['GET', '/api/iam/v2/identity-providers/../../../etc/passwd', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/op-1/identity-pools/..', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/%2e%2e/identity-pools', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/op-1%2Fidentity-pools', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/op-1%252F..', {}, 400],
  ['GET', '/api/iam/v2//identity-providers', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/', {}, 404],
  ['GET', '/api/iam/v2/identity-providers/op-1\\..\\x', {}, 400],
  ['GET', '/api/iam/v2/identity-providers/op-1@evil.example', {}, 404],
  ['GET', '/api/iam/v2/identity-providers/op-1;x=1', {}, 404],
  ['GET', 'http://evil.example/api/iam/v2/identity-providers', {}, 400],
  ['GET', '/api//evil.example/iam/v2/identity-providers', {}, 400],
  ['GET', '/api/iam/v2/service-accounts', {}, 404],
  // Required filters are checked here, not left to the upstream.
  ['GET', '/api/iam/v2/role-bindings', {}, 400],
  ['GET', '/api/iam/v2/role-bindings?principal=User:pool-1', {}, 400],
  ['GET', '/api/iam/v2/role-bindings?crn_pattern=https://x', {}, 400],
  ['GET', '/api/cmk/v2/clusters', {}, 400],
  ['GET', '/api/cmk/v2/clusters?environment=env-1&environment=env-2', {}, 400],
  ['GET', '/api/iam/v2/api-keys', {}, 404],
  // Each federation object has one update method: PATCH for group
  // mappings, PUT for certificate authorities and certificate pools.
  [
    'PUT',
    '/api/iam/v2/sso/group-mappings/group-1',
    { headers: JSON_WRITE, body: '{}' },
    404,
  ],
  [
    'PATCH',
    '/api/iam/v2/certificate-authorities/op-9',
    { headers: JSON_WRITE, body: '{}' },
    404,
  ],
  [
    'PATCH',
    '/api/iam/v2/certificate-authorities/op-9/identity-pools/pool-8',
    { headers: JSON_WRITE, body: '{}' },
    404,
  ],
  // A certificate pool exists only under its authority's path.
  ['GET', '/api/iam/v2/certificate-pools/pool-8', {}, 404],
  ['GET', '/api/iam/v2/sso/group-mappings/group-1/..', {}, 400],
  ['GET', '/api/iam/v2/sso/group-mappings/group-1%2F..%2F', {}, 400],
  ['GET', '/api/iam/v2/SSO/group-mappings', {}, 404],
  ['GET', '/api/iam/v2/sso/group-mappings/', {}, 404],
  ['GET', '/api/iam/v2/certificate-authorities/op-9/identity-pools/', {}, 404],
  // The quota list's scope is required, and its filters are checked.
  ['GET', '/api/service-quota/v1/applied-quotas', {}, 400],
  [
    'GET',
    '/api/service-quota/v1/applied-quotas?scope=identity_provider&identity_provider=../op-1',
    {},
    400,
  ],
  [
    'GET',
    '/api/service-quota/v1/applied-quotas?scope=ORGANIZATION&scope=ENVIRONMENT',
    {},
    400,
  ],
  ['GET', '/api/service-quota/v1/applied-quotas/iam.max_x', {}, 404],
  ['GET', '/api/service-quota/v1/scopes', {}, 404],
  ['GET', '/api/org/v2/environments/env-1', {}, 404],
  [
    'DELETE',
    '/api/org/v2/environments/env-1',
    { headers: { 'x-lifeguard-csrf': '1' } },
    404,
  ],
  [
    'PATCH',
    '/api/iam/v2/role-bindings/rb-1',
    {
      headers: { 'content-type': 'application/json', 'x-lifeguard-csrf': '1' },
      body: '{}',
    },
    404,
  ],
  [
    'GET',
    '/api/iam/v2/identity-providers/op-1/identity-pools/pool-2/extra',
    {},
    404,
  ],
  [
    'PUT',
    '/api/iam/v2/identity-providers/op-1',
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{}',
    },
    404,
  ],
  ['DELETE', '/api/iam/v2/identity-providers', {}, 404],
  [
    'POST',
    '/api/iam/v2/identity-providers/op-1',
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{}',
    },
    404,
  ],
  ['OPTIONS', '/api/iam/v2/identity-providers', {}, 404],
  ['HEAD', '/api/iam/v2/identity-providers', {}, 404],
  ['TRACE', '/api/iam/v2/identity-providers', {}, 404],
  [
    'POST',
    POOLS,
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: JSON.stringify({ description: 'x'.repeat(65 * 1024) }),
    },
    413,
  ],
  [
    'POST',
    POOLS,
    { headers: { 'content-type': 'text/plain' }, body: 'display_name=x' },
    415,
  ],
  [
    'POST',
    POOLS,
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    },
    415,
  ],
  [
    'POST',
    POOLS,
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{"display_name":',
    },
    400,
  ],
  ['POST', POOLS, {}, 400],
  [
    'PATCH',
    `${POOLS}/pool-2`,
    { headers: { 'content-type': 'application/json' } },
    400,
  ],
  ['GET', `${POOLS}?page_size=abc`, {}, 400],
  ['GET', `${POOLS}?page_size=1&page_size=2`, {}, 400],
  ['GET', `${POOLS}?page_token=${'a'.repeat(300)}`, {}, 400],
  [
    'POST',
    `${POOLS}?assigned_resource_owner=../../x`,
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{}',
    },
    400,
  ],
];

test.each(HOSTILE)(
  '%s %s is refused before the upstream',
  async (method, path, options, status) => {
    const { upstream, server } = await setup();
    const response = await rawRequest(server.port, method, path, options);
    expect(response.status).toBe(status);
    if (method !== 'HEAD') {
      const body = JSON.parse(response.body) as {
        errors: { status: string; detail: string }[];
      };
      expect(body.errors[0]!.status).toBe(String(status));
      expect(body.errors[0]!.detail.length).toBeGreaterThan(10);
    }
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(upstream.requests).toEqual([]);
  },
);

test('only Content-Type, Accept, X-Request-Id and the credential go upstream', async () => {
  const { upstream, server } = await setup();
  await rawRequest(server.port, 'POST', POOLS, {
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-request-id': 'trace-42',
      cookie: 'session=abc',
      authorization: 'Basic YnJvd3Nlcjpzb21ldGhpbmc=',
      'x-forwarded-for': '10.0.0.1',
      'x-custom': 'nope',
      origin: server.url,
      referer: 'http://evil.example/page',
      'user-agent': 'Mozilla/5.0',
    },
    body: '{}',
  });
  const { headers } = upstream.requests[0]!;
  expect(headers.authorization).toBe(BASIC);
  // The server's own id goes upstream; the client's is only logged beside it.
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers['content-type']).toBe('application/json');
  expect(headers.accept).toBe('application/json');
  const framing = ['host', 'connection', 'content-length'];
  expect(
    Object.keys(headers)
      .filter((name) => !framing.includes(name))
      .sort(),
  ).toEqual(['accept', 'authorization', 'content-type', 'x-request-id']);
});

test('status, body and the useful headers come back; the rest are dropped', async () => {
  const { server } = await setup((_request, response) => {
    response.writeHead(429, {
      'content-type': 'application/json',
      'x-request-id': 'upstream-id-1',
      'x-ratelimit-limit': '25',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '17',
      'retry-after': '17',
      'set-cookie': 'upstream=1; Path=/',
      'www-authenticate': 'Basic realm="confluent"',
      'x-powered-by': 'something',
      'strict-transport-security': 'max-age=1',
      'access-control-allow-origin': '*',
    });
    response.end('{"errors":[{"status":"429","detail":"slow down"}]}');
  });
  const response = await rawRequest(server.port, 'GET', POOLS);
  expect(response.status).toBe(429);
  expect(response.body).toBe(
    '{"errors":[{"status":"429","detail":"slow down"}]}',
  );
  expect(response.headers).toMatchObject({
    'x-request-id': 'upstream-id-1',
    'x-ratelimit-limit': '25',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': '17',
    'retry-after': '17',
  });
  for (const dropped of [
    'set-cookie',
    'www-authenticate',
    'x-powered-by',
    'strict-transport-security',
    'access-control-allow-origin',
  ]) {
    expect(response.headers[dropped], dropped).toBeUndefined();
  }
});

test('request bodies reach the upstream byte for byte', async () => {
  const { upstream, server } = await setup();
  const body =
    '{ "display_name" : "Zürich 🚀",\n "filter": "claims.aud == \\"kafka\\" && claims.sub.startsWith(\'svc-\')" }';
  const response = await rawRequest(server.port, 'POST', POOLS, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(body, 'utf8'),
  });
  expect(response.status).toBe(200);
  expect(upstream.requests[0]!.body.toString('utf8')).toBe(body);
});

test('a write whose body is JSON but not an object is refused before it reaches the upstream', async () => {
  const { upstream, server } = await setup();
  for (const body of ['[]', '"kafka"', '42', 'null']) {
    const response = await rawRequest(server.port, 'POST', POOLS, {
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status, body).toBe(400);
    expect(JSON.parse(response.body).errors[0]).toMatchObject({
      code: 'bad_request',
      detail: 'The request body must be a JSON object.',
    });
  }
  expect(upstream.requests).toHaveLength(0);
});

test('only the allowlisted query parameters pass, and only where they belong', async () => {
  const { upstream, server } = await setup();
  await rawRequest(
    server.port,
    'GET',
    `${POOLS}?page_token=abc.DEF-1&page_size=5&evil=1&$filter=x`,
  );
  await rawRequest(server.port, 'GET', `${POOLS}/pool-2?page_size=5`);
  await rawRequest(
    server.port,
    'POST',
    `${POOLS}?assigned_resource_owner=u-a83k9b&page_size=3`,
    {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{}',
    },
  );
  expect(upstream.requests.map((r) => r.url)).toEqual([
    '/iam/v2/identity-providers/op-1/identity-pools?page_size=5&page_token=abc.DEF-1',
    '/iam/v2/identity-providers/op-1/identity-pools/pool-2',
    '/iam/v2/identity-providers/op-1/identity-pools?assigned_resource_owner=u-a83k9b',
  ]);
});

test('the quota list takes the scope in any case and drops the empty filters the Confluent CLI sends', async () => {
  const { upstream, server } = await setup();
  await rawRequest(
    server.port,
    'GET',
    '/api/service-quota/v1/applied-quotas?scope=certificate_authority&environment=&network=&kafka_cluster=&id=&certificate_authority=op-9',
  );
  await rawRequest(
    server.port,
    'GET',
    '/api/service-quota/v1/applied-quotas?scope=ORGANIZATION&id=iam.max_group_mappings.per_org&page_size=200',
  );
  expect(upstream.requests.map((r) => r.url)).toEqual([
    '/service-quota/v1/applied-quotas?scope=certificate_authority&certificate_authority=op-9',
    '/service-quota/v1/applied-quotas?scope=ORGANIZATION&id=iam.max_group_mappings.per_org&page_size=200',
  ]);
});

test('an empty assigned_resource_owner, as the Confluent CLI sends it, is taken as absent and not forwarded', async () => {
  const { upstream, server } = await setup();
  const write = {
    headers: { 'content-type': 'application/json', 'x-lifeguard-csrf': '1' },
    body: '{}',
  };
  const empty = await rawRequest(
    server.port,
    'POST',
    `${POOLS}?assigned_resource_owner=`,
    write,
  );
  expect(empty.status).toBe(200);
  expect(upstream.requests.map((r) => r.url)).toEqual([
    '/iam/v2/identity-providers/op-1/identity-pools',
  ]);
  // Given twice it is still refused, empty or not.
  const twice = await rawRequest(
    server.port,
    'POST',
    `${POOLS}?assigned_resource_owner=&assigned_resource_owner=u-1`,
    write,
  );
  expect(twice.status).toBe(400);
  expect(upstream.requests).toHaveLength(1);
});

test('Location is rewritten from the upstream origin to /api; a foreign one is dropped', async () => {
  let location = '';
  const { server, upstream } = await setup(
    (_request, response, upstreamUrl) => {
      response.writeHead(201, {
        'content-type': 'application/json',
        location: location.replace('{upstream}', upstreamUrl),
      });
      response.end('{}');
    },
  );
  const post = (path = POOLS) =>
    rawRequest(server.port, 'POST', path, {
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: '{}',
    });
  location = '{upstream}/iam/v2/identity-providers/op-1/identity-pools/pool-9';
  expect((await post()).headers.location).toBe(`${POOLS}/pool-9`);
  location = 'https://evil.example/iam/v2/identity-providers/op-1';
  expect((await post()).headers.location).toBeUndefined();
  expect(upstream.requests).toHaveLength(2);
});

test('an unreachable upstream is a 502 with a detail a person understands', async () => {
  const upstream = await startFakeUpstream();
  const closedUrl = upstream.url;
  await upstream.close();
  const server = await startTestServer(closedUrl);
  onTestFinished(() => server.close());
  const response = await fetch(`${server.url}${POOLS}`);
  expect(response.status).toBe(502);
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await response.json()) as {
    errors: { detail: string; code: string }[];
  };
  expect(body.errors[0]).toMatchObject({
    code: 'upstream_unreachable',
    detail: `Lifeguard could not reach the Confluent API at ${closedUrl}: the connection was refused.`,
  });
});

test('an upstream slower than the timeout is a 504', async () => {
  const { server } = await setup(
    (_request, response) => {
      setTimeout(() => {
        if (!response.destroyed) response.end('{}');
      }, 2_000);
    },
    { timeoutMs: 200 },
  );
  const response = await fetch(`${server.url}${POOLS}`);
  expect(response.status).toBe(504);
  const body = (await response.json()) as { errors: { detail: string }[] };
  expect(body.errors[0]!.detail).toMatch(/did not answer within 0.2 s/);
});

test('unknown /api paths outside /api/iam are JSON 404s too', async () => {
  const { upstream, server } = await setup();
  for (const path of ['/api', '/api/lifeguard/nothing', '/api/anything']) {
    const response = await rawRequest(server.port, 'GET', path);
    expect(response.status, path).toBe(404);
    expect(response.headers['content-type']).toMatch(/json/);
  }
  expect(upstream.requests).toEqual([]);
});

/** Resolves once `check` holds, polling; fails the test after a second. */
async function eventually(check: () => boolean) {
  const deadline = Date.now() + 1_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function accessLines(logs: string[]) {
  return logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'request');
}

test('a forwarded read carries the security headers, a request id and one access log line', async () => {
  const { server } = await setup((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': '11',
    });
    response.end('{"data":[]}');
  });
  const response = await rawRequest(server.port, 'GET', POOLS, {
    headers: { 'x-request-id': 'req-read-1' },
  });
  expect(response.status).toBe(200);
  expect(response.body).toBe('{"data":[]}');
  expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers).toMatchObject({
    'content-type': 'application/json',
    'content-length': '11',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'no-referrer',
  });
  expect(response.headers['content-security-policy']).toMatch(
    /default-src 'self'/,
  );
  expect(response.headers['permissions-policy']).toMatch(/camera=\(\)/);
  await eventually(() => accessLines(server.logs).length === 1);
  expect(accessLines(server.logs)[0]).toMatchObject({
    method: 'GET',
    route: '/api/iam/v2/identity-providers/{provider_id}/identity-pools',
    status: 200,
  });
});

test('a large answer is streamed through whole, in order', async () => {
  // Bigger than the socket buffers, so the stream must wait for the client.
  const body = JSON.stringify({
    data: Array.from({ length: 40_000 }, (_, index) => ({
      id: `pool-${index}`,
    })),
  });
  const { server } = await setup((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  const response = await rawRequest(server.port, 'GET', POOLS);
  expect(response.status).toBe(200);
  expect(response.headers['content-security-policy']).toMatch(/'self'/);
  expect(response.body).toBe(body);
  await eventually(() => accessLines(server.logs).length === 1);
  expect(accessLines(server.logs)[0]).toMatchObject({ status: 200 });
});

/** A GET whose client hangs up after `after` answer bytes (0: before any). */
function abandon(port: number, path: string, after: number) {
  return new Promise<number>((resolve) => {
    let received = 0;
    const request = httpRequest(
      { host: '127.0.0.1', port, method: 'GET', path },
      (response) => {
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= after) request.destroy();
        });
      },
    );
    request.on('error', () => resolve(received));
    request.on('close', () => resolve(received));
    request.end();
    if (after === 0) setTimeout(() => request.destroy(), 100);
  });
}

test('a client hanging up before the answer cancels the upstream call', async () => {
  let upstreamClosed = false;
  const { server, upstream } = await setup((_request, response) => {
    if (upstreamClosed) {
      response.end('{}');
      return;
    }
    // The first call is never answered.
    response.on('close', () => (upstreamClosed = true));
  });
  await abandon(server.port, POOLS, 0);
  await eventually(() => upstreamClosed);
  // The server goes on answering.
  expect((await rawRequest(server.port, 'GET', POOLS)).status).toBe(200);
  expect(upstream.requests).toHaveLength(2);
});

test('a client hanging up mid-answer cancels the upstream call', async () => {
  let upstreamClosed = false;
  const { server } = await setup((_request, response) => {
    response.on('close', () => (upstreamClosed = true));
    response.writeHead(200, { 'content-type': 'application/json' });
    // Half of a large answer, then nothing.
    response.write(`{"data":"${'x'.repeat(200 * 1024)}`);
  });
  const received = await abandon(server.port, POOLS, 1024);
  expect(received).toBeGreaterThan(0);
  await eventually(() => upstreamClosed);
});

test('an upstream dying mid-answer cuts a streamed answer off', async () => {
  let calls = 0;
  const { server } = await setup((_request, response) => {
    calls += 1;
    if (calls > 1) {
      response.end('{}');
      return;
    }
    // Larger than Lifeguard reads whole to rewrite links: streamed.
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(5 * 1024 * 1024),
    });
    response.write(`{"data":"${'x'.repeat(100 * 1024)}`);
    setTimeout(() => response.socket?.destroy(), 50);
  });
  const outcome = await new Promise<string>((resolve) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: server.port, method: 'GET', path: POOLS },
      (response) => {
        expect(response.statusCode).toBe(200);
        response.resume();
        response.on('end', () => resolve('complete'));
        response.on('error', () => resolve('cut off'));
        response.on('aborted', () => resolve('cut off'));
      },
    );
    request.on('error', () => resolve('cut off'));
    request.end();
  });
  expect(outcome).toBe('cut off');
  expect((await rawRequest(server.port, 'GET', POOLS)).status).toBe(200);
});

test('an upstream dying inside a small answer is a 502, keeping its request id and budget', async () => {
  const { server } = await setup((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': '100',
      'x-ratelimit-remaining': '7',
    });
    response.write('{"data":');
    setTimeout(() => response.socket?.destroy(), 50);
  });
  const response = await rawRequest(server.port, 'GET', POOLS);
  expect(response.status).toBe(502);
  const requestId = response.headers['x-request-id'];
  expect(response.headers).toMatchObject({
    'x-ratelimit-remaining': '7',
    'content-length': String(Buffer.byteLength(response.body)),
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['content-security-policy']).toMatch(/'self'/);
  expect(JSON.parse(response.body).errors[0]).toMatchObject({
    id: requestId,
    status: '502',
    code: 'upstream_unreachable',
  });
  await eventually(() => accessLines(server.logs).length === 1);
  expect(accessLines(server.logs)[0]).toMatchObject({ status: 502 });
});

test('a small answer stalling past the timeout is a 504', async () => {
  const { server } = await setup(
    (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': '100',
      });
      response.write('{"data":');
    },
    { timeoutMs: 200 },
  );
  const response = await rawRequest(server.port, 'GET', POOLS);
  expect(response.status).toBe(504);
  expect(JSON.parse(response.body).errors[0].code).toBe('upstream_timeout');
});

test('a read that waits for the upstream past the deadline is a 504, then the server goes on', async () => {
  let calls = 0;
  const { server } = await setup(
    (_request, response) => {
      calls += 1;
      if (calls > 1) response.end('{}');
    },
    { timeoutMs: 200 },
  );
  // The upstream never answers the first call: a 504 at all is the deadline.
  const response = await rawRequest(server.port, 'GET', POOLS, {
    headers: { 'x-request-id': 'req-slow' },
  });
  expect(response.status).toBe(504);
  expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['content-security-policy']).toMatch(/'self'/);
  expect(JSON.parse(response.body).errors[0].code).toBe('upstream_timeout');
  expect((await rawRequest(server.port, 'GET', POOLS)).status).toBe(200);
});

test('links in a JSON answer become /api paths; the same URL inside any other value is left as it came', () => {
  const endpoint = 'https://api.confluent.cloud';
  const prefix = `${endpoint}/`;
  const self = `${endpoint}/iam/v2/identity-providers/op-1/identity-pools/pool-2`;
  const body = {
    kind: 'IdentityPoolList',
    metadata: {
      first: `${endpoint}/iam/v2/identity-providers/op-1/identity-pools?page_size=2`,
      next: `${endpoint}/iam/v2/identity-providers/op-1/identity-pools?page_size=2&page_token=abc`,
    },
    data: [
      {
        id: 'pool-2',
        metadata: { self },
        // A person's text that happens to hold the same URL, even shaped
        // like a link member: it must reach the console untouched.
        description: `Zürich 🚀: see "self":"${self}" and ${endpoint}/docs`,
        self: 'not-a-link',
      },
      { id: 'pool-3', metadata: { self: 'https://other.example/x' } },
    ],
  };
  for (const text of [JSON.stringify(body), JSON.stringify(body, null, 2)]) {
    const rewritten = JSON.parse(
      Buffer.from(
        rewriteLinks(Buffer.from(text).toString('latin1'), prefix),
        'latin1',
      ).toString(),
    ) as typeof body;
    expect(rewritten.metadata).toEqual({
      first: '/api/iam/v2/identity-providers/op-1/identity-pools?page_size=2',
      next: '/api/iam/v2/identity-providers/op-1/identity-pools?page_size=2&page_token=abc',
    });
    expect(rewritten.data[0]!.metadata.self).toBe(
      '/api/iam/v2/identity-providers/op-1/identity-pools/pool-2',
    );
    expect(rewritten.data[0]!.description).toBe(body.data[0]!.description);
    expect(rewritten.data[0]!.self).toBe('not-a-link');
    expect(rewritten.data[1]!.metadata.self).toBe('https://other.example/x');
  }
  const untouched = '{"id":"pool-9"}';
  expect(rewriteLinks(untouched, prefix)).toBe(untouched);
});
