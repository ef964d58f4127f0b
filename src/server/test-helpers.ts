import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { AUTH_API } from '#contract/auth.ts';
import { createServer, type ServerOptions } from './app.ts';
import type { AuthConfig } from './config.ts';
import { basicCredentials, type CredentialSource } from './credentials.ts';
import { hashPassword } from './passwords.ts';
import { parseUsers } from './users.ts';

export type RecordedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

export type FakeUpstream = {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
};

type Handler = (
  request: RecordedRequest,
  response: ServerResponse,
  upstreamUrl: string,
) => void;

/** A recording HTTP server on 127.0.0.1 that stands in for Confluent. */
export async function startFakeUpstream(
  handler: Handler = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  },
): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  let url = '';
  const server = createHttpServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      handler(recorded, response, url);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestServer = {
  url: string;
  port: number;
  logs: string[];
  close: () => Promise<void>;
};

export const TEST_KEY = 'TESTKEY0001';
export const TEST_SECRET = 'test-secret-Zq8vW3nP0xL5';

/**
 * A port on 127.0.0.1 that was free a moment ago, for a server whose own URL
 * must be known before it listens (an OIDC redirect URI) or for one that
 * starts later.
 */
export async function reservePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The Lifeguard server on 127.0.0.1 (port 0 unless given) in front of `endpoint`, its log lines captured. */
export async function startTestServer(
  endpoint: string,
  options: {
    credentials?: CredentialSource;
    timeoutMs?: number;
    distDir?: string;
    label?: string;
    port?: number;
    /** Most connections to the upstream at once. */
    connections?: number;
  } & Partial<
    Pick<
      ServerOptions,
      | 'logLevel'
      | 'auth'
      | 'session'
      | 'store'
      | 'trustProxy'
      | 'tls'
      | 'apiRateLimit'
      | 'clientTimeouts'
      | 'discovery'
    >
  > = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const app = createServer({
    distDir: options.distDir ?? '/nonexistent-dist',
    upstream: {
      endpoint,
      label: options.label ?? new URL(endpoint).origin,
      credentials:
        options.credentials ?? basicCredentials(TEST_KEY, TEST_SECRET),
      timeoutMs: options.timeoutMs ?? 5_000,
      ...(options.connections ? { connections: options.connections } : {}),
    },
    logLevel: options.logLevel ?? 'info',
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.session ? { session: options.session } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.apiRateLimit ? { apiRateLimit: options.apiRateLimit } : {}),
    ...(options.clientTimeouts
      ? { clientTimeouts: options.clientTimeouts }
      : {}),
    ...(options.discovery ? { discovery: options.discovery } : {}),
    logStream: { write: (line: string) => void logs.push(line) },
  });
  const listening = await app.listen({
    host: '127.0.0.1',
    port: options.port ?? 0,
  });
  const url = options.tls ? listening.replace(/^http:/, 'https:') : listening;
  return {
    url,
    port: Number(new URL(url).port),
    logs,
    close: () => app.close(),
  };
}

export type RawResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
};

/**
 * Sends `path` exactly as written (fetch would normalise dot segments and
 * encodings away, which is what an attacker would not do).
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  options: {
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Another loopback source address (127.0.0.2 …), to act as another machine. */
    localAddress?: string;
    /** False: without the console's CSRF header. */
    csrf?: boolean;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        // As the console does on every write (CSRF, see security.ts).
        headers: {
          ...(options.csrf === false ? {} : { 'x-lifeguard-csrf': '1' }),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export const ADMIN_PASSWORD = 'admin-password-7Hq2';
export const VIEWER_PASSWORD = 'viewer-password-Kd81';

/** AUTH_MODE=password with alice (admin) and victor (viewer). */
export async function passwordAuth(): Promise<AuthConfig> {
  const users = parseUsers(
    [
      `alice:admin:${await hashPassword(ADMIN_PASSWORD)}`,
      `victor:viewer:${await hashPassword(VIEWER_PASSWORD)}`,
    ].join(','),
  );
  if (!users.ok) throw new Error(users.error);
  return { mode: 'password', users: users.users };
}

/** Signs in and returns the session cookie as a Cookie header value. */
export async function signIn(
  port: number,
  username: string,
  password: string,
): Promise<string> {
  const response = await rawRequest(port, 'POST', AUTH_API.login, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers['set-cookie']
    ?.find((header) => /^(__Host-)?lifeguard_session=/.test(header))
    ?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie;
}

/**
 * The server, not listening, in front of an upstream nobody serves: for what
 * it declares. The label `'emulator'` adds the routes that exist only over the
 * embedded emulator.
 */
export function offlineServer(label = 'test'): ReturnType<typeof createServer> {
  return createServer({
    distDir: '/nonexistent',
    upstream: {
      endpoint: 'http://127.0.0.1:9',
      label,
      credentials: basicCredentials('k', 'secret-value-1'),
      timeoutMs: 1_000,
    },
    logLevel: 'silent',
  });
}
