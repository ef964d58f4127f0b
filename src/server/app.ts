import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Agent, type Dispatcher } from 'undici';
import type { AuthConfig, SessionConfig } from './config.ts';
import type { CredentialSource } from './credentials.ts';
import { roleRequired, signInRequired } from './access.ts';
import { auditRoutes, auditWrites } from './audit.ts';
import { authentication } from './auth.ts';
import { discoveryRoutes, type DiscoveryOptions } from './discovery.ts';
import { oidcRoutes } from './oidc.ts';
import { healthRoutes, type UpstreamLabel } from './health.ts';
import { answerError } from './failure.ts';
import { BODY_LIMIT, forwardRoutes } from './forward/routes.ts';
import { apiRateLimit, type ApiRateLimit } from './rate-limit.ts';
import { endpointPolicy, routeRequestTarget } from './endpoint.ts';
import { csrfProtection, securityHeaders } from './security.ts';
import { staticRoutes } from './static.ts';
import { stsCheckRoutes } from './sts-check.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import { testCaseRoutes } from './test-cases.ts';
import { upstreamReader } from './upstream-read.ts';

export type ServerOptions = {
  distDir: string;
  upstream: {
    /** Base URL without trailing slash. */
    endpoint: string;
    label: UpstreamLabel;
    credentials: CredentialSource;
    timeoutMs: number;
    /** Most connections open to the upstream at once (64 by default). */
    connections?: number;
  };
  /** Injectable for tests; by default a keep-alive pool per upstream origin. */
  dispatcher?: Dispatcher;
  /** Per-client budget on /api; none by default (main.ts sets one). */
  apiRateLimit?: ApiRateLimit;
  logLevel?: string;
  /**
   * Lifeguard's own data (test cases, sessions, audit, shared counters),
   * opened and migrated by the caller; in memory by default.
   */
  store?: LifeguardStore;
  /** Who may sign in; AUTH_MODE=none (everyone is the local admin) by default. */
  auth?: AuthConfig;
  session?: SessionConfig;
  /** Reverse proxies whose X-Forwarded-* headers are believed. */
  trustProxy?: string[];
  /** PEM certificate and key: serve https instead of http. */
  tls?: { cert: Buffer; key: Buffer };
  /** Where the JSON log lines go (stdout by default). */
  logStream?: { write: (line: string) => void };
  /** Overrides of {@link clientTimeouts}, for tests. */
  clientTimeouts?: Partial<ClientTimeouts>;
  /** OpenID Connect discovery for provider registration (public https issuers only by default). */
  discovery?: DiscoveryOptions;
  /** Overrides of the test-case limits (TEST_CASE_LIMITS in test-cases.ts), for tests. */
  testCaseLimits?: { perPool: number; total: number };
};

export const UPSTREAM_CONNECTIONS = 64;

/** How long a browser's connection may take, in ms. */
export type ClientTimeouts = {
  /** To send a request's headers. */
  headersMs: number;
  /** To send a whole request, body included; answering does not count. */
  requestMs: number;
  /** Between two requests on a keep-alive connection. */
  keepAliveMs: number;
  /** Without a byte moving either way, whatever the state. */
  idleMs: number;
};

/**
 * Node's defaults are 60 s for headers, 300 s for a whole request (which
 * Fastify turns off) and no idle limit, so a client trickling bytes could
 * hold a socket for ever.
 */
export function clientTimeouts(upstreamTimeoutMs: number): ClientTimeouts {
  return {
    // Browsers send headers at once; a trickle is an attack or a dead network.
    headersMs: 20_000,
    // Bodies are at most 64 KiB.
    requestMs: 30_000,
    // Above the 60 s idle timeout of common load balancers, so they hang up
    // first (Fastify's default).
    keepAliveMs: 72_000,
    // A write waits for two upstream calls (the audit reads the resource
    // first), each allowed the upstream timeout.
    idleMs: 2 * upstreamTimeoutMs + 10_000,
  };
}

/** Builds the server (console, /api forwarding, health); it does not listen. */
export function createServer(options: ServerOptions): FastifyInstance {
  const timeouts = {
    ...clientTimeouts(options.upstream.timeoutMs),
    ...options.clientTimeouts,
  };
  // Node checks the headers and request timeouts on this period (30 s by
  // default), so they would otherwise fire up to that much late.
  const httpOptions = {
    connectionsCheckingInterval: Math.max(
      10,
      Math.min(5_000, timeouts.headersMs / 4, timeouts.requestMs / 4),
    ),
  };
  // A bounded pool: under load, requests queue here (each limited by the
  // upstream timeout, queueing included) instead of opening sockets without
  // end.
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: options.upstream.connections ?? UPSTREAM_CONNECTIONS,
      keepAliveTimeout: 10_000,
      connect: { timeout: Math.min(options.upstream.timeoutMs, 10_000) },
    });

  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Nothing logs headers today; this keeps a future change from leaking one.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          'authorization',
        ],
        censor: '[redacted]',
      },
    },
    // Our onResponse hook writes the one access line per request instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    ...(options.trustProxy?.length ? { trustProxy: options.trustProxy } : {}),
    // A factory keeps the instance's type the same for http and https.
    ...(options.tls
      ? {
          serverFactory: (handler: RequestListener) =>
            createHttpsServer(
              { ...options.tls!, ...httpOptions },
              handler,
            ) as unknown as Server,
        }
      : { http: httpOptions }),
    // The server's own id, always: a client's X-Request-Id is kept beside
    // it (request.clientRequestId), never trusted as the audit log's key.
    genReqId: () => crypto.randomUUID(),
    // Before routing: a target that is not a plain path goes to one route
    // that refuses it (endpoint.ts), so no other route ever sees it.
    rewriteUrl: routeRequestTarget,
    routerOptions: {
      // Upstream ids are up to 255 characters; the proxy checks them (and
      // answers 404), instead of the router's bare 414.
      maxParamLength: 1_000,
    },
  });
  // First: every later decision reads the policy of the route that matched.
  endpointPolicy(app);

  // Set on the server itself: Fastify applies its timeout options only to
  // servers it creates, not to the https one from serverFactory.
  app.server.headersTimeout = timeouts.headersMs;
  app.server.requestTimeout = timeouts.requestMs;
  app.server.keepAliveTimeout = timeouts.keepAliveMs;
  app.server.setTimeout(timeouts.idleMs);

  // Hooks that run for every request are callback style: an async hook
  // costs a promise and a microtask each, which the proxy's profile shows.

  // One structured line per request: method, route pattern, status, duration.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routePattern ?? request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.clientRequestId
          ? { clientRequestId: request.clientRequestId }
          : {}),
      },
      'request',
    );
    done();
  });

  // Lifeguard's own routes answer every error in the upstream's error shape
  // too (the forwarder sets its own handler): a body Fastify could not
  // read, or anything unexpected, which then names no internals.
  app.setErrorHandler((error: Error, request, reply) =>
    answerError(error, request, reply, {
      bodyLimit: BODY_LIMIT,
      serverFailure: 'Lifeguard could not answer this request; see its log.',
    }),
  );

  // Graceful close: in-flight responses tell their keep-alive clients to hang
  // up, or Node would wait for those sockets forever.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  const store = options.store ?? new LifeguardStore(IN_MEMORY_SQLITE);
  if (!options.store) {
    // Before the first request: listen() and inject() wait for onReady.
    app.addHook('onReady', async () => {
      await store.migrate();
    });
  }
  const auth = options.auth ?? { mode: 'none' };
  const authOptions = {
    auth,
    store,
    session: options.session ?? { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 },
  };

  // The decisions, in this order, each keyed on the route's policy:
  // security and cache headers, who is calling, what the audit log will
  // record, CSRF, sign-in, the rate limit, the role.
  app.register(securityHeaders);
  app.register(authentication, authOptions);
  const readUpstream = upstreamReader({ ...options.upstream, dispatcher });
  app.register(auditWrites, { store, mode: auth.mode, readUpstream });
  app.register(csrfProtection);
  app.register(signInRequired);
  if (options.apiRateLimit && options.apiRateLimit.max > 0) {
    app.register(apiRateLimit, {
      ...options.apiRateLimit,
      authMode: auth.mode,
      // SQLite is one process's store: its budget need not be shared, and
      // counting in memory keeps a database write off every request.
      counters: store.dialect === 'postgres' ? store.counters : undefined,
    });
  }
  app.register(roleRequired);
  app.register(async (scope) => {
    if (authOptions.auth.mode === 'oidc') {
      oidcRoutes(scope, { ...authOptions, auth: authOptions.auth });
    }
    auditRoutes(scope, store);
  });

  healthRoutes(app, {
    label: options.upstream.label,
    endpoint: options.upstream.endpoint,
    credentials: options.upstream.credentials,
    dispatcher,
    timeoutMs: options.upstream.timeoutMs,
    pingDatabase: () => store.ping(),
  });
  app.register(async (scope) =>
    forwardRoutes(scope, {
      endpoint: options.upstream.endpoint,
      credentials: options.upstream.credentials,
      timeoutMs: options.upstream.timeoutMs,
      dispatcher,
      // Forwarded reads write their answer themselves, past the onSend hook.
      closing: () => closing,
    }),
  );
  app.register(async (scope) =>
    testCaseRoutes(scope, {
      store,
      readUpstream,
      ...(options.testCaseLimits ? { limits: options.testCaseLimits } : {}),
    }),
  );
  app.register(async (scope) => discoveryRoutes(scope, options.discovery));
  // Only the emulator's STS may be sent a pasted token: never Confluent's.
  if (options.upstream.label === 'emulator') {
    stsCheckRoutes(app, {
      endpoint: options.upstream.endpoint,
      dispatcher,
      timeoutMs: options.upstream.timeoutMs,
    });
  }
  staticRoutes(app, options.distDir);

  if (!options.dispatcher)
    app.addHook('onClose', async () => dispatcher.close());
  if (!options.store) app.addHook('onClose', async () => store.close());
  return app;
}
