import type { JWK } from 'jose';
import { z } from 'zod';
import { isLoopbackHost } from '#contract/bodies.ts';

/** What reading a `jwks_uri` gave: the keys and the answer's `max-age`, or why not. */
export type FetchedJwks =
  | { ok: true; keys: JWK[]; maxAgeSeconds: number | undefined }
  | { ok: false; reason: string };

export type JwksSource = {
  /** With EMULATOR_CONTROL=1 plain http is read too, on loopback addresses only. */
  control: boolean;
  /** Hosts treated as unreachable (EMULATOR_JWKS_DENY_HOSTS). */
  isDenied: (host: string) => boolean;
  /** Key sets answered in-process instead of over the network (the test IdP's). */
  local: (uri: string) => Promise<{ keys: JWK[] }> | undefined;
  timeoutMs?: number;
};

export const JWKS_TIMEOUT_MS = 5_000;
// Real key sets are a few KiB (Azure's, with certificates, about 10).
const MAX_BYTES = 256 * 1024;

const keySchema = z.looseObject({
  kty: z.string(),
  kid: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
});
const keySetSchema = z.object({ keys: z.array(z.unknown()).max(100) });

/**
 * Reads a provider's key set over HTTP, as Confluent does: https only (plain
 * http to loopback under control, for tests), no redirects, 5 s, 256 KiB.
 * Keys that are not JWK objects are dropped, as a verifier ignores keys it
 * cannot use.
 */
export async function fetchJwks(
  uri: string,
  source: JwksSource,
): Promise<FetchedJwks> {
  const local = source.local(uri);
  if (local)
    return { ok: true, keys: (await local).keys, maxAgeSeconds: undefined };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return failed('it is not a URL');
  }
  const isHttps = url.protocol === 'https:';
  const isLoopbackHttp =
    url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (!isHttps && !(source.control && isLoopbackHttp)) {
    return failed(
      isLoopbackHttp
        ? 'plain http is read only from loopback addresses, and only with EMULATOR_CONTROL=1'
        : 'only https URLs are read',
    );
  }
  if (source.isDenied(url.hostname)) {
    return failed(
      `${url.hostname} is unreachable from this emulator (EMULATOR_JWKS_DENY_HOSTS)`,
    );
  }
  const timeoutMs = source.timeoutMs ?? JWKS_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return failed(networkReason(error, timeoutMs));
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return failed(
      response.status >= 300 && response.status < 400
        ? `it answered HTTP ${response.status}, a redirect, which is not followed`
        : `it answered HTTP ${response.status}`,
    );
  }
  let text: string | undefined;
  try {
    text = await readBounded(response);
  } catch (error) {
    return failed(networkReason(error, timeoutMs));
  }
  if (text === undefined) {
    return failed(`its answer is larger than ${MAX_BYTES / 1024} KiB`);
  }
  return parseKeySet(text, maxAge(response.headers.get('cache-control')));
}

function failed(reason: string): FetchedJwks {
  return { ok: false, reason };
}

function parseKeySet(
  text: string,
  maxAgeSeconds: number | undefined,
): FetchedJwks {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failed('its answer is not JSON');
  }
  const parsed = keySetSchema.safeParse(json);
  if (!parsed.success) {
    return failed(
      'its answer is not a JWK set ({"keys": [...]}, at most 100 keys)',
    );
  }
  const keys = parsed.data.keys.flatMap((key) => {
    const checked = keySchema.safeParse(key);
    return checked.success ? [checked.data] : [];
  });
  return { ok: true, keys, maxAgeSeconds };
}

// Undefined when the body passes the limit.
async function readBounded(response: Response): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BYTES) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader?.read(); read && !read.done;) {
    size += read.value.byteLength;
    if (size > MAX_BYTES) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(read.value);
    read = await reader?.read();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `max-age` of a Cache-Control header in seconds; `no-cache` and `no-store`
 * count as 0 (the cache then keeps the keys for its minimum).
 */
function maxAge(header: string | null): number | undefined {
  if (!header) return undefined;
  const directives = header
    .toLowerCase()
    .split(',')
    .map((part) => part.trim());
  if (directives.some((d) => d === 'no-cache' || d === 'no-store')) return 0;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `it did not answer within ${timeoutMs / 1000} s`;
  }
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve (DNS)';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before an answer';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'its host is unreachable';
    default:
      if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) {
        return `its TLS certificate was not accepted (${code})`;
      }
      return code ? `the request failed (${code})` : 'the request failed';
  }
}

// fetch() wraps the socket's error in `cause`, sometimes twice.
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 4; depth += 1) {
    if (typeof current !== 'object' || current === null) return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
