import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { DISCOVERY_API, type DiscoveryResult } from '#contract/discovery.ts';
import type { AuthConfig } from './config.ts';
import { parseServerConfig } from './config.ts';
import {
  DISCOVERY_MAX_BYTES,
  discover,
  DiscoveryError,
  nonPublicKind,
  type DiscoveryOptions,
} from './discovery.ts';
import {
  ADMIN_PASSWORD,
  passwordAuth,
  rawRequest,
  signIn,
  startFakeUpstream,
  startTestServer,
  VIEWER_PASSWORD,
} from './test-helpers.ts';

let tls: { cert: Buffer; key: Buffer };

beforeAll(() => {
  // A throwaway self-signed certificate for the names the tests use.
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-discovery-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=issuer.test',
      '-addext',
      'subjectAltName=DNS:issuer.test,DNS:localhost,IP:127.0.0.1,IP:::1',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  tls = {
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  };
  return () => rmSync(dir, { recursive: true, force: true });
});

type Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
) => void;

type Issuer = {
  origin: string;
  port: number;
  /** Paths requested, in order. */
  requests: string[];
  /** Host headers and TLS server names seen. */
  hosts: string[];
};

/** An https server on 127.0.0.1 with the test certificate. */
async function startIssuer(handler: Handler): Promise<Issuer> {
  const requests: string[] = [];
  const hosts: string[] = [];
  let origin = '';
  const server = createHttpsServer(tls, (request, response) => {
    requests.push(request.url ?? '');
    hosts.push(String(request.headers.host));
    handler(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { origin, port, requests, hosts };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Serves a valid discovery document for whatever issuer the request names. */
function validDocument(issuerOf: (origin: string) => string): Handler {
  return (request, response, origin) => {
    const issuer = issuerOf(origin);
    if (
      request.url !==
      `${new URL(issuer).pathname.replace(/\/$/, '')}/.well-known/openid-configuration`
    ) {
      json(response, 404, { error: 'not here' });
      return;
    }
    json(response, 200, {
      issuer,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      authorization_endpoint: `${issuer}/auth`,
    });
  };
}

const TRUSTING: DiscoveryOptions = { allowPrivate: true };

async function refusal(
  issuer: string,
  options: DiscoveryOptions,
): Promise<DiscoveryError> {
  const error = await discover(issuer, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscoveryError)) {
    throw new Error(`expected a DiscoveryError, got ${String(error)}`);
  }
  return error;
}

test.each([
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['fd00::1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['100.64.0.1', 'shared (carrier-grade NAT)'],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:a00:1', 'private'],
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2001:db8::1', 'documentation'],
  ['192.0.2.10', 'documentation'],
  ['2001::1', 'reserved'],
  ['2002:7f00:1::1', 'reserved'],
  ['::127.0.0.1', 'reserved'],
  ['not-an-address', 'reserved'],
  ['8.8.8.8', undefined],
  ['172.32.0.1', undefined],
  ['2606:4700:4700::1111', undefined],
  ['::ffff:8.8.8.8', undefined],
  ['64:ff9b::808:808', undefined],
])('%s is %s', (address, kind) => {
  expect(nonPublicKind(address)).toBe(kind);
});

test('with the setting, the jwks_uri is read from <issuer>/.well-known/openid-configuration', async () => {
  const issuer = await startIssuer(
    validDocument((origin) => `${origin}/realms/main`),
  );
  const result = await discover(`${issuer.origin}/realms/main`, {
    ...TRUSTING,
    ca: tls.cert,
  });
  expect(result).toEqual({
    issuer: `${issuer.origin}/realms/main`,
    jwks_uri: `${issuer.origin}/realms/main/protocol/openid-connect/certs`,
    discovery_url: `${issuer.origin}/realms/main/.well-known/openid-configuration`,
  });
  expect(issuer.requests).toEqual([
    '/realms/main/.well-known/openid-configuration',
  ]);
});

test('without the setting, loopback and private issuers are refused before any connection', async () => {
  const issuer = await startIssuer(validDocument((origin) => origin));
  const port = issuer.port;
  for (const [url, expected] of [
    [`https://127.0.0.1:${port}`, '127.0.0.1 is a loopback address'],
    [`https://localhost:${port}`, 'localhost resolves to'],
    [`https://[::1]:${port}`, '::1 is a loopback address'],
    // The URL parser turns these spellings into 127.0.0.1 first.
    [`https://2130706433:${port}`, '127.0.0.1 is a loopback address'],
    [`https://0x7f.1:${port}`, '127.0.0.1 is a loopback address'],
    [`https://[::ffff:127.0.0.1]:${port}`, 'a loopback address'],
    ['https://10.0.0.1', '10.0.0.1 is a private address'],
    ['https://192.168.0.10', 'a private address'],
    ['https://169.254.169.254', '169.254.169.254 is a link-local address'],
  ] as const) {
    const error = await refusal(url, { ca: tls.cert });
    expect(error.code, url).toBe('address_refused');
    expect(error.status).toBe(422);
    expect(error.message, url).toContain(expected);
    expect(error.message).toContain('DISCOVERY_ALLOW_PRIVATE=1');
  }
  expect(issuer.requests).toEqual([]);
});

test('every address of a name is checked: one private address among public ones is refused', async () => {
  const error = await refusal('https://issuer.test', {
    resolve: async () => [
      { address: '8.8.8.8', family: 4 },
      { address: '10.20.30.40', family: 4 },
    ],
  });
  expect(error.code).toBe('address_refused');
  expect(error.message).toContain(
    'issuer.test resolves to 10.20.30.40, a private address',
  );
});

test('the connection goes to the address that was checked: the name is looked up once (no DNS rebinding)', async () => {
  const issuer = await startIssuer(
    validDocument((origin) => origin.replace('127.0.0.1', 'issuer.test')),
  );
  const lookups: string[] = [];
  const result = await discover(`https://issuer.test:${issuer.port}`, {
    ...TRUSTING,
    ca: tls.cert,
    // A rebinding resolver: a second lookup would get an address nothing
    // listens on, and the request would fail.
    resolve: async (hostname) => {
      lookups.push(hostname);
      return lookups.length === 1
        ? [{ address: '127.0.0.1', family: 4 }]
        : [{ address: '127.0.0.2', family: 4 }];
    },
  });
  expect(result.jwks_uri).toBe(
    `https://issuer.test:${issuer.port}/protocol/openid-connect/certs`,
  );
  expect(lookups).toEqual(['issuer.test']);
  // The request still names the host (Host header, TLS server name).
  expect(issuer.hosts).toEqual([`issuer.test:${issuer.port}`]);
});

test('an unknown host is named', async () => {
  const error = await refusal('https://issuer.test', {
    resolve: async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND issuer.test'), {
        code: 'ENOTFOUND',
      });
    },
  });
  expect(error.code).toBe('host_not_found');
  expect(error.message).toBe(
    'No address was found for issuer.test (ENOTFOUND). Check the issuer’s spelling.',
  );
});

test('only https: an http issuer is refused without being contacted, even with the setting', async () => {
  const requests: string[] = [];
  const server = createHttpServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  const port = (server.address() as AddressInfo).port;

  const error = await refusal(`http://127.0.0.1:${port}`, TRUSTING);
  expect(error.code).toBe('invalid_issuer');
  expect(error.status).toBe(400);
  expect(error.message).toContain('The issuer must be an https:// URL');
  expect(requests).toEqual([]);
});

test('an http server on the issuer’s https port is a TLS failure, explained', async () => {
  const server = createHttpServer((_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  const port = (server.address() as AddressInfo).port;
  const error = await refusal(`https://127.0.0.1:${port}`, TRUSTING);
  expect(error.code).toBe('tls_failed');
  expect(error.message).toMatch(/is it serving https on that port\?/);
});

test('a certificate no authority vouches for is refused', async () => {
  const issuer = await startIssuer(validDocument((origin) => origin));
  const error = await refusal(issuer.origin, TRUSTING);
  expect(error.code).toBe('tls_failed');
  expect(error.message).toContain(
    'The certificate of 127.0.0.1:' + issuer.port + ' was not accepted',
  );
});

test.each([
  ['not a url', '“not a url” is not a URL'],
  ['https://user:pw@issuer.test', 'must not contain a user name or password'],
  ['https://issuer.test/?tenant=1', 'An issuer has no query'],
  ['https://issuer.test/#x', 'An issuer has no query'],
])('the issuer %s is refused before any lookup', async (issuer, message) => {
  const error = await refusal(issuer, {
    resolve: () => {
      throw new Error('must not be looked up');
    },
  });
  expect(error.code).toBe('invalid_issuer');
  expect(error.message).toContain(message);
});

test('an issuer that accepts the connection but never answers times out', async () => {
  const issuer = await startIssuer(() => {
    // Never answers.
  });
  const started = Date.now();
  const error = await refusal(issuer.origin, {
    ...TRUSTING,
    ca: tls.cert,
    timeoutMs: 300,
  });
  expect(error.code).toBe('timeout');
  expect(error.message).toBe(
    `127.0.0.1:${issuer.port} did not answer within 0.3 s. Check the issuer URL, or try again later.`,
  );
  expect(Date.now() - started).toBeLessThan(3_000);
});

test('a document that stalls halfway times out too', async () => {
  const issuer = await startIssuer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"issuer":');
  });
  const error = await refusal(issuer.origin, {
    ...TRUSTING,
    ca: tls.cert,
    timeoutMs: 300,
  });
  expect(error.code).toBe('timeout');
});

test('a name lookup that hangs counts against the time limit', async () => {
  const error = await refusal('https://issuer.test', {
    timeoutMs: 200,
    resolve: () => new Promise(() => {}),
  });
  expect(error.code).toBe('timeout');
  expect(error.message).toContain('issuer.test did not answer within 0.2 s');
});

test.each([
  ['declared in Content-Length', true],
  ['streamed without a length', false],
])(
  'a document over the size limit is refused (%s)',
  async (_name, declared) => {
    const big = JSON.stringify({ padding: 'x'.repeat(DISCOVERY_MAX_BYTES) });
    const issuer = await startIssuer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(declared ? { 'content-length': Buffer.byteLength(big) } : {}),
      });
      // In pieces, so the limit is met while the body is still arriving.
      for (let i = 0; i < big.length; i += 8192) {
        response.write(big.slice(i, i + 8192));
      }
      response.end();
    });
    const error = await refusal(issuer.origin, { ...TRUSTING, ca: tls.cert });
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('is larger than 64 KiB');
  },
);

test('an HTML page is not a discovery document', async () => {
  const issuer = await startIssuer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Sign in</title>');
  });
  const error = await refusal(issuer.origin, { ...TRUSTING, ca: tls.cert });
  expect(error.code).toBe('not_json');
  expect(error.message).toBe(
    `${issuer.origin}/.well-known/openid-configuration did not answer with a JSON discovery document (content type: text/html; charset=utf-8). Check the issuer URL.`,
  );
});

test('a missing document and a failing server are told apart', async () => {
  const issuer = await startIssuer((request, response) => {
    json(response, request.url?.startsWith('/broken') ? 500 : 404, {});
  });
  const missing = await refusal(issuer.origin, { ...TRUSTING, ca: tls.cert });
  expect(missing.code).toBe('not_found');
  expect(missing.message).toContain(
    `There is no discovery document at ${issuer.origin}/.well-known/openid-configuration (HTTP 404)`,
  );
  const broken = await refusal(`${issuer.origin}/broken`, {
    ...TRUSTING,
    ca: tls.cert,
  });
  expect(broken.code).toBe('http_error');
  expect(broken.message).toContain('answered HTTP 500');
});

test('a redirect is not followed', async () => {
  const target = await startIssuer(validDocument((origin) => origin));
  const issuer = await startIssuer((_request, response) => {
    response.writeHead(302, {
      location: `${target.origin}/.well-known/openid-configuration`,
    });
    response.end();
  });
  const error = await refusal(issuer.origin, { ...TRUSTING, ca: tls.cert });
  expect(error.code).toBe('redirect_refused');
  expect(error.message).toContain(
    `redirects to ${target.origin}/.well-known/openid-configuration (HTTP 302)`,
  );
  expect(target.requests).toEqual([]);
});

test('the document must name exactly the issuer asked for', async () => {
  const issuer = await startIssuer((_request, response, origin) =>
    json(response, 200, { issuer: origin, jwks_uri: `${origin}/keys` }),
  );
  // A trailing slash reads the same document, whose issuer has none.
  const error = await refusal(`${issuer.origin}/`, {
    ...TRUSTING,
    ca: tls.cert,
  });
  expect(error.code).toBe('issuer_mismatch');
  expect(error.message).toBe(
    `The document names its issuer “${issuer.origin}”, not “${issuer.origin}/”. Tokens carry the document’s value in iss, so give exactly that as the issuer.`,
  );
});

test('a jwks_uri that is missing or not https is refused', async () => {
  const issuer = await startIssuer((request, response, origin) => {
    const base = request.url?.startsWith('/plain') ? `${origin}/plain` : origin;
    json(response, 200, {
      issuer: base,
      ...(request.url?.startsWith('/plain')
        ? { jwks_uri: 'http://keys.example.com/jwks' }
        : {}),
    });
  });
  const missing = await refusal(issuer.origin, { ...TRUSTING, ca: tls.cert });
  expect(missing.code).toBe('invalid_jwks_uri');
  expect(missing.message).toContain('has no jwks_uri');
  const plain = await refusal(`${issuer.origin}/plain`, {
    ...TRUSTING,
    ca: tls.cert,
  });
  expect(plain.code).toBe('invalid_jwks_uri');
  expect(plain.message).toContain(
    '“http://keys.example.com/jwks” is not an https URL',
  );
});

// Through the server: who may ask, and what the answer looks like.

let auth: AuthConfig;

beforeAll(async () => {
  auth = await passwordAuth();
});

async function setup(options: Parameters<typeof startTestServer>[1] = {}) {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    logLevel: 'silent',
    ...options,
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return server;
}

function discoveryPath(issuer: string) {
  return `${DISCOVERY_API}?issuer=${encodeURIComponent(issuer)}`;
}

test('signed-in admins get the jwks_uri; viewers get 403 and signed-out callers 401, and neither reaches the issuer', async () => {
  const issuer = await startIssuer(validDocument((origin) => origin));
  const server = await setup({
    auth,
    discovery: { allowPrivate: true, ca: tls.cert },
  });
  const path = discoveryPath(issuer.origin);

  const signedOut = await rawRequest(server.port, 'GET', path);
  expect(signedOut.status).toBe(401);
  expect(JSON.parse(signedOut.body).errors[0].code).toBe('unauthenticated');

  const viewer = await signIn(server.port, 'victor', VIEWER_PASSWORD);
  const refused = await rawRequest(server.port, 'GET', path, {
    headers: { cookie: viewer },
  });
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).errors[0]).toMatchObject({
    code: 'forbidden_role',
    detail: expect.stringContaining('Your role (viewer)'),
  });
  expect(issuer.requests).toEqual([]);

  const admin = await signIn(server.port, 'alice', ADMIN_PASSWORD);
  const answered = await rawRequest(server.port, 'GET', path, {
    headers: { cookie: admin },
  });
  expect(answered.status).toBe(200);
  expect(answered.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(answered.body) as DiscoveryResult).toEqual({
    issuer: issuer.origin,
    jwks_uri: `${issuer.origin}/protocol/openid-connect/certs`,
    discovery_url: `${issuer.origin}/.well-known/openid-configuration`,
  });
  expect(issuer.requests).toHaveLength(1);
});

test('another site cannot make a browser ask for discovery', async () => {
  const issuer = await startIssuer(validDocument((origin) => origin));
  const server = await setup({
    discovery: { allowPrivate: true, ca: tls.cert },
  });
  for (const site of ['cross-site', 'same-site']) {
    const response = await rawRequest(
      server.port,
      'GET',
      discoveryPath(issuer.origin),
      { headers: { 'sec-fetch-site': site } },
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).errors[0].code).toBe('csrf_refused');
  }
  const own = await rawRequest(
    server.port,
    'GET',
    discoveryPath(issuer.origin),
    { headers: { 'sec-fetch-site': 'same-origin' } },
  );
  expect(own.status).toBe(200);
  expect(issuer.requests).toHaveLength(1);
});

test('by default the server refuses a loopback issuer with a Failure body naming the issuer parameter', async () => {
  const issuer = await startIssuer(validDocument((origin) => origin));
  const server = await setup();
  const response = await rawRequest(
    server.port,
    'GET',
    discoveryPath(issuer.origin),
  );
  expect(response.status).toBe(422);
  expect(response.headers['x-request-id']).toBeTruthy();
  expect(JSON.parse(response.body).errors[0]).toMatchObject({
    status: '422',
    code: 'address_refused',
    title: 'Discovery Failed',
    detail: expect.stringContaining('127.0.0.1 is a loopback address'),
    source: { parameter: 'issuer' },
  });
  expect(issuer.requests).toEqual([]);
});

test.each([
  ['', 'Give the issuer URL (?issuer=https://…).'],
  ['?issuer=', 'Give the issuer URL (?issuer=https://…).'],
  ['?issuer=https://a.example&issuer=https://b.example', 'Give issuer once.'],
  [`?issuer=https://${'a'.repeat(2050)}.example`, 'at most 2048 characters'],
])('a bad query %#: 400 saying what is wrong', async (query, message) => {
  const server = await setup();
  const response = await rawRequest(
    server.port,
    'GET',
    `${DISCOVERY_API}${query}`,
  );
  expect(response.status).toBe(400);
  expect(JSON.parse(response.body).errors[0]).toMatchObject({
    code: 'invalid_issuer',
    detail: expect.stringContaining(message),
  });
});

test('discovery counts against the per-user API rate limit', async () => {
  const server = await setup({ apiRateLimit: { max: 2, windowSeconds: 60 } });
  const path = discoveryPath('https://10.0.0.1');
  expect((await rawRequest(server.port, 'GET', path)).status).toBe(422);
  expect((await rawRequest(server.port, 'GET', path)).status).toBe(422);
  const limited = await rawRequest(server.port, 'GET', path);
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBeTruthy();
  expect(JSON.parse(limited.body).errors[0].code).toBe(
    'lifeguard_rate_limited',
  );
});

test('DISCOVERY_ALLOW_PRIVATE is off by default, 1 turns it on, and a bad value is named', () => {
  expect(parseServerConfig({})).toMatchObject({
    ok: true,
    config: { discoveryAllowPrivate: false },
  });
  expect(parseServerConfig({ DISCOVERY_ALLOW_PRIVATE: '1' })).toMatchObject({
    ok: true,
    config: { discoveryAllowPrivate: true },
  });
  expect(parseServerConfig({ DISCOVERY_ALLOW_PRIVATE: 'maybe' })).toEqual({
    ok: false,
    errors: [
      'DISCOVERY_ALLOW_PRIVATE: must be 1 or 0 (or true/false) (got "maybe")',
    ],
  });
});
