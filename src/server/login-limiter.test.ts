import { describe, expect, test } from 'vitest';
import { FailureLimiter } from './login-limiter.ts';
import { DIALECTS, testLocation, testStore } from './store/test-stores.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  test('after max failures in the window a key waits until the oldest leaves it', async () => {
    const store = await testStore(dialect);
    const limiter = new FailureLimiter(store.loginFailures, 'user', 3, 1000);
    await limiter.fail('a', 0);
    await limiter.fail('a', 100);
    expect(await limiter.retryAfterMs('a', 200)).toBe(0);
    await limiter.fail('a', 200);
    expect(await limiter.retryAfterMs('a', 300)).toBe(700);
    expect(await limiter.retryAfterMs('b', 300)).toBe(0);
    expect(await limiter.retryAfterMs('a', 1000)).toBe(0);
  });

  test('a reset clears a key, in its own scope only', async () => {
    const store = await testStore(dialect);
    const users = new FailureLimiter(store.loginFailures, 'user', 1, 1000);
    const addresses = new FailureLimiter(
      store.loginFailures,
      'address',
      1,
      1000,
    );
    await users.fail('a', 0);
    await addresses.fail('a', 0);
    expect(await users.retryAfterMs('a', 1)).toBeGreaterThan(0);
    await users.reset('a');
    expect(await users.retryAfterMs('a', 1)).toBe(0);
    expect(await addresses.retryAfterMs('a', 1)).toBeGreaterThan(0);
  });

  test('failures through two replicas sharing a database add up', async () => {
    const location = await testLocation(dialect);
    const [one, other] = [
      await testStore(dialect, location),
      await testStore(dialect, location),
    ];
    const onOne = new FailureLimiter(one.loginFailures, 'user', 4, 1000);
    const onOther = new FailureLimiter(other.loginFailures, 'user', 4, 1000);
    await onOne.fail('a', 0);
    await onOther.fail('a', 10);
    await onOne.fail('a', 20);
    expect(await onOther.retryAfterMs('a', 30)).toBe(0);
    await onOther.fail('a', 30);
    expect(await onOne.retryAfterMs('a', 40)).toBe(960);
  });
});
