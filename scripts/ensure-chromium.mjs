// Playwright drives Debian's Chromium (docs/toolchain.md): find it, or
// install it with apt-get when running as root, or say exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL =
  'apt-get update && apt-get install -y --no-install-recommends chromium';

function version() {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}

if (!existsSync(path)) {
  if (process.env.CHROMIUM_PATH) {
    console.error(
      `CHROMIUM_PATH=${path} does not exist. Point it at a Chromium binary.`,
    );
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(
      `No Chromium at ${path}. Install Debian's package, then run the tests again:\n  sudo sh -c '${INSTALL}'`,
    );
    process.exit(1);
  }
  console.log(`No Chromium at ${path}; installing Debian's chromium package…`);
  const result = spawnSync('sh', ['-c', INSTALL], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync(path)) {
    console.error(
      `Installing Chromium failed. Run this yourself and retry:\n  ${INSTALL}`,
    );
    process.exit(1);
  }
}
console.log(`Browser for e2e: ${version()}`);
