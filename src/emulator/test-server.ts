import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from './app.ts';
import type { Clock } from './clock.ts';
import {
  defaultEmulatorConfig,
  type EmulatorConfig,
  type EmulatorConfigOverrides,
} from './config.ts';
import { seededRandom } from './ids.ts';
import type { Store } from './store.ts';

export type TestEmulator = {
  url: string;
  config: EmulatorConfig;
  store: Store;
  dataDir: string;
  /** fetch against the emulator with the configured API key unless `auth` says otherwise. */
  call: (
    method: string,
    path: string,
    options?: {
      body?: unknown;
      auth?: string | null;
      headers?: Record<string, string>;
    },
  ) => Promise<Response>;
  close: () => Promise<void>;
};

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A real emulator on 127.0.0.1 with a random port and its own data directory. */
export async function startTestEmulator(
  overrides: EmulatorConfigOverrides = {},
  options: { dataDir?: string; keepData?: boolean; clock?: Clock } = {},
): Promise<TestEmulator> {
  const dataDir =
    options.dataDir ?? mkdtempSync(join(tmpdir(), 'lifeguard-emulator-'));
  const config = defaultEmulatorConfig({
    port: 0,
    dataDir,
    control: true,
    ...overrides,
  });
  const { app, store } = createEmulator({
    config,
    random: seededRandom(7),
    clock: options.clock,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const defaultAuth = basicAuth(config.apiKey, config.apiSecret);
  return {
    url,
    config,
    store,
    dataDir,
    call: (method, path, { body, auth, headers } = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          ...(auth === null ? {} : { authorization: auth ?? defaultAuth }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body:
          body === undefined
            ? undefined
            : typeof body === 'string'
              ? body
              : JSON.stringify(body),
      }),
    close: async () => {
      await app.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
