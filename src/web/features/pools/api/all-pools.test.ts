import { expect, test } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import type { RateBudget } from '@/lib/rate-limit.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { listAllPools } from './all-pools.ts';
import type { Pool, PoolList, PoolListParams } from './pools.ts';

const NOW = 1_000_000;

function pool(id: string): Pool {
  return { id } as Pool;
}

// Three pages of two pools, linked by page tokens as the upstream links them.
function pages(): Record<string, PoolList> {
  const page = (ids: string[], next?: string): PoolList =>
    ({
      data: ids.map(pool),
      metadata: {
        total_size: 6,
        next: next ? `https://api.example/x?page_token=${next}` : undefined,
      },
    }) as PoolList;
  return {
    first: page(['a', 'b'], 'p2'),
    p2: page(['c', 'd'], 'p3'),
    p3: page(['e', 'f']),
  };
}

function walker(
  options: {
    fail?: (params: PoolListParams, call: number) => unknown;
    budget?: () => RateBudget | undefined;
  } = {},
) {
  const book = pages();
  const calls: (string | undefined)[] = [];
  const sleeps: number[] = [];
  const progress: WalkProgress[] = [];
  let clock = NOW;
  const controller = new AbortController();
  const run = () =>
    listAllPools('op-1', {
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
      listPage: async (params) => {
        calls.push(params.pageToken);
        const failure = options.fail?.(params, calls.length);
        if (failure) throw failure;
        return book[params.pageToken ?? 'first']!;
      },
      budget: options.budget ?? (() => undefined),
      random: () => 0,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
  return { run, calls, sleeps, progress, controller };
}

test('every page is fetched in order, without waiting while the budget is fine', async () => {
  const walk = walker();
  const pools = await walk.run();
  expect(pools.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  expect(walk.calls).toEqual([undefined, 'p2', 'p3']);
  expect(walk.sleeps).toEqual([]);
  expect(walk.progress.map((p) => p.fetched)).toEqual([0, 2, 4]);
});

test('a low budget between pages waits until just after the window resets', async () => {
  let reads = 0;
  const walk = walker({
    budget: () => {
      reads += 1;
      // Low after the first page only.
      return reads === 1
        ? { limit: 1000, remaining: 3, resetAt: NOW + 7_000, receivedAt: NOW }
        : {
            limit: 1000,
            remaining: 900,
            resetAt: NOW + 60_000,
            receivedAt: NOW,
          };
    },
  });
  await walk.run();
  expect(walk.sleeps).toEqual([7_250]);
  expect(walk.progress).toContainEqual({
    fetched: 2,
    total: 6,
    waiting: { reason: 'budget', until: NOW + 7_250 },
  });
});

test('no wait after the last page, however low the budget', async () => {
  let reads = 0;
  const walk = walker({
    budget: () => {
      reads += 1;
      // Always low, with a reset still ahead of the walk's clock.
      return {
        limit: 1000,
        remaining: 0,
        resetAt: NOW + reads * 10_000,
        receivedAt: NOW,
      };
    },
  });
  await walk.run();
  // After the first and second pages; none after the third.
  expect(walk.sleeps).toEqual([10_250, 10_000]);
});

test('a page answered 429 waits Retry-After, then asks for that page again', async () => {
  const rateLimited = new ApiError({ status: 429, retryAfterSeconds: 3 });
  const walk = walker({
    fail: (params, call) =>
      params.pageToken === 'p2' && call === 2 ? rateLimited : undefined,
  });
  const pools = await walk.run();
  expect(pools).toHaveLength(6);
  expect(walk.calls).toEqual([undefined, 'p2', 'p2', 'p3']);
  expect(walk.sleeps).toEqual([3_000]);
  expect(walk.progress).toContainEqual({
    fetched: 2,
    total: 6,
    waiting: { reason: 'retry', until: NOW + 3_000, error: rateLimited },
  });
});

test('a page that keeps failing gives up after the policy’s tries, with that error', async () => {
  const unavailable = new ApiError({ status: 503 });
  const walk = walker({ fail: () => unavailable });
  await expect(walk.run()).rejects.toBe(unavailable);
  expect(walk.calls).toHaveLength(3);
});

test('a 404, or a 429 asking for more than a minute, is not retried', async () => {
  const notFound = new ApiError({ status: 404 });
  const first = walker({ fail: () => notFound });
  await expect(first.run()).rejects.toBe(notFound);
  expect(first.calls).toHaveLength(1);

  const longWait = new ApiError({ status: 429, retryAfterSeconds: 600 });
  const second = walker({ fail: () => longWait });
  await expect(second.run()).rejects.toBe(longWait);
  expect(second.sleeps).toEqual([]);
});

test('cancelling stops the walk at once', async () => {
  const walk = walker({
    fail: (_params, call) => {
      if (call === 2) {
        walk.controller.abort();
        return new ApiError({ status: 503 });
      }
      return undefined;
    },
  });
  await expect(walk.run()).rejects.toBeInstanceOf(ApiError);
  expect(walk.calls).toHaveLength(2);
  expect(walk.sleeps).toEqual([]);
});

test('terse pages as the live service sends them (no api_version, data null or left out) are empty pages, not the end', async () => {
  // The envelope recorded from the live API: kind, metadata.self and data.
  const recorded = (data: string, next?: string) =>
    JSON.parse(`{
      "kind": "IdentityPoolList",
      "metadata": {
        "self": "https://confluent.cloud/api/iam/v2/identity-providers/op-1/identity-pools"
        ${next ? `, "next": "https://api.confluent.cloud/iam/v2/identity-providers/op-1/identity-pools?page_token=${next}"` : ''}
      }
      ${data}
    }`) as PoolList;
  const book: Record<string, PoolList> = {
    first: recorded(', "data": [{ "id": "pool-a" }]', 'p2'),
    p2: recorded(', "data": null', 'p3'),
    p3: recorded(''),
  };
  const calls: (string | undefined)[] = [];
  const progress: WalkProgress[] = [];
  const pools = await listAllPools('op-1', {
    signal: new AbortController().signal,
    onProgress: (p) => progress.push(p),
    listPage: async ({ pageToken }) => {
      calls.push(pageToken);
      return book[pageToken ?? 'first']!;
    },
    budget: () => undefined,
  });
  expect(pools.map((p) => p.id)).toEqual(['pool-a']);
  expect(calls).toEqual([undefined, 'p2', 'p3']);
  expect(progress.at(-1)).toEqual({ fetched: 1, total: undefined });
});
