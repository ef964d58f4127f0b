import { beforeEach } from 'vitest';
import { resetEmulator } from './emulator.ts';

/**
 * Starts every test of the calling file on the demo data set, with nothing
 * (drafts above all) left in the tab's sessionStorage by the test before.
 */
export function startEachTestOnDemo() {
  beforeEach(async () => {
    sessionStorage.clear();
    await resetEmulator('demo');
  });
}
