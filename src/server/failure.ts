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
