import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, type Dispatcher } from 'undici';
import { passOnHeaders } from './answer.ts';
import type { Upstream } from './context.ts';
import { logUpstreamFailure, upstreamFailure } from './failures.ts';

// Answers up to this size are gathered and sent in one write.
const GATHERED_ANSWER_LIMIT = 64 * 1024;
// A JSON answer up to this size is read whole so its links can be rewritten
// (a page of 100 pools is about 60 KiB); a larger one streams as it is.
const REWRITTEN_ANSWER_LIMIT = 4 * 1024 * 1024;

function deadlineReached(read: ForwardedRead) {
  read.timeOut();
}

/**
 * A read (GET) sent with the dispatcher's own dispatch(): the answer goes
 * from undici's callbacks straight into the raw response, without the
 * body stream, AsyncResource and promise of request(). Until the upstream
 * has answered, a failure rejects `settled` and goes through the error
 * handler like any other; once answering, the reply is hijacked and this
 * class writes status, headers and body itself. Small answers are
 * gathered and sent in one write; others are streamed, paced by the client.
 */
class ForwardedRead implements Dispatcher.DispatchHandler {
  readonly settled: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private readonly request: FastifyRequest;
  private readonly reply: FastifyReply;
  private readonly upstream: Upstream;
  private readonly deadline: NodeJS.Timeout;
  private controller: Dispatcher.DispatchController | undefined;
  /** Settled: the handler's promise is resolved or rejected. */
  private done = false;
  /** The client went away, or the deadline passed, before the answer. */
  private cancelled: Error | undefined;
  private status = 0;
  /**
   * The answer's headers as writeHead takes them at the least cost: name,
   * value, name, value…, the security headers left to this handler first
   * (as the hook would have set them), then the upstream's from `ownAt`.
   */
  private headers: string[] | undefined;
  private ownAt = 0;
  /** Where the Content-Length value is in `headers`, or -1. */
  private lengthAt = -1;
  private hasType = false;
  /** A small answer being gathered; undefined when streaming. */
  private chunks: Buffer[] | undefined;
  private gathered = 0;
  /** The gathered answer is JSON whose links are rewritten. */
  private rewrite = false;
  private streaming = false;

  constructor(
    request: FastifyRequest,
    reply: FastifyReply,
    upstream: Upstream,
  ) {
    this.request = request;
    this.reply = reply;
    this.upstream = upstream;
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    reply.raw.once('close', () => this.clientClosed());
    // undici's headersTimeout starts once the request is on a socket; this
    // one also counts the wait for a free connection of the bounded pool.
    this.deadline = setTimeout(deadlineReached, upstream.timeoutMs, this);
  }

  private clientClosed() {
    if (this.reply.raw.writableFinished) return;
    this.cancel(new errors.RequestAbortedError());
    // Nothing more can reach this client.
    if (!this.done) this.finish();
  }

  timeOut() {
    if (this.done || this.status !== 0) return;
    const error = new errors.HeadersTimeoutError();
    this.cancel(error);
    logUpstreamFailure(this.request, error, this.upstream.timeoutMs);
    this.fail(
      upstreamFailure(error, this.upstream.origin, this.upstream.timeoutMs),
    );
  }

  private cancel(reason: Error) {
    clearTimeout(this.deadline);
    this.cancelled ??= reason;
    // A call still waiting for a connection is aborted once it gets one.
    if (this.controller && !this.controller.aborted) {
      this.controller.abort(reason);
    }
  }

  private finish() {
    this.done = true;
    this.reply.hijack();
    this.resolve();
  }

  private fail(error: unknown) {
    this.done = true;
    this.reject(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    this.controller = controller;
    if (this.cancelled) controller.abort(this.cancelled);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    upstream: Record<string, string | string[] | undefined>,
  ) {
    if (statusCode < 200 || this.cancelled) return;
    clearTimeout(this.deadline);
    this.status = statusCode;
    const pending = this.request.pendingSecurityHeaders;
    const headers = pending ? pending.slice() : [];
    this.ownAt = headers.length;
    const passed = passOnHeaders(
      upstream,
      this.request.id,
      this.upstream.links,
      headers,
    );
    this.lengthAt = passed.lengthAt;
    this.hasType = passed.hasType;
    if (this.upstream.closing()) headers.push('connection', 'close');
    this.headers = headers;
    if (statusCode === 204 || statusCode === 304) {
      // No body, as Fastify sends these: without a Content-Length.
      if (this.lengthAt !== -1) headers.splice(this.lengthAt - 1, 2);
      this.finish();
      this.reply.raw.writeHead(statusCode, headers);
      this.reply.raw.end();
      return;
    }
    // Small answers (every pool, most pages) go out in one write, and JSON
    // ones are read whole so their links can be rewritten.
    const length = Number(upstream['content-length']);
    const type = upstream['content-type'];
    const isJson = typeof type === 'string' && type.includes('json');
    if (
      length <= GATHERED_ANSWER_LIMIT ||
      (isJson && !(length > REWRITTEN_ANSWER_LIMIT))
    ) {
      this.chunks = [];
      this.rewrite = isJson;
      return;
    }
    this.streaming = true;
    this.finish();
    this.reply.raw.writeHead(statusCode, headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
    if (this.chunks) {
      this.chunks.push(chunk);
      this.gathered += chunk.length;
      if (this.gathered > REWRITTEN_ANSWER_LIMIT) this.startStreaming();
    } else if (this.streaming && !this.cancelled) {
      const raw = this.reply.raw;
      if (!raw.write(chunk)) {
        controller.pause();
        raw.once('drain', () => controller.resume());
      }
    }
  }

  /** An answer of unknown length that outgrew the limit: sent as it comes. */
  private startStreaming() {
    const body = Buffer.concat(this.chunks!);
    this.chunks = undefined;
    this.streaming = true;
    if (this.lengthAt !== -1) {
      this.headers!.splice(this.lengthAt - 1, 2);
      this.lengthAt = -1;
    }
    this.finish();
    this.reply.raw.writeHead(this.status, this.headers!);
    this.reply.raw.write(body);
  }

  onResponseEnd() {
    if (this.chunks && !this.done) {
      const { chunks } = this;
      const whole = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      let body: Buffer | string = whole;
      if (this.rewrite) {
        const text = whole.toString('latin1');
        const rewritten = this.upstream.links.inBody(text);
        // Written as it was read, byte for byte (see rewriteLinks).
        if (rewritten !== text) body = rewritten;
      }
      const headers = this.headers!;
      // As Fastify does for a Buffer: its length, and a type if none came.
      if (this.lengthAt === -1) {
        headers.push('content-length', String(body.length));
      } else {
        headers[this.lengthAt] = String(body.length);
      }
      if (!this.hasType) {
        headers.push('content-type', 'application/octet-stream');
      }
      this.finish();
      this.reply.raw.writeHead(this.status, headers);
      if (typeof body === 'string') this.reply.raw.end(body, 'latin1');
      else this.reply.raw.end(body);
    } else if (this.streaming && !this.cancelled) {
      this.reply.raw.end();
    }
  }

  onResponseError(
    _controller: Dispatcher.DispatchController | undefined,
    error: Error,
  ) {
    clearTimeout(this.deadline);
    if (this.streaming) {
      // Part of the answer is out: all that is left is to cut it off.
      if (!this.cancelled) this.reply.raw.destroy();
      return;
    }
    if (this.done) return;
    if (this.status !== 0) {
      // The upstream failed inside a small answer, none of which was sent:
      // a 502 or 504 like a failure before the answer, keeping what the
      // upstream's headers said (its request id, the rate-limit budget) but
      // not the length or type of a body that never came. The security
      // headers are still pending: onSend sets them.
      const headers = this.headers!;
      for (let index = this.ownAt; index < headers.length; index += 2) {
        const name = String(headers[index]);
        if (name === 'content-length' || name === 'content-type') continue;
        this.reply.header(name, headers[index + 1]!);
      }
    }
    logUpstreamFailure(this.request, error, undefined);
    this.fail(
      upstreamFailure(error, this.upstream.origin, this.upstream.timeoutMs),
    );
  }
}

/**
 * Forwards a read: `target` is the upstream path and query. Settles once
 * the answer is on its way (or rejects with a failure for the error
 * handler before any of it is).
 */
export function forwardRead(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  target: string,
  authorization: string,
): Promise<void> {
  const forwarded = new ForwardedRead(request, reply, upstream);
  // The dispatcher's own dispatch(): the top-level request() parses a URL
  // string per call, and wraps the answer in a stream.
  upstream.dispatcher.dispatch(
    {
      origin: upstream.origin,
      path: `${upstream.basePath}${target}`,
      method: 'GET',
      headersTimeout: upstream.timeoutMs,
      bodyTimeout: upstream.timeoutMs,
      headers: {
        accept: request.headers.accept ?? 'application/json',
        'x-request-id': request.id,
        authorization,
      },
    },
    forwarded,
  );
  return forwarded.settled;
}
