// Global setup of the `web` Vitest project: component tests talk to the real
// server and a real emulator on loopback, not to mocks. jsdom's URL is the
// server's origin (see vite.config.ts), so the SPA's /api calls land here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createEmulator } from './src/emulator/app.ts';
import { defaultEmulatorConfig } from './src/emulator/config.ts';
import { seededRandom } from './src/emulator/ids.ts';
import { createServer } from './src/server/app.ts';
import { basicCredentials } from './src/server/credentials.ts';

export const WEB_TEST_PORT = Number(process.env.WEB_TEST_PORT ?? 4280);

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeguard-web-tests-'));
  const config = defaultEmulatorConfig({ dataDir, port: 0, control: true });
  const emulator = createEmulator({ config, random: seededRandom(11) });
  const emulatorUrl = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
  const server = createServer({
    distDir: join(dataDir, 'no-dist'),
    upstream: {
      endpoint: emulatorUrl,
      label: 'emulator',
      credentials: basicCredentials(config.apiKey, config.apiSecret),
      timeoutMs: 5_000,
    },
    logLevel: 'silent',
  });
  await server.listen({ host: '127.0.0.1', port: WEB_TEST_PORT });
  project.provide('emulatorUrl', emulatorUrl);
  return async () => {
    await server.close();
    await emulator.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
