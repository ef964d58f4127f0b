import { expect, test } from 'vitest';
import { emulatorForTest, json } from './test-fixture.ts';

const PROVIDERS = '/iam/v2/identity-providers';

test('every 2xx carries X-RateLimit-* with a relative reset', async () => {
  const emulator = await emulatorForTest({
    rateLimit: { limit: 50, windowSeconds: 60 },
  });
  const first = await emulator.call('GET', PROVIDERS);
  const second = await emulator.call('GET', PROVIDERS);
  expect(first.headers.get('x-ratelimit-limit')).toBe('50');
  expect(first.headers.get('x-ratelimit-remaining')).toBe('49');
  expect(second.headers.get('x-ratelimit-remaining')).toBe('48');
  const reset = Number(first.headers.get('x-ratelimit-reset'));
  expect(reset).toBeGreaterThan(0);
  expect(reset).toBeLessThanOrEqual(60);
  const missing = await emulator.call('GET', `${PROVIDERS}/op-none`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('x-ratelimit-limit')).toBeNull();
});

test('over the limit the answer is 429 with Retry-After, per credential', async () => {
  const emulator = await emulatorForTest({
    rateLimit: { limit: 3, windowSeconds: 30 },
    bearerTokens: ['other-client'],
  });
  for (let i = 0; i < 3; i += 1) {
    expect((await emulator.call('GET', PROVIDERS)).status).toBe(200);
  }
  const limited = await emulator.call('GET', PROVIDERS);
  expect(limited.status).toBe(429);
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(30);
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
  expect((await json(limited)).errors?.[0]?.status).toBe('429');
  const otherCredential = await emulator.call('GET', PROVIDERS, {
    auth: 'Bearer other-client',
  });
  expect(otherCredential.status).toBe(200);
});
