import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { API_UNKNOWN, PUBLIC_PAGE } from './endpoint.ts';
import { fail } from './failure.ts';
import { API_PREFIX } from '#contract/lifeguard-api.ts';

function noSuchRoute(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  return fail(request, reply, 404, {
    code: 'not_found',
    title: 'Not Found',
    detail: `No route ${request.method} ${path}.`,
  });
}

/**
 * Serves the built console with an index.html fallback for client-side
 * routes; anything under /api that no route took is a JSON 404 (for
 * signed-in users: its policy is {@link API_UNKNOWN}).
 */
export function staticRoutes(app: FastifyInstance, distDir: string) {
  const built = existsSync(join(distDir, 'index.html'));
  app.register(async (scope) => {
    // @fastify/static declares a route per file: all of them public, like
    // the fallback below.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, policy: PUBLIC_PAGE };
    });
    if (built) {
      await scope.register(fastifyStatic, {
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
    // Client-side routes: any other page is the console, which shows its
    // own "not found".
    scope.get('/*', (_request, reply) => {
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
  });

  for (const url of [API_PREFIX, `${API_PREFIX}/*`]) {
    app.all(url, { config: { policy: API_UNKNOWN } }, noSuchRoute);
  }

  // Other methods on pages: nothing to answer, and nothing to decide.
  app.setNotFoundHandler(noSuchRoute);
}
