import { describe, expect, test } from 'vitest';
import { DIALECTS, runSql, testLocation, testStore } from './test-stores.ts';

describe.each(DIALECTS)('counters on %s', (dialect) => {
  test('count hits in a window that starts at the first and restarts after it ends', async () => {
    const store = await testStore(dialect);
    expect(await store.counters.hit('k', 1_000, 0)).toEqual({
      count: 1,
      resetAt: 1_000,
    });
    expect(await store.counters.hit('k', 1_000, 999)).toEqual({
      count: 2,
      resetAt: 1_000,
    });
    expect(await store.counters.hit('other', 1_000, 999)).toEqual({
      count: 1,
      resetAt: 1_999,
    });
    expect(await store.counters.hit('k', 1_000, 1_000)).toEqual({
      count: 1,
      resetAt: 2_000,
    });
  });

  test('two stores on one database count together, losing no hit when they race', async () => {
    const location = await testLocation(dialect);
    const stores = [
      await testStore(dialect, location),
      await testStore(dialect, location),
    ];
    const now = Date.now();
    const hits = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        stores[index % 2]!.counters.hit('user:alice', 60_000, now),
      ),
    );
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, index) => index + 1),
    );
    expect(await stores[1]!.counters.hit('user:alice', 60_000, now)).toEqual({
      count: 201,
      resetAt: now + 60_000,
    });
  });

  test('purge drops ended windows, and past the cap those ending first', async () => {
    const location = await testLocation(dialect);
    const store = await testStore(dialect, location);
    for (let index = 0; index < 10; index += 1) {
      await store.counters.hit(`k${index}`, 1_000, index * 100);
    }
    // k0…k2 ended by 1_250; of the other seven, three may stay.
    expect(await store.counters.purge(1_250, 3)).toBe(7);
    expect(
      await runSql(location, 'SELECT key FROM counters ORDER BY key'),
    ).toEqual([{ key: 'k7' }, { key: 'k8' }, { key: 'k9' }]);
  });
});

describe.each(DIALECTS)('sign-in failures on %s', (dialect) => {
  test('are kept per key, newest first, the newest few only', async () => {
    const location = await testLocation(dialect);
    const store = await testStore(dialect, location);
    for (const at of [10, 20, 30, 40]) {
      await store.loginFailures.record('user:alice', 3, at);
    }
    await store.loginFailures.record('address:127.0.0.1', 3, 25);
    expect(await store.loginFailures.recent('user:alice', 0, 10)).toEqual([
      40, 30, 20,
    ]);
    expect(await store.loginFailures.recent('user:alice', 25, 10)).toEqual([
      40, 30,
    ]);
    // People type passwords into the username field: it is not stored.
    expect(
      JSON.stringify(await runSql(location, 'SELECT * FROM login_failures')),
    ).not.toContain('alice');
    await store.loginFailures.clear('user:alice');
    expect(await store.loginFailures.recent('user:alice', 0, 10)).toEqual([]);
    expect(
      await store.loginFailures.recent('address:127.0.0.1', 0, 10),
    ).toEqual([25]);
  });

  test('purge drops old failures, and past the cap the oldest', async () => {
    const store = await testStore(dialect);
    for (let index = 1; index <= 10; index += 1) {
      await store.loginFailures.record(`user:u${index}`, 5, index * 10);
    }
    expect(await store.loginFailures.purge(30, 4)).toBe(6);
    expect(await store.loginFailures.recent('user:u6', 0, 5)).toEqual([]);
    expect(await store.loginFailures.recent('user:u7', 0, 5)).toEqual([70]);
  });

  test('failures recorded through two stores add up', async () => {
    const location = await testLocation(dialect);
    const one = await testStore(dialect, location);
    const other = await testStore(dialect, location);
    await one.loginFailures.record('address:10.0.0.1', 5, 1);
    await other.loginFailures.record('address:10.0.0.1', 5, 2);
    expect(await one.loginFailures.recent('address:10.0.0.1', 0, 5)).toEqual([
      2, 1,
    ]);
  });
});

describe.each(DIALECTS)('pending sign-ins on %s', (dialect) => {
  const pending = (startedAt: number) => ({
    codeVerifier: 'verifier',
    nonce: 'nonce',
    returnTo: '/pools',
    startedAt,
  });

  test('one started through a store is taken through another, once only', async () => {
    const location = await testLocation(dialect);
    const one = await testStore(dialect, location);
    const other = await testStore(dialect, location);
    await one.pendingSignIns.add('state-1', pending(5));
    // A replayed callback races the real one: only one gets the sign-in.
    const taken = await Promise.all([
      other.pendingSignIns.take('state-1'),
      one.pendingSignIns.take('state-1'),
      other.pendingSignIns.take('state-1'),
    ]);
    expect(taken.filter(Boolean)).toEqual([pending(5)]);
    expect(await one.pendingSignIns.take('state-1')).toBeUndefined();
  });

  test('purge drops the expired, and past the cap the oldest', async () => {
    const store = await testStore(dialect);
    for (let index = 1; index <= 6; index += 1) {
      await store.pendingSignIns.add(`state-${index}`, pending(index));
    }
    expect(await store.pendingSignIns.purge(2, 3)).toBe(3);
    expect(await store.pendingSignIns.take('state-3')).toBeUndefined();
    expect(await store.pendingSignIns.take('state-4')).toEqual(pending(4));
  });
});
