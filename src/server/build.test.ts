import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { isBuildStale } from './build.ts';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'lifeguard-build-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src/web/app'), { recursive: true });
  writeFileSync(join(root, 'src/web/app/app.tsx'), 'export {}');
  writeFileSync(join(root, 'index.html'), '<html></html>');
  return root;
}

function touch(path: string, secondsAgo: number) {
  const time = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, time, time);
}

test('a missing dist/ is stale', () => {
  const root = project();
  expect(isBuildStale(join(root, 'dist'), root)).toBe(true);
});

test('dist/ is fresh until a console source changes', () => {
  const root = project();
  mkdirSync(join(root, 'dist'));
  const index = join(root, 'dist/index.html');
  writeFileSync(index, '<html></html>');
  for (const file of [
    'index.html',
    'src/web/app/app.tsx',
    'src/web/app',
    'src/web',
    'src',
  ]) {
    touch(join(root, file), 60);
  }
  touch(index, 30);
  expect(isBuildStale(join(root, 'dist'), root)).toBe(false);
  touch(join(root, 'src/web/app/app.tsx'), 0);
  expect(isBuildStale(join(root, 'dist'), root)).toBe(true);
});
