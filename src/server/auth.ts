import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import {
  AUTH_API,
  type SessionInfo,
  type SessionUser,
} from '#contract/auth.ts';
import { fail } from './failure.ts';
import { loginInputSchema } from '#contract/login-input.ts';
import type { AuthConfig, SessionConfig } from './config.ts';
import { API_PUBLIC, type RoutePolicy } from './endpoint.ts';
import { FailureLimiter } from './login-limiter.ts';
import { verifyPassword } from './passwords.ts';
import type { LifeguardStore } from './store/lifeguard-store.ts';

/** Who acts when there is no sign-in (AUTH_MODE=none, loopback only). */
export const LOCAL_USER: SessionUser = {
  id: 'local',
  name: 'Local user',
  role: 'admin',
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; undefined when signed out. */
    user?: SessionUser;
    /** The browser brought a session cookie that no longer names a session. */
    sessionEnded?: boolean;
  }
}

export type AuthOptions = {
  auth: AuthConfig;
  session: SessionConfig;
  store: LifeguardStore;
};

const FAILURES_PER_USER = 5;
const FAILURES_PER_ADDRESS = 20;
const FAILURE_WINDOW_MS = 15 * 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

/** __Host- cookies must be Secure, so the name follows the scheme. */
function sessionCookie(request: FastifyRequest) {
  const secure = request.protocol === 'https';
  return {
    name: secure ? '__Host-lifeguard_session' : 'lifeguard_session',
    secure,
  };
}

/**
 * Starts a session for `user` with a new id (any session the browser
 * brought is ended first, so a planted id never becomes a signed-in one).
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  options: AuthOptions,
  user: SessionUser,
) {
  const cookie = sessionCookie(request);
  const previous = request.cookies[cookie.name];
  if (previous) await options.store.sessions.delete(previous);
  const token = await options.store.sessions.create(user);
  reply.setCookie(cookie.name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookie.secure,
    path: '/',
    maxAge: Math.floor(options.session.maxMs / 1000),
  });
  request.log.info(
    { user: user.id, role: user.role, mode: options.auth.mode },
    'signed in',
  );
}

function sessionInfo(options: AuthOptions, user?: SessionUser): SessionInfo {
  return {
    mode: options.auth.mode,
    user: user ?? null,
    ...(options.auth.mode === 'oidc' ? { signInUrl: AUTH_API.oidcLogin } : {}),
  };
}

function passwordLogin(app: FastifyInstance, options: AuthOptions) {
  const failures = options.store.loginFailures;
  const byUser = new FailureLimiter(
    failures,
    'user',
    FAILURES_PER_USER,
    FAILURE_WINDOW_MS,
  );
  const byAddress = new FailureLimiter(
    failures,
    'address',
    FAILURES_PER_ADDRESS,
    FAILURE_WINDOW_MS,
  );

  app.post(
    AUTH_API.login,
    { config: { policy: API_PUBLIC } },
    async (request, reply) => {
      const { auth } = options;
      if (auth.mode !== 'password') {
        return fail(request, reply, 409, {
          code: 'not_password_mode',
          title: 'Conflict',
          detail:
            auth.mode === 'none'
              ? 'This Lifeguard has no sign-in (AUTH_MODE=none).'
              : 'Sign in with your organisation instead (AUTH_MODE=oidc).',
        });
      }
      const parsed = loginInputSchema.safeParse(request.body);
      if (!parsed.success) {
        return fail(request, reply, 400, {
          code: 'bad_request',
          title: 'Bad Request',
          detail: 'Give a username and a password.',
        });
      }
      const { username, password } = parsed.data;
      const userKey = username.toLowerCase();
      const waitMs = Math.max(
        ...(await Promise.all([
          byUser.retryAfterMs(userKey),
          byAddress.retryAfterMs(request.ip),
        ])),
      );
      if (waitMs > 0) {
        request.log.warn({ address: request.ip }, 'sign-in attempts limited');
        const seconds = Math.ceil(waitMs / 1000);
        reply.header('retry-after', String(seconds));
        return fail(request, reply, 429, {
          code: 'too_many_attempts',
          title: 'Too Many Requests',
          detail: `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`,
        });
      }
      const user = auth.users.get(username);
      // Always derives a key, so an unknown name costs as long as a wrong password.
      const valid = await verifyPassword(password, user?.hash);
      if (!valid || !user) {
        await Promise.all([byUser.fail(userKey), byAddress.fail(request.ip)]);
        // The attempted name is not logged: people type passwords into it.
        request.log.warn(
          { address: request.ip, knownUser: user !== undefined },
          'sign-in failed',
        );
        return fail(request, reply, 401, {
          code: 'sign_in_failed',
          title: 'Unauthorized',
          detail: 'Incorrect username or password.',
        });
      }
      await byUser.reset(userKey);
      const sessionUser = {
        id: user.username,
        name: user.username,
        role: user.role,
      };
      await startSession(request, reply, options, sessionUser);
      return sessionInfo(options, sessionUser);
    },
  );
}

/** Signing out must always work, even for a client over its budget. */
const SIGN_OUT: RoutePolicy = { ...API_PUBLIC, rateLimited: false };

/**
 * Who is calling: the session cookie (or the local user without sign-in).
 * It refuses nothing itself: the route's policy decides (access.ts).
 */
export const authentication = fastifyPlugin(
  async (app: FastifyInstance, options: AuthOptions) => {
    await app.register(fastifyCookie);

    // Callback style: it runs for every request (see app.ts).
    app.addHook('onRequest', (request, _reply, done) => {
      if (options.auth.mode === 'none') {
        request.user = LOCAL_USER;
        return done();
      }
      const token = request.cookies[sessionCookie(request).name];
      if (!token) return done();
      options.store.sessions.touch(token, options.session).then((user) => {
        request.user = user;
        request.sessionEnded = !user;
        done();
      }, done);
    });

    app.get(
      AUTH_API.session,
      { config: { policy: API_PUBLIC } },
      async (request) => sessionInfo(options, request.user),
    );

    passwordLogin(app, options);

    app.post(
      AUTH_API.logout,
      { config: { policy: SIGN_OUT } },
      async (request, reply) => {
        const cookie = sessionCookie(request);
        const token = request.cookies[cookie.name];
        if (token) await options.store.sessions.delete(token);
        if (request.user && options.auth.mode !== 'none') {
          request.log.info({ user: request.user.id }, 'signed out');
        }
        reply.clearCookie(cookie.name, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: cookie.secure,
        });
        return reply.code(204).send();
      },
    );

    if (options.auth.mode !== 'none') {
      // Every replica purges; the deletes are idempotent.
      const purge = () =>
        Promise.all([
          options.store.sessions.purge(options.session),
          options.store.loginFailures.purge(Date.now() - FAILURE_WINDOW_MS),
        ]).catch((error: unknown) =>
          app.log.error(
            { err: error },
            'expired sessions and sign-in failures could not be purged',
          ),
        );
      const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }
  },
  { name: 'lifeguard-authentication' },
);
