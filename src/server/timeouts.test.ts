import { connect, type Socket } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { clientTimeouts, createServer } from './app.ts';
import { basicCredentials } from './credentials.ts';
import { startFakeUpstream, startTestServer } from './test-helpers.ts';

/** Writes `text` on a raw connection, then waits; resolves with what came back and when the server hung up. */
function trickle(
  port: number,
  text: string,
): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let reply = '';
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () =>
      resolve({ reply, closedAfterMs: Date.now() - started }),
    );
    onTestFinished(() => void socket.destroy());
  });
}

async function setup(options: Parameters<typeof startTestServer>[1]) {
  const upstream = await startFakeUpstream();
  const server = await startTestServer(upstream.url, options);
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  return { upstream, server };
}

test('by default a browser has 20 s for headers, 30 s for a request, and 72 s between requests', async () => {
  expect(clientTimeouts(15_000)).toEqual({
    headersMs: 20_000,
    requestMs: 30_000,
    keepAliveMs: 72_000,
    idleMs: 40_000,
  });
  const app = createServer({
    distDir: '/nonexistent',
    upstream: {
      endpoint: 'http://127.0.0.1:9',
      label: 'test',
      credentials: basicCredentials('KEY1', 'secret-value'),
      timeoutMs: 15_000,
    },
    logLevel: 'silent',
  });
  onTestFinished(() => app.close());
  // Fastify would set 0 (none) for the request timeout and the idle one.
  expect(app.server.headersTimeout).toBe(20_000);
  expect(app.server.requestTimeout).toBe(30_000);
  expect(app.server.keepAliveTimeout).toBe(72_000);
  expect(app.server.timeout).toBe(40_000);
});

test('a browser trickling its headers is answered 408 and cut off', async () => {
  const { server, upstream } = await setup({
    clientTimeouts: { headersMs: 300, requestMs: 2_000 },
  });
  const result = await trickle(
    server.port,
    'GET /api/iam/v2/identity-providers HTTP/1.1\r\nHost: x\r\n',
  );
  expect(result.reply).toMatch(/^HTTP\/1\.1 408/);
  expect(result.closedAfterMs).toBeLessThan(1_500);
  expect(upstream.requests).toEqual([]);
});

test('a browser trickling a body is answered 408 and cut off before anything is forwarded', async () => {
  const { server, upstream } = await setup({
    clientTimeouts: { headersMs: 300, requestMs: 600 },
  });
  const result = await trickle(
    server.port,
    'PATCH /api/iam/v2/identity-providers/op-1 HTTP/1.1\r\nHost: x\r\n' +
      'Content-Type: application/json\r\nX-Lifeguard-CSRF: 1\r\n' +
      'Content-Length: 100\r\n\r\n{"descr',
  );
  expect(result.reply).toMatch(/^HTTP\/1\.1 408/);
  expect(result.closedAfterMs).toBeLessThan(2_000);
  expect(upstream.requests).toEqual([]);
});

test('a connection on which nothing moves is closed', async () => {
  const { server } = await setup({ clientTimeouts: { idleMs: 300 } });
  const result = await trickle(server.port, '');
  expect(result.closedAfterMs).toBeGreaterThanOrEqual(250);
  expect(result.closedAfterMs).toBeLessThan(1_500);
});

test('the upstream sees at most UPSTREAM_CONNECTIONS requests at once, and waiting for one counts towards the timeout', async () => {
  let open = 0;
  let most = 0;
  const upstream = await startFakeUpstream((_request, response) => {
    open += 1;
    most = Math.max(most, open);
    setTimeout(() => {
      open -= 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":[]}');
    }, 600);
  });
  const server = await startTestServer(upstream.url, {
    connections: 1,
    timeoutMs: 1_000,
  });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
  });
  const url = `${server.url}/api/iam/v2/identity-providers`;
  const started = Date.now();
  const statuses = await Promise.all(
    [1, 2].map(async () => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    }),
  );
  // The second waits 600 ms for the connection, then would need 600 more.
  expect(statuses.map(({ status }) => status).sort()).toEqual([200, 504]);
  expect(statuses.find(({ status }) => status === 504)!.body).toMatch(
    /did not answer within 1 s/,
  );
  expect(Date.now() - started).toBeLessThan(1_500);
  expect(most).toBe(1);
});
