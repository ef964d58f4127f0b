import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { API_PREFIX, CSRF_HEADER } from '#contract/lifeguard-api.ts';
import type { paths } from '#contract/schema.d.ts';
import { reportFailure, type CallTarget } from './connectivity.ts';
import { ApiError, apiErrorFrom } from './errors.ts';
import { recordRateLimit } from './rate-limit.ts';

// React Query only notices thrown errors, so every non-2xx becomes an ApiError.

const markWrites: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set(CSRF_HEADER, '1');
    }
    return request;
  },
};

// Every answer, success or not, reports the upstream's budget and whether
// the server and the upstream can be reached; both stores feed the header.
function observe(response: Response, target: CallTarget) {
  recordRateLimit(response.headers);
  if (!response.ok) reportFailure(response.status, target);
}

function isAbort(error: unknown): error is Error {
  return error instanceof Error && error.name === 'AbortError';
}

const throwOnError: Middleware = {
  async onResponse({ response }) {
    observe(response, 'upstream');
    if (!response.ok) throw await apiErrorFrom(response);
    return undefined;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    if (isAbort(error)) return error;
    // fetch rejects only when no answer arrived at all.
    reportFailure(0, 'upstream');
    return new ApiError({ status: 0 });
  },
};

let client: Client<paths> | undefined;

/**
 * The one client of Lifeguard's /api on the page's own origin: the browser
 * holds no credentials, the server adds them. Created on first use.
 */
export function api(): Client<paths> {
  if (!client) {
    client = createClient<paths>({
      baseUrl: new URL(API_PREFIX, window.location.href).href,
      // Looked up per call rather than captured now, so a fetch replaced
      // later (a test's spy, a polyfill) is the one used.
      fetch: (request) => globalThis.fetch(request),
    });
    client.use(markWrites, throwOnError);
  }
  return client;
}

/**
 * Calls Lifeguard's own API (/api/lifeguard/…, not Confluent's contract)
 * with plain fetch: the same CSRF header on writes and the same ApiError on
 * failure as the typed client. Answers 204 as undefined.
 */
export async function lifeguardApi<T>(
  path: string,
  init: RequestInit = {},
): Promise<T> {
  let response: Response;
  try {
    // Absolute, like the typed client's base URL: fetch outside a browser
    // (the component tests' jsdom) does not resolve relative URLs.
    response = await fetch(new URL(path, window.location.href), {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.method && init.method !== 'GET' ? { [CSRF_HEADER]: '1' } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    reportFailure(0, 'lifeguard');
    throw new ApiError({ status: 0 });
  }
  observe(response, 'lifeguard');
  if (!response.ok) throw await apiErrorFrom(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
