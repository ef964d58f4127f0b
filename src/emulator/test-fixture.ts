import { onTestFinished } from 'vitest';
import type { EmulatorConfig } from './config.ts';
import { startTestEmulator, type TestEmulator } from './test-server.ts';

/** An emulator that lives exactly as long as the current test. */
export async function emulatorForTest(
  overrides: Partial<EmulatorConfig> = {},
): Promise<TestEmulator> {
  const emulator = await startTestEmulator(overrides);
  onTestFinished(() => emulator.close());
  return emulator;
}

export const GOOGLE_ISSUER = 'https://accounts.google.com';

export type Json = Record<string, unknown> & {
  errors?: {
    status: string;
    code?: string;
    detail: string;
    source?: { pointer?: string; parameter?: string };
  }[];
};

export async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** The first provider of the demo seed with the given issuer (host match). */
export async function providerIdByIssuer(
  emulator: TestEmulator,
  issuerPart: string,
): Promise<string> {
  const list = await json(
    await emulator.call('GET', '/iam/v2/identity-providers?page_size=100'),
  );
  const data = list.data as { id: string; issuer: string }[];
  const provider = data.find((p) => p.issuer.includes(issuerPart));
  if (!provider) throw new Error(`no demo provider with issuer ${issuerPart}`);
  return provider.id;
}

/** metadata.updated_at of a resource; RFC 3339 in UTC, so strings order like times. */
export function updatedAt(resource: Json): string {
  return String((resource.metadata as { updated_at?: unknown }).updated_at);
}

/** Each error's detail keyed by its source.pointer, as a form would show them. */
export async function detailsByPointer(
  response: Response,
): Promise<Record<string, string>> {
  const body = await json(response);
  return Object.fromEntries(
    (body.errors ?? []).map((e) => [e.source?.pointer ?? '', e.detail]),
  );
}
