// A tiny upstream that answers with one fixed pool (or, for a pool list, a
// fixed page of ten), so a proxy benchmark measures the proxy, not the API
// behind it. Prints its port.
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

/** A first page of ten pools, as the live list envelope is (no api_version). */
function fixedPage(origin: string): string {
  const list = `${origin}/iam/v2/identity-providers/op-bench/identity-pools`;
  return JSON.stringify({
    kind: 'IdentityPoolList',
    metadata: {
      first: `${list}?page_size=10`,
      next: `${list}?page_size=10&page_token=dG9rZW4tb2YtcGFnZS0y`,
      total_size: 263,
    },
    data: Array.from({ length: 10 }, (_, index) => ({
      api_version: 'iam/v2',
      kind: 'IdentityPool',
      id: `pool-bench${index}`,
      metadata: {
        self: `${list}/pool-bench${index}`,
        resource_name: `crn://confluent.cloud/organization=6f1c2b7e-9a44-4d1e-b3a5-2c8e5d0f7a91/identity-provider=op-bench/identity-pool=pool-bench${index}`,
        created_at: '2026-01-01T00:00:00.000000Z',
        updated_at: '2026-01-01T00:00:00.000000Z',
      },
      display_name: `payments-service-${index}`,
      description: 'Workloads of the payments team',
      identity_claim: 'claims.sub',
      filter: `claims.aud == "kafka" && claims.sub.startsWith("svc-payments-${index}")`,
      principal: `pool-bench${index}`,
      state: 'ENABLED',
    })),
  });
}

let body = '';
let page = '';
const server = createServer((request, response) => {
  request.resume();
  const isList = (request.url ?? '').split('?')[0]!.endsWith('/identity-pools');
  const answer = isList ? page : body;
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer),
    'x-request-id': 'fixed',
  });
  response.end(answer);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  body = fixedBody(`http://127.0.0.1:${port}`);
  page = fixedPage(`http://127.0.0.1:${port}`);
  console.log(`PORT ${port}`);
});
