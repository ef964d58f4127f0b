import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AuditAction } from '#contract/audit.ts';
import { fail } from './failure.ts';
import { clientRequestIdOf } from '#contract/request-id.ts';

/**
 * Who may call a route: anyone (the console's files, signing in), any
 * signed-in user, or only a user whose role may write.
 */
export type Access = 'public' | 'signed-in' | 'admin';

/** What a recorded write does and to which resource. */
export type AuditTarget = {
  action: AuditAction;
  providerId: string | null;
  poolId: string | null;
  /** Read the resource before the write, so its entry shows what was replaced. */
  readsBefore?: boolean;
  /** A sub-collection the write also removes (a provider's identity-pools), read whole first. */
  removesWith?: string;
  /** A role binding: the pool it concerns is its principal (`User:pool-…`). */
  poolFromPrincipal?: boolean;
};

/**
 * Everything Lifeguard decides about a request before its handler runs
 * (sign-in, CSRF, role, rate limit, audit, security and cache headers) is
 * read from the policy of the route that matched, declared with the route,
 * never from the URL's text: a path spelt another way either matches the
 * same route, and so the same policy, or is refused (see
 * {@link requestTargetProblem}).
 */
export type RoutePolicy = {
  access: Access;
  /**
   * Under /api: answers are JSON and never stored by a browser or proxy,
   * and writes must come from the console itself (CSRF).
   */
  api: boolean;
  /** Counts against the per-client /api budget. */
  rateLimited: boolean;
  /** For writes the audit log records: what this one does. */
  audit?: (
    method: string,
    params: Readonly<Record<string, string>>,
  ) => AuditTarget | undefined;
  /** The handler writes its answer itself, headers included (forwarded reads). */
  writesOwnHeaders?: boolean;
};

/** One method of one declared route, as the server will answer it. */
export type DeclaredRoute = {
  method: string;
  url: string;
  policy: RoutePolicy;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyInstance {
    /** Every route the server answers, each method with its policy (once ready). */
    declaredRoutes: () => DeclaredRoute[];
  }
  interface FastifyRequest {
    /** The policy of the route that matched (see {@link RoutePolicy}). */
    policy: RoutePolicy;
    /** The X-Request-Id the client sent, kept beside the server's own id. */
    clientRequestId: string | undefined;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a method asks to change something. */
export function isWrite(method: string): boolean {
  return WRITE_METHODS.has(method);
}

/** The console's files, health checks and the sign-in redirects. */
export const PUBLIC_PAGE: RoutePolicy = {
  access: 'public',
  api: false,
  rateLimited: false,
};

/** A write under /api that is no endpoint of Lifeguard's: recorded, never applied. */
export function unrecognisedWrite(method: string): AuditTarget | undefined {
  return isWrite(method)
    ? { action: 'unrecognised-write', providerId: null, poolId: null }
    : undefined;
}

export const API_PUBLIC: RoutePolicy = {
  access: 'public',
  api: true,
  rateLimited: true,
};

export const API_SIGNED_IN: RoutePolicy = {
  access: 'signed-in',
  api: true,
  rateLimited: true,
};

export const API_ADMIN: RoutePolicy = {
  access: 'admin',
  api: true,
  rateLimited: true,
};

/** Paths under /api that no route declares: a 404 for signed-in users only. */
export const API_UNKNOWN: RoutePolicy = {
  ...API_SIGNED_IN,
  audit: unrecognisedWrite,
};

// A request that matched no route at all: the not-found handler answers,
// and it decides nothing.
const UNMATCHED: RoutePolicy = PUBLIC_PAGE;

/** Where {@link requestTargetProblem} sends a target it refuses. */
export const REFUSED_TARGET_PATH = '/_lifeguard/refused-request-target';

const REFUSED_TARGET: RoutePolicy = {
  access: 'public',
  api: false,
  rateLimited: false,
  audit: unrecognisedWrite,
};

// RFC 3986 pchar without percent-escapes: segments of these, one slash
// apart, none of them `.` or `..`. An optional trailing slash is allowed; no
// route has one, so it only ever finds a 404.
const PLAIN_PATH =
  /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~!$&'()*+,;=:@]+)*\/?$/;

/**
 * Why a request target is refused, or undefined for a plain origin-form
 * path: a target whose path means the same once percent-decoded and
 * normalised, so what the router matched is what the text says. Lifeguard's
 * own paths are ids and fixed words, which never need an escape.
 */
export function requestTargetProblem(target: string): string | undefined {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (path.startsWith('/') && PLAIN_PATH.test(path)) return undefined;
  if (target === '*') return 'the asterisk form (*) is not served';
  if (!path.startsWith('/')) {
    return 'the request target must be a path (absolute-form and authority-form targets are not accepted)';
  }
  if (path.includes('%')) {
    return 'the path holds a percent-escape; Lifeguard paths are sent as plain text';
  }
  if (path.includes('\\')) return 'the path holds a backslash';
  if (path.includes('//')) return 'the path holds an empty segment (//)';
  if (/\/\.\.?(?:\/|$)/.test(path)) {
    return 'the path holds a dot segment (/. or /..)';
  }
  return 'the path holds a character that must not appear in it';
}

/**
 * Fastify's rewriteUrl: a target {@link requestTargetProblem} refuses is
 * routed to one place that answers 400, so no other route (and none of its
 * decisions) ever sees it. `request.originalUrl` keeps what was sent.
 */
export function routeRequestTarget(raw: { url?: string }): string {
  const target = raw.url ?? '';
  return requestTargetProblem(target) === undefined
    ? target
    : REFUSED_TARGET_PATH;
}

/**
 * The first hook of every request: the policy of the route that matched
 * (read once; `routeOptions` builds an object per access), and the 400 for
 * a refused request target.
 */
export function endpointPolicy(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  // A route without a policy would fall back to whatever the hooks assume:
  // it does not start instead.
  app.addHook('onReady', (done) => {
    const bare = routes.find((route) => !route.config?.policy);
    done(
      bare
        ? new Error(
            `The route ${String(bare.method)} ${bare.url} declares no policy (config.policy).`,
          )
        : undefined,
    );
  });
  app.decorate('declaredRoutes', () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({
        method,
        url: route.url,
        policy: route.config!.policy!,
      })),
    ),
  );
  app.decorateRequest('policy', null as unknown as RoutePolicy);
  app.decorateRequest('clientRequestId', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    request.policy = request.routeOptions.config.policy ?? UNMATCHED;
    const given = request.headers['x-request-id'];
    if (given !== undefined) request.clientRequestId = clientRequestIdOf(given);
    done();
  });

  app.all(
    REFUSED_TARGET_PATH,
    { config: { policy: REFUSED_TARGET }, exposeHeadRoute: false },
    (request, reply) => {
      const reason =
        requestTargetProblem(request.originalUrl) ??
        'this path is reserved by Lifeguard';
      request.log.warn(
        { method: request.method, reason },
        'request target refused',
      );
      // No route's policy applies here, so no hook made it no-store.
      reply.header('cache-control', 'no-store');
      return fail(request, reply, 400, {
        code: 'bad_request_target',
        title: 'Bad Request',
        detail: `This request was refused: ${reason}.`,
      });
    },
  );
}

/** The route's recorded write for this request, if it is one. */
export function auditTargetOf(
  request: FastifyRequest,
): AuditTarget | undefined {
  return request.policy.audit?.(
    request.method,
    request.params as Record<string, string>,
  );
}
