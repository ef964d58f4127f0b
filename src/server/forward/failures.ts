import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from 'undici';
import type { FailureItem } from '#contract/errors.ts';
import { answerError, fail } from '../failure.ts';
import { setPendingSecurityHeaders } from '../security.ts';

/** A request the forwarder answers itself, with this status and item. */
export class ForwardRefusal extends Error {
  readonly status: number;
  readonly item: FailureItem;

  constructor(status: number, item: FailureItem) {
    super(item.detail);
    this.status = status;
    this.item = item;
  }
}

export function notForwarded(method: string, path: string): ForwardRefusal {
  return new ForwardRefusal(404, {
    code: 'not_found',
    title: 'Not Found',
    detail: `Lifeguard does not forward ${method} ${path}: it is not one of the Confluent operations it manages.`,
  });
}

export const BODY_NOT_JSON = new ForwardRefusal(400, {
  code: 'bad_request',
  title: 'Bad Request',
  detail: 'The request body is not valid JSON.',
});

export const BODY_MISSING = new ForwardRefusal(400, {
  code: 'bad_request',
  title: 'Bad Request',
  detail: 'This request needs a JSON body (Content-Type: application/json).',
});

const UNREACHABLE_REASONS: Partial<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name could not be resolved',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

/** What the client is told when the upstream could not be asked or did not answer. */
export function upstreamFailure(
  error: unknown,
  origin: string,
  timeoutMs: number,
): ForwardRefusal {
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  ) {
    return new ForwardRefusal(504, {
      code: 'upstream_timeout',
      title: 'Gateway Timeout',
      detail: `The Confluent API at ${origin} did not answer within ${timeoutMs / 1000} s. The request may or may not have been applied; check before retrying a change.`,
    });
  }
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : '';
  const reason = UNREACHABLE_REASONS[code] ?? 'the request failed';
  return new ForwardRefusal(502, {
    code: 'upstream_unreachable',
    title: 'Bad Gateway',
    detail: `Lifeguard could not reach the Confluent API at ${origin}: ${reason}.`,
  });
}

/** One log line per failed upstream call: the error's kind, never its text. */
export function logUpstreamFailure(
  request: FastifyRequest,
  error: unknown,
  timedOutAfterMs: number | undefined,
) {
  request.log.warn(
    {
      err: {
        type: (error as Error).name,
        code: (error as { code?: string }).code,
      },
      ...(timedOutAfterMs === undefined ? {} : { timedOutAfterMs }),
    },
    'upstream request failed',
  );
}

/**
 * Every failure of a forwarded route becomes a Failure body: the
 * forwarder's own refusals, Fastify's body errors (too large, wrong media
 * type) and anything unexpected (a 500 that names no internals).
 */
export function setForwardErrorHandler(
  app: FastifyInstance,
  bodyLimit: number,
) {
  app.setErrorHandler(
    (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      // Before anything here can fail: Fastify's last-resort answer to a
      // failing error handler skips onSend, which would otherwise set them.
      setPendingSecurityHeaders(request, reply);
      if (error instanceof ForwardRefusal) {
        return fail(request, reply, error.status, error.item);
      }
      return answerError(error, request, reply, {
        bodyLimit,
        serverFailure: 'Lifeguard failed to forward this request; see its log.',
      });
    },
  );
}
