import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { failureBody } from '#contract/errors.ts';
import { API_PREFIX } from './proxy.ts';

/**
 * Serves the built console with an index.html fallback for client-side
 * routes; anything under /api that no route took is a JSON 404.
 */
export function staticRoutes(app: FastifyInstance, distDir: string) {
  const built = existsSync(join(distDir, 'index.html'));
  if (built) {
    app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      // The build writes .br and .gz beside each asset (scripts/precompress.ts).
      preCompressed: true,
      setHeaders: (response, path) => {
        // Hashed names never change content; index.html must be re-read.
        response.header(
          'cache-control',
          path.includes(`${sep}assets${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = (request.raw.url ?? '').split('?')[0] ?? '';
    if (
      path === API_PREFIX ||
      path.startsWith(`${API_PREFIX}/`) ||
      request.method !== 'GET'
    ) {
      return reply
        .code(404)
        .header('x-request-id', request.id)
        .send(
          failureBody(
            404,
            [
              {
                code: 'not_found',
                title: 'Not Found',
                detail: `No route ${request.method} ${path}.`,
              },
            ],
            request.id,
          ),
        );
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The console is not built yet: run `npm run build`, or start with `npm start`.',
        );
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
