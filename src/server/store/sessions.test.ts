import { describe, expect, test } from 'vitest';
import type { SessionUser } from '#contract/auth.ts';
import { DIALECTS, runSql, testLocation, testStore } from './test-stores.ts';

const ALICE: SessionUser = { id: 'alice', name: 'Alice', role: 'admin' };
const LIMITS = { idleMs: 1_000, maxMs: 5_000 };

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  test('a session lasts while used within the idle limit, up to the maximum', async () => {
    const store = await testStore(dialect);
    const token = await store.sessions.create(ALICE, 0);
    expect(await store.sessions.touch(token, LIMITS, 900)).toEqual(ALICE);
    // Using it restarted the idle clock.
    expect(await store.sessions.touch(token, LIMITS, 1_800)).toEqual(ALICE);
    expect(await store.sessions.touch(token, LIMITS, 2_700)).toEqual(ALICE);
    expect(await store.sessions.touch(token, LIMITS, 3_600)).toEqual(ALICE);
    expect(await store.sessions.touch(token, LIMITS, 4_500)).toEqual(ALICE);
    expect(await store.sessions.touch(token, LIMITS, 5_001)).toBeUndefined();
    // Expired is gone, not just refused.
    expect(await store.sessions.touch(token, LIMITS, 5_002)).toBeUndefined();
  });

  test('an idle session ends; an unknown or deleted token names no one', async () => {
    const store = await testStore(dialect);
    const idle = await store.sessions.create(ALICE, 0);
    expect(await store.sessions.touch(idle, LIMITS, 1_001)).toBeUndefined();
    expect(await store.sessions.touch('made-up', LIMITS, 0)).toBeUndefined();
    const token = await store.sessions.create(ALICE, 0);
    await store.sessions.delete(token);
    expect(await store.sessions.touch(token, LIMITS, 1)).toBeUndefined();
  });

  test('the token is not stored, only its digest', async () => {
    const location = await testLocation(dialect);
    const store = await testStore(dialect, location);
    const token = await store.sessions.create(ALICE);
    const rows = await runSql(location, 'SELECT token_hash FROM sessions');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test('purge drops sessions past either limit', async () => {
    const store = await testStore(dialect);
    const fresh = await store.sessions.create(ALICE, 4_500);
    await store.sessions.create(ALICE, 0); // idle
    const old = await store.sessions.create(ALICE, 0);
    await store.sessions.touch(old, { idleMs: 5_000, maxMs: 5_000 }, 4_900);
    expect(await store.sessions.purge(LIMITS, 5_100)).toBe(2);
    expect(await store.sessions.touch(fresh, LIMITS, 5_100)).toEqual(ALICE);
  });

  test('a session started through one store works through another on the same database, and ends in both', async () => {
    const location = await testLocation(dialect);
    const one = await testStore(dialect, location);
    const other = await testStore(dialect, location);
    const token = await one.sessions.create(ALICE, 0);
    expect(await other.sessions.touch(token, LIMITS, 900)).toEqual(ALICE);
    // The other's use counts for the idle clock everywhere.
    expect(await one.sessions.touch(token, LIMITS, 1_800)).toEqual(ALICE);
    await other.sessions.delete(token);
    expect(await one.sessions.touch(token, LIMITS, 1_900)).toBeUndefined();
  });
});
