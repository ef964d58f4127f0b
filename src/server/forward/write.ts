import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { errors, type Dispatcher } from 'undici';
import type { WriteRecord } from '../audit.ts';
import { passOnHeaders } from './answer.ts';
import type { Upstream } from './context.ts';
import { logUpstreamFailure, upstreamFailure } from './failures.ts';

/**
 * An abort signal in the EventEmitter form undici also takes: creating an
 * AbortController per request showed in the profile. The reason is the one
 * AbortController gives.
 */
class AbortEmitter extends EventEmitter {
  aborted = false;
  reason: DOMException | undefined;

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new DOMException('This operation was aborted', 'AbortError');
    this.emit('abort');
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** What to send upstream: the path and query, and the exact bytes received. */
export type WriteCall = {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  target: string;
  body: Buffer | undefined;
  authorization: string;
};

/**
 * Forwards a write and answers with the upstream's status, allowed headers
 * and body (links under /api). The answer is one small resource, read
 * whole: for its links and for the audit log to record the values the
 * upstream now holds.
 */
export async function forwardWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  call: WriteCall,
  record: WriteRecord | undefined,
) {
  record?.sent();
  // A write is not cancelled when the browser goes away (a closed tab, a
  // navigation): once sent, Confluent may apply it, so it runs to its answer
  // and the audit log records how it ended. Only the deadline stops it.
  const abort = new AbortEmitter();
  // undici's headersTimeout starts once the request is on a socket; this
  // one also counts the wait for a free connection of the bounded pool.
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, upstream.timeoutMs);
  let answer: Dispatcher.ResponseData;
  try {
    // The dispatcher's own request(): the top-level one parses a URL
    // string per call.
    answer = await upstream.dispatcher.request({
      origin: upstream.origin,
      path: `${upstream.basePath}${call.target}`,
      method: call.method,
      signal: abort,
      headersTimeout: upstream.timeoutMs,
      bodyTimeout: upstream.timeoutMs,
      headers: {
        accept: request.headers.accept ?? 'application/json',
        'x-request-id': request.id,
        authorization: call.authorization,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
      },
      body: call.body,
    });
  } catch (error) {
    logUpstreamFailure(
      request,
      error,
      timedOut ? upstream.timeoutMs : undefined,
    );
    throw upstreamFailure(
      timedOut ? new errors.HeadersTimeoutError() : error,
      upstream.origin,
      upstream.timeoutMs,
    );
  } finally {
    clearTimeout(deadline);
  }

  reply.code(answer.statusCode);
  const headers: string[] = [];
  passOnHeaders(answer.headers, request.id, upstream.links, headers);
  for (let index = 0; index < headers.length; index += 2) {
    reply.header(headers[index]!, headers[index + 1]!);
  }
  if (answer.statusCode === 204 || answer.statusCode === 304) {
    answer.body.resume();
    return reply.send();
  }
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  const body = Buffer.from(
    upstream.links.inBody(bytes.toString('latin1')),
    'latin1',
  );
  record?.answered(parseJson(body));
  return reply.send(body);
}
