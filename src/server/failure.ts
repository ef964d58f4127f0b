import type { FastifyReply, FastifyRequest } from 'fastify';
import { failureBody, type FailureItem } from '#contract/errors.ts';

/**
 * Lifeguard's own refusal: the status, the request id as a header and in
 * the upstream's error shape, one item or several (one per field).
 */
export function fail(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  items: FailureItem | FailureItem[],
) {
  return reply
    .code(status)
    .header('x-request-id', request.id)
    .send(failureBody(status, [items].flat(), request.id));
}

// What a person is told about a body the web framework could not read.
const BODY_PROBLEMS: Partial<Record<string, (bodyLimit: number) => string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (bodyLimit) =>
    `The request body is larger than ${bodyLimit / 1024} KiB.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    'Send the request body as application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    'The request body is empty; send a JSON object.',
};

/**
 * Any error a route throws, or the framework raises before it (a body it
 * could not read), as a Failure body: a 4xx says what was wrong, a 5xx is
 * logged and names no internals.
 */
export function answerError(
  error: Error & { statusCode?: number; code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
  options: { bodyLimit: number; serverFailure: string },
) {
  const status = error.statusCode ?? 500;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  const problem = error.code ? BODY_PROBLEMS[error.code] : undefined;
  // A route may take more than the server's default (a certificate
  // authority's revocation list does).
  const detail = problem
    ? problem(request.routeOptions.bodyLimit ?? options.bodyLimit)
    : status >= 500
      ? options.serverFailure
      : error.message;
  return fail(request, reply, status, {
    code: status >= 500 ? 'internal_error' : 'bad_request',
    title: status >= 500 ? 'Internal Server Error' : 'Bad Request',
    detail,
  });
}
