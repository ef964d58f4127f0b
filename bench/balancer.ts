// A round-robin load balancer for `npm run load -- --replicas N`, as
// src/server/testing/replicas.ts builds one for the integration test
// (http-proxy, no sticky sessions, no X-Forwarded-For), but in a process of
// its own, so that proxying does not share an event loop with autocannon,
// and with keep-alive connections to the replicas as a production balancer
// keeps them (a new connection per request would measure connection set-up
// instead of Lifeguard). It counts per replica instead of remembering every
// request.
//
//   TARGETS=http://127.0.0.1:8081,http://127.0.0.1:8082 tsx bench/balancer.ts
//
// prints `PORT n` once it listens on 127.0.0.1. `GET /_balancer` is answered
// here, never forwarded: what each replica served and how many requests
// could not be forwarded. SIGTERM closes it.
import httpProxy from 'http-proxy';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const targets = (process.env.TARGETS ?? '')
  .split(',')
  .map((target) => target.trim())
  .filter(Boolean);
if (targets.length === 0 || !targets.every((t) => URL.canParse(t))) {
  console.error('balancer: TARGETS must list the replicas’ URLs');
  process.exit(2);
}

const served = new Map(targets.map((target) => [target, 0]));
let failed = 0;
let next = 0;

const proxy = httpProxy.createProxyServer({
  xfwd: false,
  agent: new Agent({ keepAlive: true, maxSockets: 1024 }),
});

const server = createServer((request, response) => {
  if (request.url === '/_balancer') {
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ served: Object.fromEntries(served), failed }));
    return;
  }
  const target = targets[next++ % targets.length]!;
  served.set(target, served.get(target)! + 1);
  proxy.web(request, response, { target }, (error) => {
    failed += 1;
    console.error(`balancer: ${target}: ${error.message}`);
    if (!response.headersSent) response.writeHead(502);
    response.end('replica unreachable');
  });
});
// Longer than autocannon's pauses between phases.
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});

process.once('SIGTERM', () => {
  proxy.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
