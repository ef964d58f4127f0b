import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { startThrowawayPostgres } from '../scripts/postgres.mjs';
import { basicAuth } from '../src/emulator/test-server.ts';
import { percentile, type Metric, type Suite } from './metrics.ts';
import {
  freePort,
  startLifeguard,
  startNginx,
  startPrinter,
  type Running,
} from './processes.ts';

const KEY = 'BENCHKEY';
const SECRET = 'bench-secret-value';
const POOL_PATH =
  '/iam/v2/identity-providers/op-bench/identity-pools/pool-bench';
const THROUGHPUT = { connections: 64, duration: 10 };
// The console's everyday read: a page of ten pools (~5 kB), to 50 clients.
const LIST_PATH = '/iam/v2/identity-providers/op-bench/identity-pools';
const LIST_LOAD = { connections: 50, duration: 10 };

type Load = { rps: number; p50: number; p99: number; failures: number };

async function load(
  url: string,
  options: { connections: number; duration: number },
  headers: Record<string, string> = {},
): Promise<Load> {
  // A short warm-up first: JIT, keep-alive pools.
  await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: 2,
  });
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.duration,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Latency of one request at a time, timed here with sub-millisecond
 * resolution (autocannon reports whole milliseconds).
 */
async function sequential(url: string, count = 3000): Promise<Load> {
  const dispatcher = new Agent({ connections: 1 });
  const times: number[] = [];
  let failures = 0;
  try {
    for (let index = 0; index < count + 300; index += 1) {
      const started = performance.now();
      const response = await request(url, { dispatcher });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) failures += 1;
      // The first 300 warm up the JIT and the connection.
      if (index >= 300) times.push(performance.now() - started);
    }
  } finally {
    await dispatcher.close();
  }
  const total = times.reduce((sum, time) => sum + time, 0);
  return {
    rps: (times.length * 1000) / total,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    failures,
  };
}

async function measure(url: string) {
  return {
    throughput: await load(url, THROUGHPUT),
    latency: await sequential(url),
  };
}

/**
 * The same upstream and load through each proxy: direct, Lifeguard, nginx,
 * node-http-proxy; then Lifeguard in front of its emulator.
 */
export const proxySuite: Suite = {
  name: 'Proxy overhead',
  async run(): Promise<Metric[]> {
    const running: Running[] = [];
    try {
      const upstream = await startPrinter('bench/peers/fixed-upstream.ts');
      running.push(upstream);
      const authorization = basicAuth(KEY, SECRET);
      const lifeguard = await startLifeguard({
        CONFLUENT_CLOUD_ENDPOINT: upstream.url,
        CONFLUENT_CLOUD_API_KEY: KEY,
        CONFLUENT_CLOUD_API_SECRET: SECRET,
      });
      running.push(lifeguard);
      const nodeProxy = await startPrinter('bench/peers/node-http-proxy.ts', {
        UPSTREAM: upstream.url,
        AUTHORIZATION: authorization,
      });
      running.push(nodeProxy);
      let nginx: Running | undefined;
      let nginxError = '';
      try {
        nginx = await startNginx(upstream.url, authorization);
        running.push(nginx);
      } catch (error) {
        nginxError = (error as Error).message;
      }

      const listOurs = await load(
        `${lifeguard.url}/api${LIST_PATH}`,
        LIST_LOAD,
      );
      const listPeer = await load(
        `${nodeProxy.url}/api${LIST_PATH}`,
        LIST_LOAD,
      );
      const direct = await measure(`${upstream.url}${POOL_PATH}`);
      const ours = await measure(`${lifeguard.url}/api${POOL_PATH}`);
      const peer = await measure(`${nodeProxy.url}/api${POOL_PATH}`);
      const viaNginx = nginx
        ? await measure(`${nginx.url}/api${POOL_PATH}`)
        : undefined;

      // The per-client /api rate limit on (never reached): every request
      // counts on the store's shared counter, in SQLite by default and in
      // PostgreSQL when replicas share one (decision 017).
      const counted = await startLifeguard({
        CONFLUENT_CLOUD_ENDPOINT: upstream.url,
        CONFLUENT_CLOUD_API_KEY: KEY,
        CONFLUENT_CLOUD_API_SECRET: SECRET,
        API_RATE_LIMIT: String(1_000_000),
      });
      let oursCounted: Load;
      try {
        oursCounted = await load(`${counted.url}/api${POOL_PATH}`, THROUGHPUT);
      } finally {
        await counted.stop();
      }
      const postgres = await startThrowawayPostgres();
      let oursShared: Load;
      try {
        const shared = await startLifeguard({
          CONFLUENT_CLOUD_ENDPOINT: upstream.url,
          CONFLUENT_CLOUD_API_KEY: KEY,
          CONFLUENT_CLOUD_API_SECRET: SECRET,
          API_RATE_LIMIT: String(1_000_000),
          DATABASE_URL: postgres.url,
        });
        try {
          oursShared = await load(`${shared.url}/api${POOL_PATH}`, THROUGHPUT);
        } finally {
          await shared.stop();
        }
      } finally {
        await postgres.stop();
      }

      // The emulator as upstream: Lifeguard's default, answering from SQLite.
      const emulatorPort = await freePort();
      const embedded = await startLifeguard({
        EMULATOR_PORT: String(emulatorPort),
      });
      running.push(embedded);
      const providers = (await (
        await fetch(`${embedded.url}/api/iam/v2/identity-providers`)
      ).json()) as { data: { id: string }[] };
      const provider = providers.data[0]!.id;
      const pools = (await (
        await fetch(
          `${embedded.url}/api/iam/v2/identity-providers/${provider}/identity-pools?page_size=1`,
        )
      ).json()) as { data: { id: string }[] };
      const emulatorPath = `/iam/v2/identity-providers/${provider}/identity-pools/${pools.data[0]!.id}`;
      // The embedded emulator's demo key (README), as the server sends it.
      const emulatorDirect = await load(
        `http://127.0.0.1:${emulatorPort}${emulatorPath}`,
        THROUGHPUT,
        {
          authorization: basicAuth('LIFEGUARDDEMOKEY', 'lifeguard-demo-secret'),
        },
      );
      const emulatorOurs = await load(
        `${embedded.url}/api${emulatorPath}`,
        THROUGHPUT,
      );

      const failures =
        [direct, ours, peer, viaNginx]
          .filter((entry) => entry)
          .reduce(
            (sum, entry) =>
              sum + entry!.throughput.failures + entry!.latency.failures,
            0,
          ) +
        listOurs.failures +
        listPeer.failures +
        oursCounted.failures +
        oursShared.failures;
      const metrics: Metric[] = [
        {
          id: 'proxy.lifeguard_rps',
          label: `Requests/s through Lifeguard (${THROUGHPUT.connections} connections)`,
          unit: 'req/s',
          value: ours.throughput.rps,
          higherIsBetter: true,
          peer: { name: 'node-http-proxy', value: peer.throughput.rps },
          target: {
            value: peer.throughput.rps,
            text: '≥ node-http-proxy',
          },
        },
        {
          id: 'proxy.list_page_rps',
          label: `Requests/s for a 10-pool list page through Lifeguard (${LIST_LOAD.connections} connections)`,
          unit: 'req/s',
          value: listOurs.rps,
          higherIsBetter: true,
          peer: { name: 'node-http-proxy', value: listPeer.rps },
          target: { value: listPeer.rps, text: '≥ node-http-proxy' },
        },
        {
          id: 'proxy.list_page_p99_ms',
          label: `p99 latency for a 10-pool list page through Lifeguard (${LIST_LOAD.connections} connections)`,
          unit: 'ms',
          value: listOurs.p99,
          peer: { name: 'node-http-proxy', value: listPeer.p99 },
        },
        {
          id: 'proxy.rate_limited_rps',
          label: `Requests/s through Lifeguard with its per-client rate limit counting, SQLite store (${THROUGHPUT.connections} connections)`,
          unit: 'req/s',
          value: oursCounted.rps,
          higherIsBetter: true,
          peer: { name: 'Lifeguard, limit off', value: ours.throughput.rps },
          note: 'The default deployment: API_RATE_LIMIT on, its counter an upsert in the SQLite store per request.',
        },
        {
          id: 'proxy.rate_limited_postgres_rps',
          label: `Requests/s through Lifeguard with its per-client rate limit counting, PostgreSQL store (${THROUGHPUT.connections} connections)`,
          unit: 'req/s',
          value: oursShared.rps,
          higherIsBetter: true,
          peer: { name: 'Lifeguard, limit off', value: ours.throughput.rps },
          note: 'As replicas run it: the counter an upsert in PostgreSQL (a throwaway local server, fsync off) per request.',
        },
        {
          id: 'proxy.direct_rps',
          label: 'Requests/s straight to the fixed upstream',
          unit: 'req/s',
          value: direct.throughput.rps,
          higherIsBetter: true,
        },
        {
          id: 'proxy.direct_p50_ms',
          label: `p50 latency straight to the fixed upstream (${THROUGHPUT.connections} connections)`,
          unit: 'ms',
          value: direct.throughput.p50,
        },
        {
          id: 'proxy.direct_p99_ms',
          label: `p99 latency straight to the fixed upstream (${THROUGHPUT.connections} connections)`,
          unit: 'ms',
          value: direct.throughput.p99,
        },
        {
          id: 'proxy.lifeguard_p50_ms',
          label: `p50 latency through Lifeguard (${THROUGHPUT.connections} connections)`,
          unit: 'ms',
          value: ours.throughput.p50,
          peer: { name: 'node-http-proxy', value: peer.throughput.p50 },
        },
        {
          id: 'proxy.lifeguard_p99_ms',
          label: `p99 latency through Lifeguard (${THROUGHPUT.connections} connections)`,
          unit: 'ms',
          value: ours.throughput.p99,
          peer: { name: 'node-http-proxy', value: peer.throughput.p99 },
        },
        {
          id: 'proxy.lifeguard_p50_overhead_ms',
          label: 'p50 added over a direct call (1 connection)',
          unit: 'ms',
          value: ours.latency.p50 - direct.latency.p50,
          peer: {
            name: 'node-http-proxy',
            value: peer.latency.p50 - direct.latency.p50,
          },
          target: { value: 1, text: '≤ 1 ms' },
        },
        {
          id: 'proxy.failures',
          label: 'Errors, timeouts and non-2xx across the proxy runs',
          unit: '',
          value: failures,
          target: { value: 0, text: '0' },
        },
      ];
      if (viaNginx) {
        metrics.splice(1, 0, {
          id: 'proxy.lifeguard_rps_vs_nginx',
          label: `Requests/s through Lifeguard vs nginx (${THROUGHPUT.connections} connections)`,
          unit: 'req/s',
          value: ours.throughput.rps,
          higherIsBetter: true,
          peer: { name: 'nginx (1 worker)', value: viaNginx.throughput.rps },
          target: {
            value: viaNginx.throughput.rps / 2,
            text: '≥ half of nginx',
          },
        });
        metrics.push(
          {
            id: 'proxy.lifeguard_p50_ms_vs_nginx',
            label: `p50 latency through Lifeguard vs nginx (${THROUGHPUT.connections} connections)`,
            unit: 'ms',
            value: ours.throughput.p50,
            peer: { name: 'nginx (1 worker)', value: viaNginx.throughput.p50 },
          },
          {
            id: 'proxy.lifeguard_p99_ms_vs_nginx',
            label: `p99 latency through Lifeguard vs nginx (${THROUGHPUT.connections} connections)`,
            unit: 'ms',
            value: ours.throughput.p99,
            peer: { name: 'nginx (1 worker)', value: viaNginx.throughput.p99 },
          },
        );
        metrics.push({
          id: 'proxy.nginx_p50_overhead_ms',
          label: 'nginx: p50 added over a direct call (1 connection)',
          unit: 'ms',
          value: viaNginx.latency.p50 - direct.latency.p50,
        });
      } else {
        metrics.push({
          id: 'proxy.nginx_missing',
          label: 'nginx peer',
          unit: '',
          value: Number.NaN,
          note: nginxError,
        });
      }
      metrics.push({
        id: 'proxy.emulator_via_lifeguard_rps',
        label: 'Requests/s for one pool from the emulator, through Lifeguard',
        unit: 'req/s',
        value: emulatorOurs.rps,
        higherIsBetter: true,
        peer: { name: 'the emulator directly', value: emulatorDirect.rps },
      });
      metrics.push({
        id: 'proxy.emulator_via_lifeguard_p99_ms',
        label: `p99 latency for one pool from the emulator, through Lifeguard (${THROUGHPUT.connections} connections)`,
        unit: 'ms',
        value: emulatorOurs.p99,
        peer: { name: 'the emulator directly', value: emulatorDirect.p99 },
      });
      return metrics;
    } finally {
      for (const process of running.reverse()) await process.stop();
    }
  },
};
