import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { badRequest, FailureProblem } from '../problems.ts';
import { readExchangeRequest } from './exchange-request.ts';
import { exchangeToken } from './exchange.ts';
import { acceptFormBodies, readForm } from './form-body.ts';

export const STS_TOKEN_PATH = '/sts/v1/oauth2/token';

/**
 * Paths of the emulator's token services (its STS and its test identity
 * provider): faults and added latency apply to them as to the API, but not
 * Basic authentication, which they do not take.
 */
export function isTokenServicePath(url: string): boolean {
  return url.startsWith('/sts/') || url.startsWith('/test-idp/');
}

function notAForm(sent: 'nothing' | 'json' | 'other'): FailureProblem {
  return badRequest(
    sent === 'json'
      ? 'The token exchange takes a form, not JSON: send the fields as application/x-www-form-urlencoded.'
      : 'The token exchange takes its fields as an application/x-www-form-urlencoded form.',
  );
}

/**
 * Confluent's Security Token Service: `POST /sts/v1/oauth2/token` exchanges
 * a JWT of an organisation's identity provider for an access token acting
 * as one of its identity pools (docs/confluent-api.md §34). The call takes
 * no credential, as on the live service: an `Authorization` header is
 * ignored. Nothing here logs a body, so neither token reaches the log.
 */
export function stsRoutes(app: FastifyInstance, context: EmulatorContext) {
  const { limiter, config } = context;
  app.register(async (scope) => {
    acceptFormBodies(scope);

    // Unauthenticated, so counted per client address, as Confluent counts
    // unauthenticated calls (docs/confluent-api.md §8).
    scope.addHook('onRequest', async (request) => {
      const state = limiter.take(`sts:${request.ip}`);
      if (state.allowed) return;
      throw new FailureProblem(
        429,
        [
          {
            code: 'too_many_requests',
            title: 'Rate Limit Exceeded',
            detail: `Too many token exchanges from this address: the limit is ${state.limit} per ${config.rateLimit.windowSeconds} s. Retry after ${state.resetSeconds} s.`,
          },
        ],
        {
          'retry-after': String(state.resetSeconds),
          'x-ratelimit-limit': String(state.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(state.resetSeconds),
        },
      );
    });

    scope.post(STS_TOKEN_PATH, async (request, reply) => {
      const read = readForm(request);
      if (!read.ok) throw notAForm(read.sent);
      const exchanged = await exchangeToken(
        context,
        readExchangeRequest(read.form),
      );
      request.log.info(
        { pool: exchanged.poolId, subject: exchanged.subject },
        'sts: token exchanged',
      );
      return reply
        .headers({ 'cache-control': 'no-store', pragma: 'no-cache' })
        .send(exchanged.reply);
    });
  });
}
