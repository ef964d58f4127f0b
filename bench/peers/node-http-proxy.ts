// The node-http-proxy peer: the same job as Lifeguard's /api forwarding
// (strip /api, add the credential, keep-alive upstream). Prints its port.
import httpProxy from 'http-proxy';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const target = process.env.UPSTREAM!;
const authorization = process.env.AUTHORIZATION!;
const proxy = httpProxy.createProxyServer({
  target,
  agent: new Agent({ keepAlive: true, maxSockets: 64 }),
  headers: { authorization },
});
proxy.on('error', (_error, _request, response) => {
  if ('writeHead' in response && !response.headersSent) {
    response.writeHead(502);
  }
  response.end();
});
const server = createServer((request, response) => {
  request.url = (request.url ?? '').replace(/^\/api/, '');
  proxy.web(request, response);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
