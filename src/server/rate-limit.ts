import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { AuthMode } from '#contract/auth.ts';
import { fail } from './failure.ts';

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
    options: ApiRateLimit & { authMode: AuthMode },
  ) => {
    // Not global: the plugin would add its headers to every route. Its
    // store (an LRU of 5000 clients, so its memory stays bounded whoever
    // calls) and key handling are used from the one hook below instead.
    await app.register(fastifyRateLimit, { global: false });
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
  },
  {
    name: 'lifeguard-api-rate-limit',
    dependencies: ['lifeguard-authentication'],
  },
);
