import fastifyRateLimit, {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { AuthMode } from '#contract/auth.ts';
import { fail } from './failure.ts';
import type { Counters } from './store/counters.ts';

export type ApiRateLimit = {
  /** Requests per window per client. */
  max: number;
  windowSeconds: number;
};

/** A signed-in user's budget follows them across addresses; otherwise the address's. */
function clientKey(request: FastifyRequest, mode: AuthMode): string {
  // Without sign-in everyone is the same "local" user: that would be one
  // shared budget, so the address tells browsers (machines) apart instead.
  if (request.user && mode !== 'none') return `user:${request.user.id}`;
  return `ip:${request.ip}`;
}

/**
 * @fastify/rate-limit's store interface over the store's counters, so a
 * client's budget is one across replicas, not one per replica. The plugin
 * builds the store itself, so this returns a class bound to `counters`.
 */
function sharedCounterStore(counters: Counters): FastifyRateLimitStoreCtor {
  class SharedCounterStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (
        error: Error | null,
        result?: { current: number; ttl: number },
      ) => void,
      timeWindow: number,
    ) {
      const now = Date.now();
      counters.hit(`api:${key}`, timeWindow, now).then(
        ({ count, resetAt }) =>
          callback(null, { current: count, ttl: resetAt - now }),
        (error: Error) => callback(error),
      );
    }

    child() {
      return new SharedCounterStore();
    }
  }
  return SharedCounterStore;
}

/**
 * A per-client budget on /api, so one browser (or script) cannot spend the
 * organisation's whole upstream rate limit. It must run after
 * `authentication`, which says who the client is.
 *
 * Forwarded answers keep the upstream's X-RateLimit-* headers: the console
 * reads the organisation's budget from them, so this limiter adds none of its
 * own and answers its 429 with Retry-After only.
 */
export const apiRateLimit = fastifyPlugin(
  async (
    app: FastifyInstance,
    options: ApiRateLimit & {
      authMode: AuthMode;
      /**
       * Where several replicas count together (PostgreSQL). Without, the
       * plugin's own in-memory store: an LRU of 5,000 clients, so memory
       * stays bounded whoever calls.
       */
      counters?: Counters | undefined;
    },
  ) => {
    const { counters } = options;
    // Not global: the plugin would add its headers to every route. Its
    // key handling is used from the one hook below instead.
    await app.register(fastifyRateLimit, {
      global: false,
      ...(counters && { store: sharedCounterStore(counters) }),
    });
    const check = app.createRateLimit({
      max: options.max,
      timeWindow: options.windowSeconds * 1000,
      keyGenerator: (request) => clientKey(request, options.authMode),
    });

    // Callback style: it runs for every request (see app.ts), and only
    // the routes whose policy counts them wait for the store.
    app.addHook('onRequest', (request, reply, done) => {
      if (!request.policy.rateLimited) return done();
      check(request).then((result) => {
        if (result.isAllowed || !result.isExceeded) return done();
        const seconds = Math.max(1, result.ttlInSeconds);
        request.log.warn(
          { client: result.key, limit: options.max, retryAfter: seconds },
          'client over its API rate limit',
        );
        reply.header('retry-after', String(seconds));
        // Answered here: the hook chain stops without done().
        void fail(request, reply, 429, {
          code: 'lifeguard_rate_limited',
          title: 'Too Many Requests',
          detail: `You have made more than ${options.max} requests in ${options.windowSeconds} s through Lifeguard, which keeps each user to that so no one uses up the organisation's Confluent API budget. Try again in ${seconds} s.`,
        });
      }, done);
    });

    if (!counters) return;
    // Ended windows are dropped (by every replica; the deletes are
    // idempotent), so the table holds about one row per recent client.
    const timer = setInterval(
      () =>
        void counters
          .purge()
          .catch((error: unknown) =>
            app.log.error(
              { err: error },
              'request counters could not be purged',
            ),
          ),
      Math.max(60_000, options.windowSeconds * 1000),
    );
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  {
    name: 'lifeguard-api-rate-limit',
    dependencies: ['lifeguard-authentication'],
  },
);
