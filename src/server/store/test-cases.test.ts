import { describe, expect, test } from 'vitest';
import { DIALECTS, testStore } from './test-stores.ts';

describe.each(DIALECTS)('test cases on %s', (dialect) => {
  test('kept per pool in the order added, counted, and deleted one at a time', async () => {
    const store = await testStore(dialect);
    const at = new Date('2026-03-01T10:00:00.000Z');
    const first = await store.testCases.add(
      'op-1',
      'pool-1',
      {
        name: 'deployers match',
        claims: { sub: 'ci', groups: ['a'] },
        expected: 'match',
      },
      at,
    );
    const second = await store.testCases.add('op-1', 'pool-1', {
      name: 'others do not',
      claims: { sub: 'else' },
      expected: 'no-match',
    });
    await store.testCases.add('op-1', 'pool-2', {
      name: 'another pool',
      claims: {},
      expected: 'match',
    });
    expect(first).toEqual({
      id: expect.stringMatching(/^tc-/),
      providerId: 'op-1',
      poolId: 'pool-1',
      name: 'deployers match',
      claims: { sub: 'ci', groups: ['a'] },
      expected: 'match',
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    expect(await store.testCases.list('op-1', 'pool-1')).toEqual([
      first,
      second,
    ]);
    expect(await store.testCases.count('op-1', 'pool-1')).toBe(2);
    expect(await store.testCases.countAll()).toBe(3);

    // Only within its own pool.
    expect(
      await store.testCases.delete('op-1', 'pool-2', first.id),
    ).toBeUndefined();
    expect(await store.testCases.delete('op-1', 'pool-1', first.id)).toEqual(
      first,
    );
    expect(
      await store.testCases.delete('op-1', 'pool-1', first.id),
    ).toBeUndefined();
    expect(await store.testCases.list('op-1', 'pool-1')).toEqual([second]);
  });
});
