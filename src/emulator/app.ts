import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth.ts';
import { authorizeByRoleBindings } from './authorization.ts';
import type { Clock } from './clock.ts';
import type { EmulatorConfig } from './config.ts';
import type { EmulatorContext } from './context.ts';
import { FaultInjector } from './faults.ts';
import type { Random } from './ids.ts';
import { PageTokens } from './page-token.ts';
import { failureBody, type FailureItem } from '#contract/errors.ts';
import { ApiProblem, badRequest, FailureProblem } from './problems.ts';
import { RateLimiter, type RateLimitState } from './rate-limiter.ts';
import { certificateAuthorityRoutes } from './routes/certificate-authorities.ts';
import { certificatePoolRoutes } from './routes/certificate-pools.ts';
import { controlRoutes } from './routes/control.ts';
import { directoryRoutes } from './routes/directory.ts';
import { groupMappingRoutes } from './routes/group-mappings.ts';
import { poolRoutes } from './routes/pools.ts';
import { providerRoutes } from './routes/providers.ts';
import { quotaRoutes } from './routes/quotas.ts';
import { roleBindingRoutes } from './routes/role-bindings.ts';
import { isTokenServicePath, stsRoutes } from './sts/routes.ts';
import { createStsState } from './sts/state.ts';
import { testIdpRoutes } from './test-idp/routes.ts';
import { applyMissingSeed } from './seed.ts';
import { Store } from './store.ts';
import { requestIdFor } from '#contract/request-id.ts';

export type EmulatorOptions = {
  config: EmulatorConfig;
  /** Defaults to `<dataDir>/emulator.sqlite`; ':memory:' for throwaway tests. */
  databaseFile?: string;
  random?: Random;
  clock?: Clock;
  logger?: boolean | { level: string };
};

export type Emulator = { app: FastifyInstance; store: Store };

const BODY_LIMIT = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    rateLimit?: RateLimitState;
  }
}

// Everything but the control API: auth, rate limits and faults apply.
function isApiPath(url: string): boolean {
  return (
    url.startsWith('/iam/') ||
    url.startsWith('/org/') ||
    url.startsWith('/cmk/') ||
    url.startsWith('/service-quota/')
  );
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetSeconds),
  };
}

function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  items: FailureItem[],
  headers: Record<string, string> = {},
) {
  return reply
    .code(status)
    .headers(headers)
    .send(failureBody(status, items, request.id));
}

// Fastify's own errors (bad JSON, body too large, wrong media type) in the
// upstream's error shape, with a sentence a person can act on. `bodyLimit`
// is the route's own, where it has one (certificate authorities do).
function frameworkProblem(
  error: FastifyError,
  bodyLimit: number,
): FailureProblem | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  const detail =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? `The request body is larger than ${bodyLimit / 1024} KiB.`
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Send the request body as application/json.'
        : error.message;
  return new FailureProblem(status, [
    { code: 'bad_request', title: 'Bad Request', detail },
  ]);
}

function openStore(options: EmulatorOptions): Store {
  const file =
    options.databaseFile ?? join(options.config.dataDir, 'emulator.sqlite');
  const store = Store.open(file, {
    random: options.random,
    clock: options.clock,
  });
  applyMissingSeed(store, options.config.seed, options.config.orgId);
  return store;
}

function pageTokenSecret(store: Store): string {
  let secret = store.getMeta('page_token_secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    store.setMeta('page_token_secret', secret);
  }
  return secret;
}

/** Builds the emulator's HTTP app over its store; it does not listen. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const { config } = options;
  const store = openStore(options);
  const context: EmulatorContext = {
    config,
    store,
    tokens: new PageTokens(pageTokenSecret(store)),
    limiter: new RateLimiter(config.rateLimit),
    faults: new FaultInjector(),
    ...createStsState(config, store),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: (request) => requestIdFor(request.headers['x-request-id']),
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      if (body === '') return done(null, undefined);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(badRequest('The request body is not valid JSON.'), undefined);
      }
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url) && !isTokenServicePath(request.url)) return;
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    const fault = context.faults.take(request.method, pathOf(request.url));
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.respond) {
      const { status, retryAfter } = fault.respond;
      const headers: Record<string, string> =
        retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
      if (status === 429) {
        Object.assign(headers, {
          'x-ratelimit-limit': String(config.rateLimit.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(retryAfter ?? 1),
        });
      }
      return sendFailure(
        request,
        reply,
        status,
        [
          {
            code: 'injected_fault',
            title: 'Injected Fault',
            detail: `The emulator was told to answer ${status} to this request.`,
          },
        ],
        headers,
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const auth = await authenticate(
      config,
      store,
      request.headers.authorization,
    );
    if (!auth.ok) {
      return sendFailure(
        request,
        reply,
        401,
        [
          {
            code: 'user_unauthenticated',
            title: 'Authentication Required',
            detail: auth.detail,
          },
        ],
        { 'www-authenticate': auth.challenge },
      );
    }
    request.caller = auth;
    // A pool's tokens share one budget: the principal is the pool.
    const state = context.limiter.take(auth.principal);
    request.rateLimit = state;
    if (!state.allowed) {
      return sendFailure(
        request,
        reply,
        429,
        [
          {
            code: 'too_many_requests',
            title: 'Rate Limit Exceeded',
            detail: `Too many requests: the limit is ${state.limit} per ${config.rateLimit.windowSeconds} s. Retry after ${state.resetSeconds} s.`,
          },
        ],
        { 'retry-after': String(state.resetSeconds) },
      );
    }
  });

  // After authentication, before any route is declared (it reads each).
  authorizeByRoleBindings(app, context);

  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    if (request.rateLimit && (status < 300 || status === 429)) {
      reply.headers(rateLimitHeaders(request.rateLimit));
    }
    return payload;
  });

  app.setErrorHandler((error: FastifyError | ApiProblem, request, reply) => {
    const problem =
      error instanceof ApiProblem
        ? error
        : frameworkProblem(error, request.routeOptions.bodyLimit ?? BODY_LIMIT);
    if (!problem) {
      request.log.error({ err: error }, 'emulator route failed');
      return sendFailure(request, reply, 500, [
        {
          code: 'internal_error',
          title: 'Internal Server Error',
          detail: 'The emulator failed to handle this request; see its log.',
        },
      ]);
    }
    if (problem instanceof FailureProblem) {
      return sendFailure(
        request,
        reply,
        problem.status,
        problem.items,
        problem.headers,
      );
    }
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .send(problem.body);
  });

  app.setNotFoundHandler((request, reply) =>
    sendFailure(request, reply, 404, [
      {
        code: 'not_found',
        title: 'Not Found',
        detail: `No route ${request.method} ${pathOf(request.url)}.`,
      },
    ]),
  );

  providerRoutes(app, context);
  poolRoutes(app, context);
  directoryRoutes(app, context);
  roleBindingRoutes(app, context);
  groupMappingRoutes(app, context);
  certificateAuthorityRoutes(app, context);
  certificatePoolRoutes(app, context);
  quotaRoutes(app, context);
  stsRoutes(app, context);
  testIdpRoutes(app, context);
  if (config.control) controlRoutes(app, context);
  app.addHook('onClose', async () => store.close());

  return { app, store };
}
