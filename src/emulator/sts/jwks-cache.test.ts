import { expect, test } from 'vitest';
import { JwksCache, jwksLifetimeSeconds } from './jwks-cache.ts';
import type { FetchedJwks } from './jwks-fetch.ts';

const SECOND = 1_000_000;
const PROVIDER = { id: 'op-1', jwksUri: 'https://keys.example/jwks' };

// A cache over a fake network and clock; `answers` are handed out in turn.
function cacheWith(answers: FetchedJwks[]) {
  const clock = { now: 1_000 * SECOND };
  const reads: string[] = [];
  const cache = new JwksCache(
    async (uri) => {
      reads.push(uri);
      return answers[Math.min(reads.length, answers.length) - 1]!;
    },
    () => clock.now,
  );
  return { cache, reads, clock };
}

const KEYS = (maxAgeSeconds?: number): FetchedJwks => ({
  ok: true,
  keys: [{ kty: 'RSA', kid: 'k1' }],
  maxAgeSeconds,
});

test('keys live for max-age, within 5 minutes and 7 days, a day without one', () => {
  expect(jwksLifetimeSeconds(undefined)).toBe(86_400);
  expect(jwksLifetimeSeconds(0)).toBe(300);
  expect(jwksLifetimeSeconds(10)).toBe(300);
  expect(jwksLifetimeSeconds(3_600)).toBe(3_600);
  expect(jwksLifetimeSeconds(30 * 86_400)).toBe(7 * 86_400);
});

test('keys are read again once their lifetime is over, not before', async () => {
  const { cache, reads, clock } = cacheWith([KEYS(10)]);
  const first = await cache.keysOf(PROVIDER);
  expect(first).toMatchObject({
    ok: true,
    jwks: { fetchedAt: clock.now, expiresAt: clock.now + 300 * SECOND },
  });
  clock.now += 299 * SECOND;
  await cache.keysOf(PROVIDER);
  expect(reads).toHaveLength(1);
  clock.now += 1 * SECOND;
  await cache.keysOf(PROVIDER);
  expect(reads).toHaveLength(2);
});

test('reads at once share one request; a failure is not kept', async () => {
  const { cache, reads } = cacheWith([
    { ok: false, reason: 'the connection was refused' },
    KEYS(),
  ]);
  const [a, b] = await Promise.all([
    cache.keysOf(PROVIDER),
    cache.keysOf(PROVIDER),
  ]);
  expect(a).toEqual({ ok: false, reason: 'the connection was refused' });
  expect(b).toBe(a);
  expect(reads).toHaveLength(1);
  expect(await cache.keysOf(PROVIDER)).toMatchObject({ ok: true });
  expect(reads).toHaveLength(2);
});

test('forgetting a provider, or changing its jwks_uri, reads its keys again', async () => {
  const { cache, reads } = cacheWith([KEYS()]);
  await cache.keysOf(PROVIDER);
  await cache.keysOf({ id: 'op-2', jwksUri: PROVIDER.jwksUri });
  expect(reads).toHaveLength(2);
  cache.forget('op-1');
  await cache.keysOf(PROVIDER);
  await cache.keysOf({ id: 'op-2', jwksUri: PROVIDER.jwksUri });
  expect(reads).toHaveLength(3);
  await cache.keysOf({ ...PROVIDER, jwksUri: 'https://keys.example/v2' });
  expect(reads).toEqual([
    PROVIDER.jwksUri,
    PROVIDER.jwksUri,
    PROVIDER.jwksUri,
    'https://keys.example/v2',
  ]);
});

test('a read forgotten while under way is answered but not kept', async () => {
  let release: (value: FetchedJwks) => void = () => undefined;
  const reads: string[] = [];
  const cache = new JwksCache(
    (uri) => {
      reads.push(uri);
      return new Promise((resolve) => (release = resolve));
    },
    () => 0,
  );
  const pending = cache.keysOf(PROVIDER);
  cache.forget(PROVIDER.id);
  release(KEYS());
  expect(await pending).toMatchObject({ ok: true });
  const again = cache.keysOf(PROVIDER);
  release(KEYS());
  await again;
  expect(reads).toHaveLength(2);
});
