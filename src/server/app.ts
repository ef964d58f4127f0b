import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.ts';

export type ServerOptions = {
  config: ServerConfig;
  /** Where the upstream is, for /healthz; the proxy arrives with issue 3. */
  upstream: { kind: 'emulator' | 'confluent'; url: string };
  logger?: boolean | { level: string };
};

/** Serves the built console; never listens by itself. */
export function createServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });

  app.get('/healthz', async () => ({
    status: 'ok',
    upstream: options.upstream.kind,
  }));

  app.register(fastifyStatic, {
    root: options.config.distDir,
    wildcard: false,
  });

  // Client-side routes fall back to the SPA; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.code(404).send({
        errors: [
          { status: '404', title: 'Not Found', detail: 'No such route.' },
        ],
      });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
