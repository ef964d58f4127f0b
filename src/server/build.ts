import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// What the console bundle is made from; a newer file means dist/ is stale.
const SOURCES = [
  'index.html',
  'vite.config.ts',
  'package.json',
  'public',
  'src/web',
  'src/contract',
  'src/filter',
  'src/index.css',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when dist/ has no index.html or a console source is newer than it. */
export function isBuildStale(distDir: string, root = '.'): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

/** Builds the console with Vite when dist/ is missing or older than its sources. */
export function buildIfStale(distDir: string): void {
  if (!isBuildStale(distDir)) return;
  console.log(
    'Building the console (dist/ is missing or older than the sources)…',
  );
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      distDir,
      '--emptyOutDir',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(
      'The console build failed; run `npm run build` to see why.',
    );
  }
}
