import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { canWrite } from '#contract/auth.ts';
import { fail } from './failure.ts';

/**
 * A route whose policy needs a signed-in user answers 401 without one.
 * After the CSRF check (a cross-site write is refused as such, signed in or
 * not) and before the rate limit.
 */
export const signInRequired = fastifyPlugin(
  async (app: FastifyInstance) => {
    // Callback style: it runs for every request (see app.ts).
    app.addHook('onRequest', (request, reply, done) => {
      if (request.user || request.policy.access === 'public') return done();
      // Answered here: the hook chain stops without done().
      void fail(request, reply, 401, {
        code: 'unauthenticated',
        title: 'Unauthorized',
        detail: request.sessionEnded
          ? 'Your session has ended; sign in again.'
          : 'Sign in to use Lifeguard.',
      });
    });
  },
  {
    name: 'lifeguard-sign-in-required',
    dependencies: ['lifeguard-authentication'],
  },
);

/**
 * A route whose policy is for admins answers 403 to any other role, before
 * its body is read or anything is forwarded; the audit log records the
 * attempt as denied.
 */
export const roleRequired = fastifyPlugin(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, reply, done) => {
      const { user } = request;
      if (request.policy.access !== 'admin' || !user || canWrite(user.role)) {
        return done();
      }
      request.log.warn(
        { user: user.id, role: user.role, route: request.routeOptions.url },
        'request refused: role may not write',
      );
      void fail(request, reply, 403, {
        code: 'forbidden_role',
        title: 'Forbidden',
        detail: `Your role (${user.role}) may browse and test tokens but not make changes; ask a Lifeguard admin.`,
      });
    });
  },
  {
    name: 'lifeguard-role-required',
    dependencies: ['lifeguard-authentication'],
  },
);
