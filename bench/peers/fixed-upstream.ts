// A tiny upstream that answers every request with one fixed pool, so a proxy
// benchmark measures the proxy, not the API behind it. Prints its port.
// Its `metadata.self` names its own address, as Confluent's answers name
// api.confluent.cloud: a proxy that rewrites links pays for it here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function fixedBody(origin: string): string {
  return JSON.stringify({
    api_version: 'iam/v2',
    kind: 'IdentityPool',
    id: 'pool-bench',
    metadata: {
      self: `${origin}/iam/v2/identity-providers/op-bench/identity-pools/pool-bench`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    },
    display_name: 'bench',
    description: 'A fixed answer for proxy benchmarks',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  });
}

let body = '';
const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': 'fixed',
  });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  body = fixedBody(`http://127.0.0.1:${port}`);
  console.log(`PORT ${port}`);
});
