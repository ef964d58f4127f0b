import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '#contract/lifeguard-api.ts';
import { UPSTREAM_ROUTES, type UpstreamRoute } from '#contract/routes.ts';
import { forwardedWriteAudit, writeRecordOf } from '../audit.ts';
import { CredentialError } from '../credentials.ts';
import {
  API_ADMIN,
  API_SIGNED_IN,
  API_UNKNOWN,
  type RoutePolicy,
} from '../endpoint.ts';
import { upstreamOf, type ForwardOptions, type Upstream } from './context.ts';
import {
  BODY_MISSING,
  BODY_NOT_JSON,
  ForwardRefusal,
  notForwarded,
  setForwardErrorHandler,
} from './failures.ts';
import { FORWARDED_OPERATIONS, type ForwardedOperation } from './operations.ts';
import { upstreamQuery } from './query.ts';
import { forwardRead } from './read.ts';
import { forwardWrite } from './write.ts';

export type { ForwardOptions } from './context.ts';

/** The largest request body Lifeguard forwards. */
export const BODY_LIMIT = 64 * 1024;

// Every id in a forwarded path: letters, digits, - and _, at most 255 (the
// upstream's limit), so nothing but an id ever reaches the upstream there.
const SAFE_ID = /^[A-Za-z0-9_-]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The route template for the access log, e.g. /api/iam/v2/identity-providers/{id}. */
    routePattern?: string;
  }
}

/** What the route config of a forwarded operation decides with (endpoint.ts). */
function policyOf(
  route: UpstreamRoute,
  operation: ForwardedOperation,
): RoutePolicy {
  return {
    ...(operation.access === 'admin' ? API_ADMIN : API_SIGNED_IN),
    // Reads write their answer themselves (forward/read.ts).
    ...(route.method === 'GET' ? { writesOwnHeaders: true } : {}),
    ...(operation.audit ? { audit: forwardedWriteAudit(operation.audit) } : {}),
  };
}

async function authorizationFor(upstream: Upstream): Promise<string> {
  try {
    return await upstream.credentials.authorization();
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    throw new ForwardRefusal(503, {
      code: 'credentials_unavailable',
      title: 'Service Unavailable',
      detail: error.message,
    });
  }
}

/**
 * A keyless credential whose token Confluent no longer takes (revoked, its
 * pool deleted) exchanges again before the next call; other credentials
 * cannot renew, and their calls pay nothing for this.
 */
function afterAnswer<T>(
  reply: FastifyReply,
  upstream: Upstream,
  authorization: string,
  answered: Promise<T>,
): Promise<T> {
  const { rejected } = upstream.credentials;
  if (!rejected) return answered;
  return answered.then((result) => {
    if (reply.raw.statusCode === 401) rejected(authorization);
    return result;
  });
}

/** The body as the operation declares it: its exact bytes once its shape is checked. */
function checkedBody(
  request: FastifyRequest,
  operation: ForwardedOperation,
): Buffer | undefined {
  if (!operation.body) return undefined;
  const bytes = request.body;
  if (!Buffer.isBuffer(bytes)) throw BODY_MISSING;
  const shape = operation.body.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!shape.success) {
    throw new ForwardRefusal(400, {
      code: 'bad_request',
      title: 'Bad Request',
      detail: 'The request body must be a JSON object.',
    });
  }
  return bytes;
}

/**
 * Forwards exactly the contract's upstream operations under /api/iam, each
 * as its line in FORWARDED_OPERATIONS declares, with the server-held
 * credential; nothing else reaches the upstream.
 */
export function forwardRoutes(app: FastifyInstance, options: ForwardOptions) {
  const upstream = upstreamOf(options);

  // Bodies are checked as JSON but forwarded as the exact bytes received,
  // so a filter reaches the upstream byte for byte.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (_request, body, done) => {
      try {
        JSON.parse((body as Buffer).toString('utf8'));
        done(null, body);
      } catch {
        done(BODY_NOT_JSON, undefined);
      }
    },
  );
  setForwardErrorHandler(app, BODY_LIMIT);

  for (const route of UPSTREAM_ROUTES) {
    const operation = FORWARDED_OPERATIONS[route.operationId];
    const pattern = `${API_PREFIX}${route.path}`;
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.path.replace(/\{(\w+)\}/g, ':$1')}`,
      // HEAD is not one of the upstream routes Lifeguard forwards.
      exposeHeadRoute: false,
      bodyLimit: operation.bodyLimit ?? BODY_LIMIT,
      config: { policy: policyOf(route, operation) },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const raw = request.url;
        const queryAt = raw.indexOf('?');
        const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
        for (const value of Object.values(request.params as object)) {
          if (!SAFE_ID.test(String(value))) {
            throw notForwarded(request.method, path);
          }
        }
        request.routePattern = pattern;
        // The request target is a plain path (endpoint.ts) whose ids were
        // just checked: it is the upstream path as it stands.
        const upstreamPath = path.slice(API_PREFIX.length);
        const target = `${upstreamPath}${upstreamQuery(
          operation.query,
          queryAt === -1 ? '' : raw.slice(queryAt + 1),
        )}`;
        const body = checkedBody(request, operation);
        const authorization = await authorizationFor(upstream);
        if (route.method === 'GET') {
          return afterAnswer(
            reply,
            upstream,
            authorization,
            forwardRead(request, reply, upstream, target, authorization),
          );
        }
        const record = writeRecordOf(request);
        await record?.captureBefore(upstreamPath);
        return afterAnswer(
          reply,
          upstream,
          authorization,
          forwardWrite(
            request,
            reply,
            upstream,
            { method: route.method, target, body, authorization },
            record,
          ),
        );
      },
    });
  }

  app.all(
    `${API_PREFIX}/iam/*`,
    { config: { policy: API_UNKNOWN } },
    async (request) => {
      throw notForwarded(request.method, request.url.split('?')[0]!);
    },
  );
}
