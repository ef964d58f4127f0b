import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { AUTH_API } from '#contract/auth.ts';
import { parseServerConfig } from './config.ts';
import { hashPassword } from './passwords.ts';
import { startFakeUpstream, startTestServer } from './test-helpers.ts';
import { parseUsers } from './users.ts';

let tls: { cert: Buffer; key: Buffer };
let dir: string;

beforeAll(() => {
  // A throwaway self-signed certificate from the machine's openssl.
  dir = mkdtempSync(join(tmpdir(), 'lifeguard-tls-'));
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
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
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

function httpsRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: tls.cert,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('served over https, a sign-in sets a Secure __Host- cookie and every answer carries HSTS', async () => {
  const users = parseUsers(
    `alice:admin:${await hashPassword('alice-password-over-tls')}`,
  );
  if (!users.ok) throw new Error(users.error);
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    tls,
    auth: { mode: 'password', users: users.users },
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const login = await httpsRequest(`${server.url}${AUTH_API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lifeguard-csrf': '1' },
    body: JSON.stringify({
      username: 'alice',
      password: 'alice-password-over-tls',
    }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers['set-cookie'] as string[])[0]!;
  expect(cookie).toMatch(/^__Host-lifeguard_session=/);
  expect(cookie).toMatch(/; Secure/);
  expect(login.headers['strict-transport-security']).toBe('max-age=31536000');
  const health = await httpsRequest(`${server.url}/healthz`, {});
  expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
});

test('over https too, a browser trickling its headers is answered 408 and cut off', async () => {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, {
    tls,
    clientTimeouts: { headersMs: 300, requestMs: 2_000 },
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const started = Date.now();
  const reply = await new Promise<string>((resolve) => {
    let text = '';
    const socket = connect(
      { host: '127.0.0.1', port: server.port, ca: tls.cert },
      () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'),
    );
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
  });
  expect(reply).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeLessThan(1_500);
});

test('TLS needs both files, and an unreadable one is named', () => {
  expect(parseServerConfig({ TLS_CERT_FILE: join(dir, 'cert.pem') })).toEqual({
    ok: false,
    errors: [
      'TLS_KEY_FILE: is needed too: set TLS_CERT_FILE and TLS_KEY_FILE together',
    ],
  });
  expect(
    parseServerConfig({
      TLS_CERT_FILE: '/nonexistent.pem',
      TLS_KEY_FILE: join(dir, 'key.pem'),
    }),
  ).toEqual({
    ok: false,
    errors: ['TLS_CERT_FILE: cannot read /nonexistent.pem (ENOENT)'],
  });
  const result = parseServerConfig({
    TLS_CERT_FILE: join(dir, 'cert.pem'),
    TLS_KEY_FILE: join(dir, 'key.pem'),
  });
  expect(result.ok && result.config.tls?.cert.toString()).toContain(
    'BEGIN CERTIFICATE',
  );
});
