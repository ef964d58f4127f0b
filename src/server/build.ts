import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the console with Vite when dist/ has no index.html yet. */
export function buildIfMissing(distDir: string): void {
  if (existsSync(join(distDir, 'index.html'))) return;
  console.log('Building the console (first start)…');
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    throw new Error(
      'The console build failed; run `npm run build` to see why.',
    );
  }
}
