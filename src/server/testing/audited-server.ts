import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startTestEmulator } from '../../emulator/test-server.ts';
import { basicCredentials } from '../credentials.ts';
import { LifeguardStore } from '../store/lifeguard-store.ts';
import { startTestServer } from '../test-helpers.ts';

/**
 * A server on the emulator with its own SQLite store, for tests that read
 * the audit log back; `api` calls it as the console does (CSRF header,
 * JSON). Everything is closed and removed when the test finishes.
 */
export async function startAuditedServer(
  options: Pick<
    NonNullable<Parameters<typeof startTestServer>[1]>,
    'apiRateLimit' | 'auth'
  > = {},
) {
  const emulator = await startTestEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-audit-'));
  const store = await LifeguardStore.open({
    dialect: 'sqlite',
    file: join(dir, 'lifeguard.sqlite'),
  });
  const server = await startTestServer(emulator.url, {
    credentials: basicCredentials(
      emulator.config.apiKey,
      emulator.config.apiSecret,
    ),
    store,
    ...options,
  });
  onTestFinished(async () => {
    await server.close();
    await emulator.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'x-lifeguard-csrf': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      text,
    };
  };
  const providers = await api('GET', '/api/iam/v2/identity-providers');
  // Signed out (AUTH_MODE=password) the list is a 401: any id will do then.
  const providerId =
    (providers.body.data as { id: string }[] | undefined)?.[0]?.id ??
    'op-signed-out';
  return { server, emulator, store, api, providerId, dir };
}

export type AuditedServer = Awaited<ReturnType<typeof startAuditedServer>>;
