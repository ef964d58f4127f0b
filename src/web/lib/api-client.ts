import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { API_PREFIX, CSRF_HEADER } from '#contract/lifeguard-api.ts';
import type { paths as LifeguardPaths } from '#contract/lifeguard-schema.d.ts';
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
function throwOnError(target: CallTarget): Middleware {
  return {
    async onResponse({ response }) {
      recordRateLimit(response.headers);
      if (response.ok) return undefined;
      reportFailure(response.status, target);
      throw await apiErrorFrom(response);
    },
    onError({ error }) {
      if (error instanceof ApiError) return error;
      if (error instanceof Error && error.name === 'AbortError') return error;
      // fetch rejects only when no answer arrived at all.
      reportFailure(0, target);
      return new ApiError({ status: 0 });
    },
  };
}

function createApiClient<Paths extends object>(
  base: string,
  target: CallTarget,
): Client<Paths> {
  const created = createClient<Paths>({
    baseUrl: new URL(base, window.location.href).href,
    // Looked up per call rather than captured now, so a fetch replaced
    // later (a test's spy, a polyfill) is the one used.
    fetch: (request) => globalThis.fetch(request),
  });
  created.use(markWrites, throwOnError(target));
  return created;
}

let client: Client<paths> | undefined;

/**
 * The one client of Confluent's routes under the page's own /api: the
 * browser holds no credentials, the server adds them. Created on first use.
 */
export function api(): Client<paths> {
  return (client ??= createApiClient<paths>(API_PREFIX, 'upstream'));
}

let lifeguardClient: Client<LifeguardPaths> | undefined;

/**
 * The client of Lifeguard's own API (/api/lifeguard/…, described by
 * src/contract/lifeguard-openapi.yaml): the same CSRF header on writes and
 * the same ApiError on failure as {@link api}, but a failure is Lifeguard's
 * server's, never Confluent's. Created on first use.
 */
export function lifeguardApi(): Client<LifeguardPaths> {
  return (lifeguardClient ??= createApiClient<LifeguardPaths>(
    '/',
    'lifeguard',
  ));
}
