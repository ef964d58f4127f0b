import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { fetchJwks, type JwksSource } from './jwks-fetch.ts';

const RSA_KEY = { kty: 'RSA', kid: 'k1', alg: 'RS256', n: 'AQAB', e: 'AQAB' };

// A key server on loopback answering each path as `routes` says.
async function keyServer(
  routes: Record<string, (response: ServerResponse) => void>,
): Promise<string> {
  const server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  onTestFinished(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const UNDER_CONTROL: JwksSource = {
  control: true,
  isDenied: () => false,
  local: () => undefined,
  timeoutMs: 300,
};

function json(body: unknown, headers: Record<string, string> = {}) {
  return (response: ServerResponse) =>
    response
      .writeHead(200, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
}

test('a key set is read with its max-age; entries that are not JWKs are dropped', async () => {
  const base = await keyServer({
    '/keys': json(
      { keys: [RSA_KEY, 42, { kid: 'no-kty' }] },
      { 'cache-control': 'public, max-age=3600, must-revalidate' },
    ),
    '/no-cache': json({ keys: [] }, { 'cache-control': 'no-cache' }),
    '/plain': json({ keys: [RSA_KEY] }),
  });
  expect(await fetchJwks(`${base}/keys`, UNDER_CONTROL)).toEqual({
    ok: true,
    keys: [RSA_KEY],
    maxAgeSeconds: 3600,
  });
  expect(await fetchJwks(`${base}/no-cache`, UNDER_CONTROL)).toMatchObject({
    maxAgeSeconds: 0,
  });
  expect(await fetchJwks(`${base}/plain`, UNDER_CONTROL)).toMatchObject({
    maxAgeSeconds: undefined,
  });
});

test('each way a read fails says why', async () => {
  const base = await keyServer({
    '/error': (response) => response.writeHead(500).end('boom'),
    '/moved': (response) =>
      response.writeHead(302, { location: 'https://example.com/' }).end(),
    '/text': (response) => response.writeHead(200).end('<html>keys</html>'),
    '/shape': json({ jwks: [RSA_KEY] }),
    '/huge': json({ keys: [], padding: 'x'.repeat(300 * 1024) }),
    '/stream': (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[], "padding":"');
      for (let i = 0; i < 300; i += 1) response.write('x'.repeat(1024));
      response.end('"}');
    },
    '/silent': () => undefined,
  });
  const reasons: Record<string, string> = {
    '/error': 'it answered HTTP 500',
    '/moved': 'it answered HTTP 302, a redirect, which is not followed',
    '/text': 'its answer is not JSON',
    '/shape': 'its answer is not a JWK set ({"keys": [...]}, at most 100 keys)',
    '/huge': 'its answer is larger than 256 KiB',
    '/stream': 'its answer is larger than 256 KiB',
    '/silent': 'it did not answer within 0.3 s',
  };
  for (const [path, reason] of Object.entries(reasons)) {
    expect(await fetchJwks(`${base}${path}`, UNDER_CONTROL), path).toEqual({
      ok: false,
      reason,
    });
  }
});

test('plain http is read only on loopback under control; denied hosts and refused connections are named', async () => {
  const base = await keyServer({ '/keys': json({ keys: [RSA_KEY] }) });
  expect(
    await fetchJwks(`${base}/keys`, { ...UNDER_CONTROL, control: false }),
  ).toEqual({
    ok: false,
    reason:
      'plain http is read only from loopback addresses, and only with EMULATOR_CONTROL=1',
  });
  expect(
    await fetchJwks('http://keys.example.com/jwks', UNDER_CONTROL),
  ).toEqual({ ok: false, reason: 'only https URLs are read' });
  expect(
    await fetchJwks(`${base}/keys`, {
      ...UNDER_CONTROL,
      isDenied: (host) => host === '127.0.0.1',
    }),
  ).toEqual({
    ok: false,
    reason:
      '127.0.0.1 is unreachable from this emulator (EMULATOR_JWKS_DENY_HOSTS)',
  });
  // A port that was free a moment ago and that nothing listens on now.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  expect(
    await fetchJwks(`http://127.0.0.1:${port}/keys`, UNDER_CONTROL),
  ).toEqual({ ok: false, reason: 'the connection was refused' });
});

test('a key set answered in-process is not fetched', async () => {
  const result = await fetchJwks('https://idp.lifeguard.test/jwks', {
    ...UNDER_CONTROL,
    control: false,
    local: (uri) =>
      uri === 'https://idp.lifeguard.test/jwks'
        ? Promise.resolve({ keys: [RSA_KEY] })
        : undefined,
  });
  expect(result).toEqual({
    ok: true,
    keys: [RSA_KEY],
    maxAgeSeconds: undefined,
  });
});
