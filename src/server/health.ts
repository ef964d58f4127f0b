import type { FastifyInstance } from 'fastify';
import { request as send, type Dispatcher } from 'undici';
import type { CredentialSource } from './credentials.ts';
import { PUBLIC_PAGE } from './endpoint.ts';

export type UpstreamLabel = 'emulator' | 'confluent-cloud' | string;

/**
 * /healthz answers from this process alone; /readyz also asks the upstream
 * for one provider, so a load balancer keeps traffic away while Confluent
 * (or the credential) is not usable.
 */
export function healthRoutes(
  app: FastifyInstance,
  options: {
    label: UpstreamLabel;
    endpoint: string;
    credentials: CredentialSource;
    dispatcher: Dispatcher;
    timeoutMs: number;
  },
) {
  const page = { config: { policy: PUBLIC_PAGE } };
  app.get('/healthz', page, async () => ({
    status: 'ok',
    upstream: options.label,
  }));

  app.get('/readyz', page, async (request, reply) => {
    const started = performance.now();
    try {
      const response = await send(
        `${options.endpoint}/iam/v2/identity-providers?page_size=1`,
        {
          dispatcher: options.dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          headers: {
            accept: 'application/json',
            authorization: await options.credentials.authorization(),
            'x-request-id': request.id,
          },
        },
      );
      await response.body.dump();
      const latencyMs = Math.round(performance.now() - started);
      if (response.statusCode === 200) {
        return { status: 'ready', upstream: options.label, latencyMs };
      }
      const reason =
        response.statusCode === 401 || response.statusCode === 403
          ? 'the upstream refused Lifeguard’s credentials'
          : `the upstream answered ${response.statusCode}`;
      return reply
        .code(503)
        .send({ status: 'unavailable', upstream: options.label, reason });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'CredentialError'
          ? error.message
          : 'the upstream could not be reached';
      return reply
        .code(503)
        .send({ status: 'unavailable', upstream: options.label, reason });
    }
  });
}
