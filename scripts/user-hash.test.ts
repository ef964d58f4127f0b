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
