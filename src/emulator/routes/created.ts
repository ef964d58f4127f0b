import type { FastifyReply } from 'fastify';

/**
 * How every create answers: 201 with `Location` naming the new resource,
 * `baseUrl` + its path. The caller returns the resource as the body.
 */
export function replyCreated(
  reply: FastifyReply,
  baseUrl: string,
  path: string,
): void {
  reply.code(201).header('location', `${baseUrl}${path}`);
}
