import { inject } from 'vitest';

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${inject('emulatorUrl')}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 204) {
    throw new Error(
      `emulator control ${path}: ${response.status} ${await response.text()}`,
    );
  }
}

/** Puts the shared test emulator back to a known data set, with no faults armed. */
export async function resetEmulator(seed: 'demo' | 'empty' = 'demo') {
  await control('DELETE', '/faults');
  await control('POST', '/reset', { seed });
}

/** Makes the next `times` matching requests answer `status` (see the emulator README). */
export async function injectFault(fault: {
  match?: { method?: string; path?: string };
  respond?: { status: number; retryAfter?: number };
  delayMs?: number;
  times: number;
}) {
  await control('POST', '/faults', fault);
}

/**
 * Closes the emulator's port for `durationMs` (new connections refused, open
 * ones cut), as a crashed upstream would; it listens again by itself.
 */
export async function emulatorOutage(durationMs: number) {
  await control('POST', '/outage', { durationMs });
}

/** Straight to the emulator (through the server's /api), to look at or set up data. */
export async function apiCall<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(new URL(`/api${path}`, window.location.href), {
    method,
    headers: {
      'x-lifeguard-csrf': '1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** The demo seed's providers, by a part of their issuer. */
export async function demoProviderId(issuerPart: string): Promise<string> {
  const list = await apiCall<{ data: { id: string; issuer: string }[] }>(
    'GET',
    '/iam/v2/identity-providers?page_size=100',
  );
  const provider = list.data.find((p) => p.issuer.includes(issuerPart));
  if (!provider) throw new Error(`no demo provider with issuer ${issuerPart}`);
  return provider.id;
}
