import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { verifyPassword } from '../src/server/passwords.ts';
import { parseUsers } from '../src/server/users.ts';

function userHash(args: string[], input: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/user-hash.ts', ...args],
    { input, encoding: 'utf8' },
  );
}

test('prints an AUTH_USERS entry whose hash verifies the password read from stdin', async () => {
  const result = userHash(['bob', 'viewer'], 'a long enough password\n');
  expect(result.status).toBe(0);
  const line = result.stdout.trim();
  expect(line).toMatch(/^bob:viewer:scrypt\$/);
  expect(line).not.toContain('long enough');
  const users = parseUsers(line);
  if (!users.ok) throw new Error(users.error);
  const hash = users.users.get('bob')!.hash;
  expect(await verifyPassword('a long enough password', hash)).toBe(true);
});

test('without a name it prints the hash alone', () => {
  const result = userHash([], 'another long password');
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toMatch(/^scrypt\$32768\$8\$1\$/);
});

test('a short password is refused and nothing is printed', () => {
  const result = userHash(['bob'], 'short');
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('at least 12 characters');
});

test('an unknown role is refused before asking for a password', () => {
  const result = userHash(['bob', 'owner'], 'a long enough password');
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    'The role must be viewer or admin, not "owner".',
  );
});

test('piped as the prompt asks, the same line twice, it hashes that line alone', async () => {
  const result = userHash(
    ['alice', 'admin'],
    'a long enough password\na long enough password\n',
  );
  expect(result.status).toBe(0);
  const users = parseUsers(result.stdout.trim());
  if (!users.ok) throw new Error(users.error);
  const hash = users.users.get('alice')!.hash;
  expect(await verifyPassword('a long enough password', hash)).toBe(true);
  expect(
    await verifyPassword(
      'a long enough password\na long enough password',
      hash,
    ),
  ).toBe(false);
});

test('Windows line ends are line ends too', async () => {
  const result = userHash(
    [],
    'a long enough password\r\na long enough password\r\n',
  );
  expect(result.status).toBe(0);
  expect(
    await verifyPassword('a long enough password', result.stdout.trim()),
  ).toBe(true);
});

test('a second line that differs from the first is refused and nothing is printed', () => {
  const result = userHash(
    ['alice'],
    'a long enough password\na long enough passwort\n',
  );
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('The second line differs from the first');
});

test.each([
  ['three lines', 'a long enough password\nsecond line\nthird line\n'],
  ['a lone carriage return', 'a long enough\rpassword\n'],
])(
  'a password with a line break (%s) is refused and nothing is printed',
  (_name, input) => {
    const result = userHash(['alice'], input);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('A password cannot contain a line break');
  },
);
