import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4180);
// Not 4190: the Fetch standard blocks it (ManageSieve), so fetch() refuses it.
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4191);
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium: Playwright's own browser download is not reachable.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // The production build behind the real server and its embedded emulator.
    command: 'node --import tsx src/server/main.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: !isCI,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      EMULATOR_PORT: String(EMULATOR_PORT),
      DATA_DIR: 'test-results/e2e-data',
      EMULATOR_CONTROL: '1',
      // Every test's browser calls from 127.0.0.1, so the whole suite would
      // share one client budget; src/server/rate-limit.test.ts covers it.
      API_RATE_LIMIT: '0',
      // Short, so the stalled-upstream journey sees its 504 quickly.
      UPSTREAM_TIMEOUT_MS: '3000',
      // e2e always runs on the emulator, whatever the developer's shell holds.
      CONFLUENT_CLOUD_API_KEY: '',
      CONFLUENT_CLOUD_API_SECRET: '',
      CONFLUENT_CLOUD_ACCESS_TOKEN: '',
      CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '',
    },
  },
});
