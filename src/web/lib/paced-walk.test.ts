import { expect, test } from 'vitest';
import { ApiError } from './errors.ts';
import {
  walkPages,
  WALK_PAGE_SIZE,
  type ListPage,
  type PacedWalkOptions,
  type WalkProgress,
} from './paced-walk.ts';
import type { RateBudget } from './rate-limit.ts';

const T0 = 2_000_000;

// Seven letters over three pages, linked as Confluent links them: relative
// and absolute `next` links, the last page without one.
const BOOK: Record<string, ListPage<string>> = {
  start: {
    data: ['a', 'b', 'c'],
    metadata: { total_size: 7, next: '/things?page_size=100&page_token=t2' },
  },
  t2: {
    data: ['d', 'e', 'f'],
    metadata: {
      total_size: 7,
      next: 'https://api.example/things?page_token=t3',
    },
  },
  t3: { data: ['g'], metadata: { total_size: 7, next: null } },
};

function lowBudget(resetIn: number): RateBudget {
  return { limit: 1000, remaining: 2, resetAt: T0 + resetIn, receivedAt: T0 };
}

/**
 * A walk over {@link BOOK} on a fake clock whose sleeps pass at once;
 * `seams` replaces any of it, `answer` any page's answer.
 */
function harness(
  seams: Partial<PacedWalkOptions> = {},
  answer?: (pageToken: string | undefined, call: number) => unknown,
) {
  let clock = T0;
  const log: string[] = [];
  const progress: WalkProgress[] = [];
  const controller = new AbortController();
  const walk = walkPages<string>(
    async ({ pageSize, pageToken }) => {
      log.push(`get ${pageToken ?? 'start'} (${pageSize})`);
      const failure = answer?.(pageToken, log.length);
      if (failure) throw failure;
      return BOOK[pageToken ?? 'start']!;
    },
    {
      signal: controller.signal,
      onProgress: (next) => progress.push(next),
      budget: () => undefined,
      random: () => 0,
      now: () => clock,
      sleep: async (ms) => {
        log.push(`sleep ${ms}`);
        clock += ms;
      },
      ...seams,
    },
  );
  return { walk, log, progress, controller };
}

test('every page in order, a full page at a time, with the total and a progress report before each', async () => {
  const { walk, log, progress } = harness();
  expect(await walk).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  expect(WALK_PAGE_SIZE).toBe(100);
  expect(log).toEqual(['get start (100)', 'get t2 (100)', 'get t3 (100)']);
  expect(progress).toEqual([
    { fetched: 0, total: undefined },
    { fetched: 3, total: 7 },
    { fetched: 6, total: 7 },
  ]);
});

test('a page without data is empty, and a list without total_size has no total', async () => {
  const pages: ListPage<string>[] = [
    { data: null, metadata: { next: '?page_token=x' } },
    { metadata: { next: '?page_token=y' } },
    { data: ['only'], metadata: {} },
  ];
  const progress: WalkProgress[] = [];
  const items = await walkPages(async () => pages.shift()!, {
    signal: new AbortController().signal,
    onProgress: (next) => progress.push(next),
    budget: () => undefined,
  });
  expect(items).toEqual(['only']);
  expect(progress.map((p) => p.total)).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
});

test('a low budget waits, between pages, until just after its window resets', async () => {
  const budgets = [lowBudget(5_000), undefined];
  const { walk, log, progress } = harness({ budget: () => budgets.shift() });
  await walk;
  // Not before the first page: nothing was spent on this walk yet.
  expect(log).toEqual([
    'get start (100)',
    'sleep 5250',
    'get t2 (100)',
    'get t3 (100)',
  ]);
  expect(progress.slice(1, 3)).toEqual([
    { fetched: 3, total: 7, waiting: { reason: 'budget', until: T0 + 5_250 } },
    { fetched: 3, total: 7 },
  ]);
});

test('paceFirstPage waits out a low budget before the first page too', async () => {
  const budgets = [lowBudget(4_000)];
  const { walk, log, progress } = harness({
    paceFirstPage: true,
    budget: () => budgets.shift(),
  });
  await walk;
  expect(log.slice(0, 2)).toEqual(['sleep 4250', 'get start (100)']);
  expect(progress.slice(0, 2)).toEqual([
    {
      fetched: 0,
      total: undefined,
      waiting: { reason: 'budget', until: T0 + 4_250 },
    },
    { fetched: 0, total: undefined },
  ]);
});

test('a healthy, unknown or already reset budget does not wait', async () => {
  const healthy = { ...lowBudget(4_000), remaining: 900 };
  for (const budget of [healthy, undefined, lowBudget(-1_000)]) {
    const { walk, log } = harness({
      paceFirstPage: true,
      budget: () => budget,
    });
    await walk;
    expect(log.filter((line) => line.startsWith('sleep'))).toEqual([]);
  }
});

test('a page answered 429 waits its Retry-After, reporting why, then asks for that page again', async () => {
  const refused = new ApiError({ status: 429, retryAfterSeconds: 3 });
  const { walk, log, progress } = harness({}, (token, call) =>
    token === 't2' && call === 2 ? refused : undefined,
  );
  expect(await walk).toHaveLength(7);
  expect(log).toEqual([
    'get start (100)',
    'get t2 (100)',
    'sleep 3000',
    'get t2 (100)',
    'get t3 (100)',
  ]);
  expect(progress).toContainEqual({
    fetched: 3,
    total: 7,
    waiting: { reason: 'retry', until: T0 + 3_000, error: refused },
  });
});

test('with retry off, a failed page ends the walk at once with its error', async () => {
  const unavailable = new ApiError({ status: 503 });
  const { walk, log } = harness({ retry: false }, () => unavailable);
  await expect(walk).rejects.toBe(unavailable);
  expect(log).toEqual(['get start (100)']);
});

test('aborting mid-wait stops the sleep at once and asks for nothing more', async () => {
  const stop = new Error('stopped');
  const { walk, log, controller } = harness({
    budget: () => lowBudget(60_000),
    // The real sleep: the walk hangs on it until the abort.
    sleep: undefined,
    onProgress: (next) => {
      if (next.waiting) setTimeout(() => controller.abort(stop), 20);
    },
  });
  const started = Date.now();
  await expect(walk).rejects.toBe(stop);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(log).toEqual(['get start (100)']);
});

test('aborting mid-request drops the page, even one its fetcher delivers', async () => {
  const controller = new AbortController();
  const stop = new Error('stopped');
  const asked: (string | undefined)[] = [];
  const walk = walkPages<string>(
    async ({ pageToken }) => {
      asked.push(pageToken);
      // A fetcher that does not watch the signal.
      controller.abort(stop);
      return BOOK[pageToken ?? 'start']!;
    },
    { signal: controller.signal, budget: () => undefined },
  );
  await expect(walk).rejects.toBe(stop);
  expect(asked).toEqual([undefined]);
});

test('an aborted signal asks for no page at all', async () => {
  const asked: string[] = [];
  const walk = walkPages(
    async () => {
      asked.push('page');
      return BOOK.start!;
    },
    { signal: AbortSignal.abort(new Error('gone')) },
  );
  await expect(walk).rejects.toThrow('gone');
  expect(asked).toEqual([]);
});
