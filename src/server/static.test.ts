import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, onTestFinished, test } from 'vitest';
import {
  rawRequest,
  startFakeUpstream,
  startTestServer,
} from './test-helpers.ts';

async function setup() {
  const dist = mkdtempSync(join(tmpdir(), 'lifeguard-static-'));
  mkdirSync(join(dist, 'assets'));
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>Lifeguard</title>',
  );
  writeFileSync(join(dist, 'assets', 'index-AbC12345.js'), script);
  writeFileSync(
    join(dist, 'assets', 'index-AbC12345.js.br'),
    brotliCompressSync(script),
  );
  writeFileSync(join(dist, 'assets', 'index-AbC12345.js.gz'), gzipSync(script));
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, { distDir: dist });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
    rmSync(dist, { recursive: true, force: true });
  });
  return { server, script };
}

test('hashed assets go out precompressed and cached for a year', async () => {
  const { server, script } = await setup();
  const path = '/assets/index-AbC12345.js';
  const br = await rawRequest(server.port, 'GET', path, {
    headers: { 'accept-encoding': 'br, gzip' },
  });
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['cache-control']).toBe(
    'public, max-age=31536000, immutable',
  );
  const gz = await rawRequest(server.port, 'GET', path, {
    headers: { 'accept-encoding': 'gzip' },
  });
  expect(gz.headers['content-encoding']).toBe('gzip');
  const plain = await rawRequest(server.port, 'GET', path);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toBe(script);
});

test('the page itself, directly or as a client-side route, is revalidated every time', async () => {
  const { server } = await setup();
  for (const path of ['/', '/index.html', '/providers/op-1/pools/pool-2']) {
    const response = await rawRequest(server.port, 'GET', path);
    expect(response.status, path).toBe(200);
    expect(response.body).toContain('<title>Lifeguard</title>');
    expect(response.headers['cache-control'], path).toBe('no-cache');
  }
});
