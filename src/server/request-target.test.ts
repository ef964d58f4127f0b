import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { startTestEmulator } from '../emulator/test-server.ts';
import { createServer } from './app.ts';
import type { AuthConfig } from './config.ts';
import { basicCredentials } from './credentials.ts';
import type { DeclaredRoute } from './endpoint.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import {
  ADMIN_PASSWORD,
  offlineServer,
  passwordAuth,
  rawRequest,
  signIn,
  VIEWER_PASSWORD,
  type RawResponse,
} from './test-helpers.ts';

let auth: AuthConfig;

beforeAll(async () => {
  auth = await passwordAuth();
});

const INDEX_HTML = '<!doctype html><title>Lifeguard</title>';

/** A built console of two files, the emulator, and the server over both. */
async function setup(apiRateLimit?: { max: number; windowSeconds: number }) {
  const dist = mkdtempSync(join(tmpdir(), 'lifeguard-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'export {};');
  const emulator = await startTestEmulator();
  const store = await LifeguardStore.open(IN_MEMORY_SQLITE);
  const app = createServer({
    distDir: dist,
    upstream: {
      endpoint: emulator.url,
      label: 'emulator',
      credentials: basicCredentials(
        emulator.config.apiKey,
        emulator.config.apiSecret,
      ),
      timeoutMs: 5_000,
    },
    auth,
    store,
    logLevel: 'silent',
    ...(apiRateLimit ? { apiRateLimit } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(async () => {
    await app.close();
    await emulator.close();
    await store.close();
    rmSync(dist, { recursive: true, force: true });
  });
  const port = Number(new URL(url).port);
  const admin = await signIn(port, 'alice', ADMIN_PASSWORD);
  const providers = await rawRequest(
    port,
    'GET',
    '/api/iam/v2/identity-providers',
    { headers: { cookie: admin } },
  );
  const providerId = (JSON.parse(providers.body) as { data: { id: string }[] })
    .data[0]!.id;
  const pools = await rawRequest(
    port,
    'GET',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    { headers: { cookie: admin } },
  );
  const poolId = (JSON.parse(pools.body) as { data: { id: string }[] }).data[0]!
    .id;
  return { app, port, store, admin, providerId, poolId };
}

/** A request path for a declared route, its params filled with real ids. */
function plainPath(
  route: DeclaredRoute,
  ids: { providerId: string; poolId: string },
): string {
  const isPool = route.url.includes('/identity-pools/:id');
  const isProvider = /identity-providers\/:id/.test(route.url);
  return route.url
    .replace(/:provider_id|:providerId/g, ids.providerId)
    .replace(/:poolId/g, ids.poolId)
    .replace(
      /:id/g,
      isPool ? ids.poolId : isProvider ? ids.providerId : 'tc-none',
    )
    .replace(/\*$/, 'providers/op-1');
}

/**
 * Other ways to write `path`: each must either be refused as a request
 * target or, when it is not (a case change, a trailing slash…), reach no
 * more than the plain spelling does.
 */
function spellings(
  path: string,
  port: number,
): { name: string; path: string; refused: boolean }[] {
  const segments = path.split('/');
  const letterAt = path.search(/[a-z]/);
  const letter = path[letterAt] ?? 'x';
  const escaped = `%${letter.charCodeAt(0).toString(16)}`;
  const lastSlash = path.lastIndexOf('/');
  const list = [
    {
      name: 'an escaped letter',
      escape: true,
      path: `${path.slice(0, letterAt)}${escaped}${path.slice(letterAt + 1)}`,
      refused: true,
    },
    {
      name: 'an escaped letter in upper-case hex',
      escape: true,
      path: `${path.slice(0, letterAt)}${escaped.toUpperCase()}${path.slice(letterAt + 1)}`,
      refused: true,
    },
    {
      name: 'a doubly escaped letter',
      escape: true,
      path: `${path.slice(0, letterAt)}%25${escaped.slice(1)}${path.slice(letterAt + 1)}`,
      refused: true,
    },
    {
      name: 'an escaped slash',
      path: `${path.slice(0, lastSlash)}%2F${path.slice(lastSlash + 1)}`,
      refused: true,
      inner: true,
    },
    {
      name: 'a dot segment',
      path: `/${segments[1]}/.${path.slice(segments[1]!.length + 1)}`,
      refused: true,
    },
    {
      name: 'a dot-dot segment',
      path: `/${segments[1]}/x/..${path.slice(segments[1]!.length + 1)}`,
      refused: true,
    },
    {
      name: 'an escaped dot-dot segment',
      path: `/${segments[1]}/x/%2e%2e${path.slice(segments[1]!.length + 1)}`,
      refused: true,
    },
    { name: 'a doubled slash', path: `/${path}`, refused: true },
    {
      name: 'a doubled inner slash',
      path: path.replace(/\/(?=[^/]*$)/, '//'),
      refused: true,
      inner: true,
    },
    {
      name: 'a backslash',
      path: path.replace(/\/(?=[^/]*$)/, '\\'),
      refused: true,
      inner: true,
    },
    {
      name: 'the absolute form',
      path: `http://127.0.0.1:${port}${path}`,
      refused: true,
    },
    {
      name: 'the absolute form naming another host',
      path: `http://evil.example${path}`,
      refused: true,
    },
    { name: 'upper case', path: path.toUpperCase(), refused: false },
    { name: 'a trailing slash', path: `${path}/`, refused: false },
    { name: 'a semicolon', path: `${path};x=1`, refused: false },
  ];
  // A one-segment path has no inner slash to change, the root no letter.
  return list.filter(
    (each) =>
      each.path !== path &&
      (lastSlash > 0 || !('inner' in each)) &&
      (letterAt !== -1 || !('escape' in each)),
  );
}

/**
 * An answer that hands over something: not an error, and not the console's
 * page (the only HTML served: public, and the same for every path).
 */
function grants(response: RawResponse): boolean {
  return (
    response.status >= 200 &&
    response.status < 400 &&
    !String(response.headers['content-type']).startsWith('text/html')
  );
}

const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

test('no spelling of any route gets past a check its plain spelling meets', async () => {
  const { app, port, admin, providerId, poolId, store } = await setup();
  const viewer = await signIn(port, 'victor', VIEWER_PASSWORD);
  // The server's own list, so a new route is covered without editing this.
  const routes = app
    .declaredRoutes()
    .filter((route) => METHODS.has(route.method));
  const urls = new Set(routes.map((route) => route.url));
  // Every kind of route is there: forwarded, Lifeguard's own, files, pages.
  for (const url of [
    '/api/iam/v2/identity-providers/:provider_id/identity-pools/:id',
    '/api/lifeguard/providers/:providerId/pools/:poolId/test-cases',
    '/api/lifeguard/audit',
    '/api/lifeguard/login',
    '/assets/app-1a2b.js',
    '/healthz',
    '/*',
    '/api/*',
  ]) {
    expect(urls, url).toContain(url);
  }

  const callers: {
    name: string;
    headers: Record<string, string>;
    csrf: boolean;
  }[] = [
    { name: 'no session', headers: {}, csrf: true },
    { name: 'a viewer', headers: { cookie: viewer }, csrf: true },
    { name: 'an admin without CSRF', headers: { cookie: admin }, csrf: false },
  ];
  let checked = 0;
  for (const route of routes) {
    const path = plainPath(route, { providerId, poolId });
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    for (const caller of callers) {
      const send = (target: string) =>
        rawRequest(port, route.method, target, {
          csrf: caller.csrf,
          headers: {
            ...caller.headers,
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
          },
          ...(hasBody ? { body: '{}' } : {}),
        }).catch((error: unknown) => {
          throw new Error(`${route.method} ${target}: ${String(error)}`);
        });
      const plain = await send(path);
      if (path.startsWith('/api') && route.method !== 'HEAD') {
        expect(plain.headers['cache-control'], `${route.method} ${path}`).toBe(
          'no-store',
        );
      }
      for (const spelling of spellings(path, port)) {
        const other = await send(spelling.path);
        const label = `${route.method} ${spelling.path} (${spelling.name}) by ${caller.name}`;
        checked += 1;
        if (spelling.refused) {
          expect(other.status, label).toBe(400);
          if (route.method !== 'HEAD') {
            expect(JSON.parse(other.body).errors[0].code, label).toBe(
              'bad_request_target',
            );
          }
        }
        if (!grants(plain)) expect(grants(other), label).toBe(false);
      }
    }
  }
  expect(checked).toBeGreaterThan(1_000);
  // Nothing was written by anyone along the way.
  expect(await store.testCases.list(providerId, poolId)).toEqual([]);
});

test('a spelled-out path does not slip past the rate limit', async () => {
  const { port, admin, providerId, poolId } = await setup({
    max: 3,
    windowSeconds: 60,
  });
  const path = `/api/lifeguard/providers/${providerId}/pools/${poolId}/test-cases`;
  // The admin spends the rest of their budget on the plain path.
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const response = await rawRequest(port, 'GET', path, {
      headers: { cookie: admin },
    });
    statuses.push(response.status);
  }
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.filter((status) => status === 200).length).toBeLessThan(4);
  for (const other of [
    path.replace('/api/', '/%61pi/'),
    path.replace('providers', 'provider%73'),
    `http://127.0.0.1:${port}${path}`,
  ]) {
    const response = await rawRequest(port, 'GET', other, {
      headers: { cookie: admin },
    });
    expect(response.status, other).toBe(400);
  }
});

/** Sends `head` as written over a socket and returns the status line and body. */
function rawSocket(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(head);
  });
}

test.each([
  'GET http://127.0.0.1/api/lifeguard/audit HTTP/1.1',
  'GET http://evil.example/api/iam/v2/identity-providers HTTP/1.1',
  'POST http://127.0.0.1/api/lifeguard/providers/op-FAKE/pools/pool-FAKE/test-cases HTTP/1.1',
  'GET https://127.0.0.1/healthz HTTP/1.1',
  'OPTIONS * HTTP/1.1',
])('over a raw socket, %s is a JSON 400', async (line) => {
  const { port } = await setup();
  const answer = await rawSocket(
    port,
    `${line}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nX-Lifeguard-Csrf: 1\r\nConnection: close\r\n\r\n{}`,
  );
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).toMatch(/content-type: application\/json/i);
  expect(answer).toContain('"code":"bad_request_target"');
  expect(answer).toMatch(/content-security-policy: /i);
});

test('a server with a route that declares no policy does not start', async () => {
  const app = offlineServer();
  app.get('/api/lifeguard/forgotten', async () => ({ secret: true }));
  await expect(app.ready()).rejects.toThrow(
    /GET \/api\/lifeguard\/forgotten declares no policy/,
  );
  await app.close().catch(() => undefined);
});
