import { expect, test } from 'vitest';
import { checkFilter } from '#filter/check.ts';
import { filterConstrains } from '#filter/constraints.ts';
import { seededRandom } from './ids.ts';
import { applySeed } from './seed.ts';
import { Store, type PoolRecord, type ProviderRecord } from './store.ts';

function demo(): { providers: ProviderRecord[]; pools: PoolRecord[] } {
  const store = Store.open(':memory:', { random: seededRandom(1) });
  applySeed(store, 'demo');
  const providers = store.listProviders({ after: 0 }, 100).rows;
  const pools = providers.flatMap(
    (p) => store.listPools(p.id, { after: 0 }, 1000).rows,
  );
  store.close();
  return { providers, pools };
}

test('the demo seed is identical every time', () => {
  expect(demo()).toEqual(demo());
});

test('the demo seed looks like a real organisation', () => {
  const { providers, pools } = demo();
  expect(providers.length).toBeGreaterThanOrEqual(3);
  expect(providers.map((p) => p.issuer)).toContain(
    'https://accounts.google.com',
  );
  const sizes = providers.map(
    (p) => pools.filter((pool) => pool.providerId === p.id).length,
  );
  expect(Math.max(...sizes)).toBeGreaterThanOrEqual(250);
  expect(sizes).toContain(0);
  expect(pools.some((p) => p.description === '')).toBe(true);
  expect(new Set(pools.map((p) => p.displayName)).size).toBeGreaterThan(200);
  expect(new Set(pools.map((p) => p.id)).size).toBe(pools.length);
});

test('every demo filter is valid, within 300 characters, and Google pools obey the shared-issuer rule', () => {
  const { providers, pools } = demo();
  for (const pool of pools) {
    expect(checkFilter(pool.filter), pool.filter).toEqual({ valid: true });
    expect(pool.filter.length).toBeLessThanOrEqual(300);
  }
  const shared = providers.filter((p) =>
    [
      'https://accounts.google.com',
      'https://token.actions.githubusercontent.com',
    ].includes(p.issuer),
  );
  for (const pool of pools.filter((p) =>
    shared.some((s) => s.id === p.providerId),
  )) {
    expect(filterConstrains(pool.filter, ['sub', 'aud']), pool.filter).toBe(
      true,
    );
  }
});

test('the demo filters use every supported construct', () => {
  const all = demo().pools.map((p) => p.filter);
  const uses = (pattern: RegExp) => all.some((filter) => pattern.test(filter));
  expect(uses(/ == /)).toBe(true);
  expect(uses(/ != /)).toBe(true);
  expect(uses(/ in \[/)).toBe(true);
  expect(uses(/" in claims\./)).toBe(true);
  expect(uses(/\.startsWith\(/)).toBe(true);
  expect(uses(/\.endsWith\(/)).toBe(true);
  expect(uses(/\.contains\(/)).toBe(true);
  expect(uses(/!has\(/)).toBe(true);
  expect(uses(/(^|[^!])has\(/)).toBe(true);
  expect(uses(/\|\|/)).toBe(true);
  expect(uses(/&&/)).toBe(true);
  expect(uses(/^!|[ (]!\w/)).toBe(true);
  expect(uses(/\(/)).toBe(true);
  expect(uses(/'/)).toBe(true);
  expect(uses(/claims\.\w+\.\w+ ==/)).toBe(true);
  expect(all).toContain('true');
});

test('the empty seed has nothing', () => {
  const store = Store.open(':memory:');
  applySeed(store, 'demo');
  applySeed(store, 'empty');
  expect(store.countProviders()).toBe(0);
  store.close();
});
