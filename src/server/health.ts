import type { FastifyInstance } from 'fastify';
import { request as send, type Dispatcher } from 'undici';
import { CredentialError, type CredentialSource } from './credentials.ts';
import { PUBLIC_PAGE } from './endpoint.ts';

export type UpstreamLabel = 'emulator' | 'confluent-cloud' | string;

/**
 * /healthz answers from this process alone; /readyz also asks Lifeguard's
 * database and the upstream for one provider, so a load balancer keeps
 * traffic away from a replica whose database, Confluent or credential is
 * not usable.
 */
export function healthRoutes(
  app: FastifyInstance,
  options: {
    label: UpstreamLabel;
    endpoint: string;
    credentials: CredentialSource;
    dispatcher: Dispatcher;
    timeoutMs: number;
    /** Resolves when Lifeguard's own database answers. */
    pingDatabase: () => Promise<void>;
  },
) {
  const page = { config: { policy: PUBLIC_PAGE } };
  app.get('/healthz', page, async () => ({
    status: 'ok',
    upstream: options.label,
  }));

  app.get('/readyz', page, async (request, reply) => {
    const started = performance.now();
    // A self-renewing credential's state, never a token, read once the
    // attempt below has had its say (keyless sign-in only).
    const withCredential = (body: Record<string, unknown>) => {
      const credential = options.credentials.state?.();
      return credential ? { ...body, credential } : body;
    };
    try {
      await withTimeout(options.pingDatabase(), options.timeoutMs);
    } catch (error) {
      request.log.error(
        { err: { type: (error as Error).name } },
        'Lifeguard’s database did not answer',
      );
      return reply.code(503).send(
        withCredential({
          status: 'unavailable',
          upstream: options.label,
          reason: 'Lifeguard’s database could not be reached',
        }),
      );
    }
    try {
      const authorization = await options.credentials.authorization();
      const response = await send(
        `${options.endpoint}/iam/v2/identity-providers?page_size=1`,
        {
          dispatcher: options.dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          headers: {
            accept: 'application/json',
            authorization,
            'x-request-id': request.id,
          },
        },
      );
      await response.body.dump();
      const latencyMs = Math.round(performance.now() - started);
      if (response.statusCode === 200) {
        return withCredential({
          status: 'ready',
          upstream: options.label,
          latencyMs,
        });
      }
      // A revoked STS token: the next call exchanges again.
      if (response.statusCode === 401) {
        options.credentials.rejected?.(authorization);
      }
      const reason =
        response.statusCode === 401 || response.statusCode === 403
          ? 'the upstream refused Lifeguard’s credentials'
          : `the upstream answered ${response.statusCode}`;
      return reply.code(503).send(
        withCredential({
          status: 'unavailable',
          upstream: options.label,
          reason,
        }),
      );
    } catch (error) {
      const reason =
        error instanceof CredentialError
          ? error.message
          : 'the upstream could not be reached';
      return reply.code(503).send(
        withCredential({
          status: 'unavailable',
          upstream: options.label,
          reason,
        }),
      );
    }
  });
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
