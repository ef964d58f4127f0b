import { Agent, request } from 'undici';
import { startTestEmulator } from '../src/emulator/test-server.ts';
import { basicAuth } from '../src/emulator/test-server.ts';
import { percentile, type Metric, type Suite } from './metrics.ts';

const POOLS = 10_000;
const SAMPLES = 400;

type Timed = { ms: number; status: number };

async function timed(
  dispatcher: Agent,
  url: string,
  init: { method?: 'GET' | 'POST' | 'PATCH'; body?: unknown; auth: string },
): Promise<Timed> {
  const started = performance.now();
  const response = await request(url, {
    dispatcher,
    method: init.method ?? 'GET',
    headers: {
      authorization: init.auth,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  await response.body.arrayBuffer();
  return { ms: performance.now() - started, status: response.statusCode };
}

async function sample(
  count: number,
  next: (index: number) => Promise<Timed>,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const result = await next(index);
    if (result.status >= 400) {
      throw new Error(
        `emulator answered ${result.status} during the benchmark`,
      );
    }
    times.push(result.ms);
  }
  return times;
}

/** The emulator with one provider of 10,000 pools, read and written over HTTP. */
export const emulatorSuite: Suite = {
  name: 'Emulator',
  async run(): Promise<Metric[]> {
    const emulator = await startTestEmulator({
      seed: 'empty',
      rateLimit: { limit: 1_000_000, windowSeconds: 60 },
      quotas: { poolsPerProvider: POOLS + 1000, providersPerOrg: 10 },
    });
    const dispatcher = new Agent({ connections: 4 });
    try {
      const auth = basicAuth(emulator.config.apiKey, emulator.config.apiSecret);
      const fields = {
        description: '',
        issuer: '',
        jwksUri: 'https://login.example.com/keys',
        identityClaim: 'claims.sub',
      };
      const big = emulator.store.insertProvider({
        ...fields,
        displayName: 'ten-thousand',
        issuer: 'https://big.example.com',
      });
      const small = emulator.store.insertProvider({
        ...fields,
        displayName: 'one-hundred',
        issuer: 'https://small.example.com',
      });
      emulator.store.transaction(() => {
        for (let index = 0; index < POOLS; index += 1) {
          emulator.store.insertPool(big.id, {
            displayName: `pool-${index}`,
            description: 'bench',
            identityClaim: 'claims.sub',
            filter: `claims.sub == "svc-${index}"`,
          });
          if (index < 100) {
            emulator.store.insertPool(small.id, {
              displayName: `pool-${index}`,
              description: 'bench',
              identityClaim: 'claims.sub',
              filter: `claims.sub == "svc-${index}"`,
            });
          }
        }
      });
      const base = `${emulator.url}/iam/v2/identity-providers`;
      // Page tokens from walking the big provider, to read pages near its end.
      const tokens: string[] = [];
      let next: string | undefined =
        `${base}/${big.id}/identity-pools?page_size=100`;
      while (next) {
        const response = await request(next, {
          dispatcher,
          headers: { authorization: auth },
        });
        const body = (await response.body.json()) as {
          metadata?: { next?: string };
        };
        next = body.metadata?.next;
        if (next) tokens.push(new URL(next).searchParams.get('page_token')!);
      }
      const listFirst = await sample(SAMPLES, () =>
        timed(dispatcher, `${base}/${big.id}/identity-pools?page_size=100`, {
          auth,
        }),
      );
      const lastTokens = tokens.slice(-20);
      const listDeep = await sample(SAMPLES, (index) =>
        timed(
          dispatcher,
          `${base}/${big.id}/identity-pools?page_size=100&page_token=${lastTokens[index % lastTokens.length]}`,
          { auth },
        ),
      );
      const listSmall = await sample(SAMPLES, () =>
        timed(dispatcher, `${base}/${small.id}/identity-pools?page_size=100`, {
          auth,
        }),
      );
      const created: string[] = [];
      const create = await sample(200, async (index) => {
        const started = performance.now();
        const response = await request(`${base}/${big.id}/identity-pools`, {
          dispatcher,
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            display_name: `bench-created-${index}`,
            description: '',
            identity_claim: 'claims.sub',
            filter: `claims.sub == "created-${index}"`,
          }),
        });
        const body = (await response.body.json()) as { id: string };
        created.push(body.id);
        return { ms: performance.now() - started, status: response.statusCode };
      });
      const patch = await sample(200, (index) =>
        timed(
          dispatcher,
          `${base}/${big.id}/identity-pools/${created[index % created.length]}`,
          {
            method: 'PATCH',
            body: { description: `patched ${index}` },
            auth,
          },
        ),
      );
      const p50 = (samples: number[]) => percentile(samples, 50);
      const p99 = (samples: number[]) => percentile(samples, 99);
      return [
        {
          id: 'emulator.list_10k_first_page_p50_ms',
          label:
            'List a page of 100 pools, provider with 10,000 (first page), p50',
          unit: 'ms',
          value: p50(listFirst),
          peer: {
            name: 'same, provider with 100 pools',
            value: p50(listSmall),
          },
        },
        {
          id: 'emulator.list_10k_first_page_p99_ms',
          label:
            'List a page of 100 pools, provider with 10,000 (first page), p99',
          unit: 'ms',
          value: p99(listFirst),
          peer: {
            name: 'same, provider with 100 pools',
            value: p99(listSmall),
          },
        },
        {
          id: 'emulator.list_10k_last_pages_p50_ms',
          label: 'List one of the last pages of 10,000 pools, p50',
          unit: 'ms',
          value: p50(listDeep),
          peer: {
            name: 'first page of the same provider',
            value: p50(listFirst),
          },
          note: 'A ratio near 1 shows keyset paging: a deep page costs what the first does (no scan of the pools before it).',
        },
        {
          id: 'emulator.list_10k_last_pages_p99_ms',
          label: 'List one of the last pages of 10,000 pools, p99',
          unit: 'ms',
          value: p99(listDeep),
        },
        {
          id: 'emulator.create_pool_p50_ms',
          label: 'Create a pool (provider with 10,000), p50',
          unit: 'ms',
          value: p50(create),
        },
        {
          id: 'emulator.create_pool_p99_ms',
          label: 'Create a pool (provider with 10,000), p99',
          unit: 'ms',
          value: p99(create),
        },
        {
          id: 'emulator.patch_pool_p50_ms',
          label: 'Patch a pool (provider with 10,000), p50',
          unit: 'ms',
          value: p50(patch),
        },
        {
          id: 'emulator.patch_pool_p99_ms',
          label: 'Patch a pool (provider with 10,000), p99',
          unit: 'ms',
          value: p99(patch),
        },
      ];
    } finally {
      await dispatcher.close();
      await emulator.close();
    }
  },
};
