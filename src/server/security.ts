import helmet from '@fastify/helmet';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { CSRF_HEADER } from '#contract/lifeguard-api.ts';
import { fail } from './failure.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// @fastify/helmet's options. Nothing in them depends on the request, yet
// the plugin rebuilds helmet (parsing the CSP directives) for every
// response: about 6 % of a forwarded read under load.
const HELMET_OPTIONS = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  // Set per request below: only a response that arrived over https
  // (directly or via TRUSTED_PROXY) may pin the browser to https.
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
} as const;

const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), interest-cohort=()';
const HSTS = 'max-age=31536000';

let helmetOutput: Promise<[string, string][]> | undefined;

/**
 * The headers @fastify/helmet sets with HELMET_OPTIONS, names spelt as it
 * spells them: read once from a throwaway instance, so helmet stays the
 * source of its values.
 */
function helmetHeaders(): Promise<[string, string][]> {
  helmetOutput ??= (async () => {
    const scratch = Fastify();
    const set: [string, string][] = [];
    let headers: [string, string][] = [];
    // Added before helmet's hooks, so it sees each header helmet sets.
    scratch.addHook('onRequest', (_request, reply, done) => {
      const raw = reply.raw;
      const setHeader = raw.setHeader.bind(raw);
      raw.setHeader = (name, value) => {
        set.push([name, String(value)]);
        return setHeader(name, value);
      };
      done();
    });
    await scratch.register(helmet, HELMET_OPTIONS);
    scratch.get('/', (_request, reply) => {
      headers = [...set];
      return reply.send();
    });
    await scratch.inject('/');
    await scratch.close();
    return headers;
  })();
  return helmetOutput;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The security headers, as name, value, name, value…, still to be set
     * on this request's answer; null once set (or for an answer that sets
     * them itself: routes whose policy says `writesOwnHeaders`, which pass
     * them to `writeHead` with their own instead of eleven `setHeader`
     * calls per answer).
     */
    pendingSecurityHeaders: readonly string[] | null;
  }
}

/**
 * Sets the security headers a request still has pending on its raw
 * response, before anything else is set there.
 */
export function setPendingSecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const pending = request.pendingSecurityHeaders;
  if (!pending) return;
  request.pendingSecurityHeaders = null;
  const raw = reply.raw;
  for (let index = 0; index < pending.length; index += 2) {
    raw.setHeader(pending[index]!, pending[index + 1]!);
  }
}

/**
 * Browser hardening: a strict Content-Security-Policy (no inline or eval'd
 * script, connections to this origin only), no framing, no sniffing, no
 * referrer, no powerful browser features, and HSTS over https. Styles may be inline because
 * the UI libraries (Radix, sonner, CodeMirror) set style attributes.
 *
 * Every /api answer is also `Cache-Control: no-store`, so nothing a
 * signed-in user read stays in a shared browser's cache after sign-out.
 */
export const securityHeaders = fastifyPlugin(
  async (app: FastifyInstance) => {
    const page: [string, string][] = [
      ...(await helmetHeaders()),
      ['permissions-policy', PERMISSIONS_POLICY],
    ];
    const api: [string, string][] = [...page, ['cache-control', 'no-store']];
    const hsts: [string, string] = ['strict-transport-security', HSTS];
    // [page, api] × [http, https], also flat: the form writeHead takes at
    // the least cost.
    const lists = [page, api].map((list) => [list, [...list, hsts]]);
    const flatLists = lists.map((pair) => pair.map((list) => list.flat()));
    app.decorateRequest('pendingSecurityHeaders', null);
    // On the raw response, as helmet sets them, so every answer that got
    // this far carries them, error answers included.
    app.addHook('onRequest', (request, reply, done) => {
      const { policy } = request;
      const kind = policy.api ? 1 : 0;
      const https = request.protocol === 'https' ? 1 : 0;
      if (policy.writesOwnHeaders) {
        request.pendingSecurityHeaders = flatLists[kind]![https]!;
        return done();
      }
      const raw = reply.raw;
      for (const [name, value] of lists[kind]![https]!) {
        raw.setHeader(name, value);
      }
      done();
    });
    // A deferred request answered through Fastify after all (a refusal, an
    // upstream failure, a later hook's answer): set them now, before
    // writeHead, in the order the hook above sets them.
    app.addHook('onSend', (request, reply, payload, done) => {
      setPendingSecurityHeaders(request, reply);
      done(null, payload);
    });
  },
  { name: 'lifeguard-security-headers' },
);

/**
 * Writes under /api must come from the console itself: same origin (by
 * Sec-Fetch-Site, else Origin) and carrying the console's custom header.
 */
export const csrfProtection = fastifyPlugin(
  async (app: FastifyInstance) => {
    // Callback style: one per request, and a promise per hook shows up in
    // the proxy's profile.
    app.addHook('onRequest', (request, reply, done) => {
      const reason =
        request.policy.api && !SAFE_METHODS.has(request.method)
          ? crossSiteReason(request)
          : undefined;
      if (reason === undefined) return done();
      request.log.warn(
        { method: request.method, origin: request.headers.origin, reason },
        'cross-site write refused',
      );
      // Answered here: the hook chain stops without done().
      void fail(request, reply, 403, {
        code: 'csrf_refused',
        title: 'Forbidden',
        detail: `This write was refused: ${reason}.`,
      });
    });
  },
  { name: 'lifeguard-csrf', dependencies: ['lifeguard-authentication'] },
);

function crossSiteReason(request: FastifyRequest): string | undefined {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') {
    return `the request came from another site (${site})`;
  }
  const origin = request.headers.origin;
  if (
    typeof origin === 'string' &&
    origin !== `${request.protocol}://${request.host}`
  ) {
    return `the request came from ${origin}`;
  }
  if (request.headers[CSRF_HEADER] !== '1') {
    return `the ${CSRF_HEADER} header is missing`;
  }
  return undefined;
}
