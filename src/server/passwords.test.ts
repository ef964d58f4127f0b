import { expect, test } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from './passwords.ts';

test('a hash verifies its password and nothing else', async () => {
  const hash = await hashPassword('correct horse battery staple');
  expect(isPasswordHash(hash)).toBe(true);
  expect(hash).not.toContain('horse');
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stapler', hash)).toBe(
    false,
  );
  expect(await verifyPassword('', hash)).toBe(false);
});

test('two hashes of one password differ (a salt each)', async () => {
  expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
});

test('a unicode password verifies in either normal form', async () => {
  const hash = await hashPassword('Ca\u0301fe\u0301-sécurité');
  expect(await verifyPassword('Cáfé-sécurité'.normalize('NFC'), hash)).toBe(
    true,
  );
});

test('an unknown user or a malformed hash never verifies', async () => {
  expect(await verifyPassword('anything', undefined)).toBe(false);
  expect(await verifyPassword('anything', 'scrypt$1$1$1$x$y')).toBe(false);
  // Cost must be a bounded power of two: a config value cannot exhaust memory.
  expect(
    isPasswordHash(`scrypt$30000$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`),
  ).toBe(false);
  expect(
    isPasswordHash(`scrypt$${2 ** 24}$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`),
  ).toBe(false);
});
