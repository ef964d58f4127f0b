import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';

const dirs: string[] = [];
afterEach(() =>
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true })),
);

/** A fake build: random bytes do not compress, so gzip size ≈ size given. */
function fakeDist(sizes: { index: number; editor?: number; lazy: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  const write = (file: string, bytes: number) =>
    writeFileSync(join(dir, 'assets', file), randomBytes(bytes));
  write('index-abc12345.js', sizes.index);
  write('pool-edit-abc12345.js', sizes.lazy);
  if (sizes.editor) write('filter-editor-abc12345.js', sizes.editor);
  writeFileSync(
    join(dir, 'index.html'),
    '<script type="module" crossorigin src="/assets/index-abc12345.js"></script>',
  );
  return dir;
}

function check(dir: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/check-bundle.ts', dir],
    { encoding: 'utf8' },
  );
}

test('a build within budget passes, and lazy chunks do not count toward the first screen', () => {
  const result = check(
    fakeDist({ index: 100_000, editor: 120_000, lazy: 500_000 }),
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(
    /First screen: 100\.\d kB gzip \(budget 110 kB\)/,
  );
});

test('a first screen over 110 kB fails and names its files', () => {
  const result = check(fakeDist({ index: 115_000, editor: 1000, lazy: 10 }));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('assets/index-abc12345.js');
  expect(result.stderr).toMatch(/the budget is 110 kB/);
});

test('an editor chunk over 130 kB fails, and so does a build without one', () => {
  const big = check(fakeDist({ index: 1000, editor: 135_000, lazy: 10 }));
  expect(big.status).toBe(1);
  expect(big.stderr).toMatch(/filter-editor-abc12345\.js is 135\.\d kB/);
  const missing = check(fakeDist({ index: 1000, lazy: 10 }));
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('No filter-editor chunk');
});

test('without a build it says to run one', () => {
  const result = check(join(tmpdir(), 'lifeguard-no-such-dist'));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('run `npm run build` first');
});
