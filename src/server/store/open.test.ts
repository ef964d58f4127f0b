import { expect, test } from 'vitest';
import { displayUrl, withoutPassword } from './open.ts';

const URL_WITH_SECRETS =
  'postgres://lifeguard:p%40ss-Zq81@db.example.com:5432/lifeguard?password=q-Wx72&sslmode=require';

test('a database URL is shown without its passwords, wherever they are written', () => {
  expect(displayUrl(URL_WITH_SECRETS)).toBe(
    'postgres://lifeguard@db.example.com:5432/lifeguard?password=***&sslmode=require',
  );
  expect(displayUrl('not a url')).toBe('(DATABASE_URL)');
});

test('a driver message repeating a password loses it, encoded or not', () => {
  const location = { dialect: 'postgres', url: URL_WITH_SECRETS } as const;
  expect(
    withoutPassword(
      'auth failed with p@ss-Zq81 (p%40ss-Zq81), then q-Wx72',
      location,
    ),
  ).toBe('auth failed with *** (***), then ***');
});
