import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/precompress.ts';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const serverUrl = process.env.LIFEGUARD_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  resolve: { alias: { '@': webRoot } },
  build: {
    outDir: 'dist',
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically goes into one
        // chunk: split across shared chunks it compresses ~1.6 kB worse
        // (budget in bench/bundle.bench.ts). Lazy screens split as usual.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    // In dev the browser stays same-origin: Vite hands /api to our server.
    proxy: { '/api': serverUrl, '/healthz': serverUrl, '/readyz': serverUrl },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/{contract,filter,server,emulator}/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          // One real PostgreSQL for the project (TEST_DATABASE_URL, or a
          // throwaway server); files take a database each (freshDatabase).
          globalSetup: ['./src/server/testing/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          // One real server + emulator for the project; files take turns on it.
          globalSetup: ['./vitest.web-setup.ts'],
          setupFiles: ['./src/web/testing/setup.ts'],
          fileParallelism: false,
          environmentOptions: {
            jsdom: {
              url: `http://127.0.0.1:${process.env.WEB_TEST_PORT ?? 4280}/`,
            },
          },
          testTimeout: 15_000,
        },
      },
    ],
  },
});
