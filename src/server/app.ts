import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Agent, type Dispatcher } from 'undici';
import type { AuthConfig, SessionConfig } from './config.ts';
import type { CredentialSource } from './credentials.ts';
import { auditRoutes, auditWrites } from './audit.ts';
import { authentication } from './auth.ts';
import { oidcRoutes } from './oidc.ts';
import { healthRoutes, type UpstreamLabel } from './health.ts';
import { BODY_LIMIT, proxyRoutes } from './proxy.ts';
import { csrfProtection, securityHeaders } from './security.ts';
import { staticRoutes } from './static.ts';
import { LifeguardStore } from './store.ts';
import { testCaseRoutes } from './test-cases.ts';
import { requestIdFor } from '#contract/request-id.ts';

export type ServerOptions = {
  distDir: string;
  upstream: {
    /** Base URL without trailing slash. */
    endpoint: string;
    label: UpstreamLabel;
    credentials: CredentialSource;
    timeoutMs: number;
  };
  /** Injectable for tests; by default a keep-alive pool per upstream origin. */
  dispatcher?: Dispatcher;
  logLevel?: string;
  /** Lifeguard's own data (test cases, sessions, audit); in memory by default. */
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
};

/** Builds the server (console, /api forwarding, health); it does not listen. */
export function createServer(options: ServerOptions): FastifyInstance {
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connections: 64,
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
            createHttpsServer(options.tls!, handler) as unknown as Server,
        }
      : {}),
    genReqId: (request) => requestIdFor(request.headers['x-request-id']),
  });

  // One structured line per request: method, route pattern, status, duration.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routePattern ?? request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  // Graceful close: in-flight responses tell their keep-alive clients to hang
  // up, or Node would wait for those sockets forever.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  const store = options.store ?? LifeguardStore.open(':memory:');
  const auth = options.auth ?? { mode: 'none' };
  const authOptions = {
    auth,
    store,
    session: options.session ?? { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 },
  };

  securityHeaders(app);
  csrfProtection(app);
  app.register(authentication, authOptions);
  app.register(async (scope) => {
    if (authOptions.auth.mode === 'oidc') {
      oidcRoutes(scope, { ...authOptions, auth: authOptions.auth });
    }
    auditRoutes(scope, store);
  });
  // Global, so it sees the proxy's and the test cases' writes.
  app.register(
    fastifyPlugin(async (scope) => auditWrites(scope, store, auth.mode)),
  );

  healthRoutes(app, {
    label: options.upstream.label,
    endpoint: options.upstream.endpoint,
    credentials: options.upstream.credentials,
    dispatcher,
    timeoutMs: options.upstream.timeoutMs,
  });
  app.register(async (scope) =>
    proxyRoutes(scope, {
      endpoint: options.upstream.endpoint,
      credentials: options.upstream.credentials,
      timeoutMs: options.upstream.timeoutMs,
      dispatcher,
    }),
  );
  app.register(async (scope) => testCaseRoutes(scope, store));
  staticRoutes(app, options.distDir);

  if (!options.dispatcher)
    app.addHook('onClose', async () => dispatcher.close());
  if (!options.store) app.addHook('onClose', async () => store.close());
  return app;
}
