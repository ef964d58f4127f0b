import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { errors, type Dispatcher } from 'undici';
import type { AuditAction } from '#contract/audit.ts';
import type { FailureItem } from '#contract/errors.ts';
import { UPSTREAM_ROUTES, type UpstreamRoute } from '#contract/routes.ts';
import { upstreamAudit } from './audit.ts';
import { CredentialError, type CredentialSource } from './credentials.ts';
import {
  API_ADMIN,
  API_SIGNED_IN,
  API_UNKNOWN,
  type RoutePolicy,
} from './endpoint.ts';
import { API_PREFIX } from '#contract/lifeguard-api.ts';
import { fail } from './failure.ts';
import { setPendingSecurityHeaders } from './security.ts';
import { readWholeList, upstreamReader } from './upstream-read.ts';

export type ProxyOptions = {
  /** Upstream base URL without trailing slash, e.g. https://api.confluent.cloud. */
  endpoint: string;
  credentials: CredentialSource;
  timeoutMs: number;
  dispatcher: Dispatcher;
  /** True once the server is closing: answers then ask the client to hang up. */
  closing?: () => boolean;
};

export const BODY_LIMIT = 64 * 1024;
const BUFFERED_ANSWER_LIMIT = 64 * 1024;

// Every id in a forwarded path: letters, digits, - and _, at most 255 (the
// upstream's limit), so nothing but an id ever reaches the upstream there.
const SAFE_ID = /^[A-Za-z0-9_-]{1,255}$/;
// A JSON answer up to this size is read whole so its links can be rewritten
// (a page of 100 pools is about 60 KiB); a larger one streams as it is.
const REWRITTEN_ANSWER_LIMIT = 4 * 1024 * 1024;

const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
] as const;

type QueryRule = {
  name: string;
  pattern: RegExp;
  meaning: string;
  /** An empty value is taken as not given, and not forwarded. */
  emptyIsAbsent?: boolean;
};

const PAGE_SIZE: QueryRule = {
  name: 'page_size',
  pattern: /^\d{1,3}$/,
  meaning: 'a whole number',
};
const PAGE_TOKEN: QueryRule = {
  name: 'page_token',
  pattern: /^[\x21-\x7e]{1,255}$/,
  meaning: 'a token from a previous page (at most 255 characters)',
};
const RESOURCE_OWNER: QueryRule = {
  name: 'assigned_resource_owner',
  pattern: /^[A-Za-z0-9_-]{1,255}$/,
  meaning: 'a principal id such as u-a83k9b',
  // Confluent's CLI sends it empty on every pool create since v4.18.0
  // (docs/decisions/014-what-confluents-clients-send.md).
  emptyIsAbsent: true,
};

function queryRules(route: UpstreamRoute): QueryRule[] {
  if (route.operationId === 'createIamV2IdentityPool') return [RESOURCE_OWNER];
  if (route.method === 'GET' && route.operationId.startsWith('list')) {
    return [PAGE_SIZE, PAGE_TOKEN];
  }
  return [];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The route template for the access log, e.g. /api/iam/v2/identity-providers/{id}. */
    routePattern?: string;
  }
}

class ProxyRefusal extends Error {
  readonly status: number;
  readonly item: FailureItem;

  constructor(status: number, item: FailureItem) {
    super(item.detail);
    this.status = status;
    this.item = item;
  }
}

function notForwarded(method: string, path: string): ProxyRefusal {
  return new ProxyRefusal(404, {
    code: 'not_found',
    title: 'Not Found',
    detail: `Lifeguard does not forward ${method} ${path}: it is not one of the identity provider and pool routes it manages.`,
  });
}

/** Only allowlisted parameters pass, each checked; others are dropped. */
function upstreamQuery(route: UpstreamRoute, rawQuery: string): string {
  const given = new URLSearchParams(rawQuery);
  const out = new URLSearchParams();
  for (const rule of queryRules(route)) {
    const values = given.getAll(rule.name);
    if (values.length === 0) continue;
    const value = values[0]!;
    if (values.length === 1 && value === '' && rule.emptyIsAbsent) continue;
    if (values.length > 1 || !rule.pattern.test(value)) {
      throw new ProxyRefusal(400, {
        code: 'invalid_parameter',
        title: 'Bad Request',
        detail:
          values.length > 1
            ? `${rule.name} was given ${values.length} times; give it once.`
            : `${rule.name} must be ${rule.meaning}.`,
        parameter: rule.name,
      });
    }
    out.set(rule.name, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

function upstreamFailure(error: unknown, origin: string, timeoutMs: number) {
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  ) {
    return new ProxyRefusal(504, {
      code: 'upstream_timeout',
      title: 'Gateway Timeout',
      detail: `The Confluent API at ${origin} did not answer within ${timeoutMs / 1000} s. The request may or may not have been applied; check before retrying a change.`,
    });
  }
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : '';
  const reason =
    {
      ECONNREFUSED: 'the connection was refused',
      ENOTFOUND: 'its host name could not be resolved',
      ECONNRESET: 'the connection was reset',
      EHOSTUNREACH: 'the host is unreachable',
      UND_ERR_SOCKET: 'the connection closed unexpectedly',
    }[code] ?? 'the request failed';
  return new ProxyRefusal(502, {
    code: 'upstream_unreachable',
    title: 'Bad Gateway',
    detail: `Lifeguard could not reach the Confluent API at ${origin}: ${reason}.`,
  });
}

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

/** Maps an upstream Location to the same resource under /api, or drops it. */
function rewriteLocation(
  location: string,
  endpoint: string,
): string | undefined {
  let url: URL;
  try {
    url = new URL(location, endpoint);
  } catch {
    return undefined;
  }
  const base = new URL(endpoint);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) {
    return undefined;
  }
  return `${API_PREFIX}${url.pathname.slice(basePath.length)}${url.search}`;
}

// The members of a resource's or a list's metadata that hold links.
const LINK_KEYS = new Set(['self', 'first', 'prev', 'next', 'last']);
const QUOTE = 0x22;
const COLON = 0x3a;

function skipSpaceBack(text: string, at: number): number {
  let index = at;
  for (; index >= 0; index -= 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
      break;
    }
  }
  return index;
}

/**
 * Whether the string that starts at `at` (just after its opening quote) is
 * the value of a link member, `"self": "…"`. Inside a JSON string every
 * quote is escaped, so a quote preceded by a colon (and spaces) is always
 * a member value's own, never text within another value.
 */
function isLinkValue(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) !== QUOTE) return false;
  const colon = skipSpaceBack(text, at - 2);
  if (text.charCodeAt(colon) !== COLON) return false;
  const keyEnd = skipSpaceBack(text, colon - 1);
  if (text.charCodeAt(keyEnd) !== QUOTE) return false;
  const keyStart = text.lastIndexOf('"', keyEnd - 1);
  return keyStart !== -1 && LINK_KEYS.has(text.slice(keyStart + 1, keyEnd));
}

/**
 * The upstream's absolute links in a JSON answer (each resource's
 * `metadata.self`, a list's `first`/`prev`/`next`/`last`) as paths under
 * /api, as `Location` is: the console never sees the upstream's base URL.
 * `text` is the answer's bytes read as latin1 (one character per byte, so
 * writing it back as latin1 gives the same bytes, UTF-8 included, and
 * string search is at its fastest); `prefix` is the endpoint and a slash,
 * as the upstream writes its links. Only that prefix of those values
 * changes; every other byte (descriptions that mention the same URL
 * included) passes as it came. The same string comes back when nothing
 * changed.
 */
export function rewriteLinks(text: string, prefix: string): string {
  let at = text.indexOf(prefix);
  if (at === -1) return text;
  let out = '';
  let copied = 0;
  while (at !== -1) {
    if (isLinkValue(text, at)) {
      out += `${text.slice(copied, at)}${API_PREFIX}/`;
      copied = at + prefix.length;
    }
    at = text.indexOf(prefix, at + prefix.length);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Logs a failed upstream call as the write path does. */
function logUpstreamFailure(
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
  private readonly options: ProxyOptions;
  private readonly origin: string;
  private readonly linkPrefix: string;
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
    options: ProxyOptions,
    origin: string,
    linkPrefix: string,
  ) {
    this.request = request;
    this.reply = reply;
    this.options = options;
    this.origin = origin;
    this.linkPrefix = linkPrefix;
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    reply.raw.once('close', () => this.clientClosed());
    // undici's headersTimeout starts once the request is on a socket; this
    // one also counts the wait for a free connection of the bounded pool.
    this.deadline = setTimeout(deadlineReached, options.timeoutMs, this);
  }

  private clientClosed() {
    if (this.reply.raw.writableFinished) return;
    this.cancel(new errors.RequestAbortedError());
    // Nothing more can reach this client.
    if (!this.done) this.finish();
  }

  timeOut() {
    if (this.done || this.status !== 0) return;
    this.cancel(new errors.HeadersTimeoutError());
    logUpstreamFailure(
      this.request,
      new errors.HeadersTimeoutError(),
      this.options.timeoutMs,
    );
    this.fail(
      upstreamFailure(
        new errors.HeadersTimeoutError(),
        this.origin,
        this.options.timeoutMs,
      ),
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
    for (const name of RESPONSE_HEADERS) {
      const value = upstream[name];
      if (typeof value !== 'string') continue;
      if (name === 'content-length') {
        this.lengthAt = headers.length + 1;
      } else if (name === 'content-type') {
        this.hasType = true;
      }
      // An empty upstream id is replaced by ours, in its place.
      headers.push(
        name,
        name === 'x-request-id' && !value ? this.request.id : value,
      );
    }
    if (upstream['x-request-id'] == null) {
      headers.push('x-request-id', this.request.id);
    }
    const location = upstream.location;
    if (typeof location === 'string') {
      const rewritten = rewriteLocation(location, this.options.endpoint);
      if (rewritten) headers.push('location', rewritten);
    }
    if (this.options.closing?.()) headers.push('connection', 'close');
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
      length <= BUFFERED_ANSWER_LIMIT ||
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
        const rewritten = rewriteLinks(text, this.linkPrefix);
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
    this.fail(upstreamFailure(error, this.origin, this.options.timeoutMs));
  }
}

function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: ProxyRefusal,
) {
  return fail(request, reply, refusal.status, refusal.item);
}

// A provider's pools read before its delete, for the audit log: at most
// 100 pages of 100 (extra upstream reads, so bounded).
const CASCADE_MAX_PAGES = 100;

// Writes whose audit entry records the values they replace.
const READS_BEFORE = new Set<AuditAction>([
  'update-pool',
  'delete-pool',
  'update-provider',
  'delete-provider',
]);

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Forwards exactly the contract's upstream routes under /api/iam with the
 * server-held credential; nothing else reaches the upstream.
 */
export function proxyRoutes(app: FastifyInstance, options: ProxyOptions) {
  const origin = new URL(options.endpoint).origin;
  // The endpoint's path as the URL parser resolves it in front of an
  // upstream path (which is only letters, digits, - _ and /).
  const basePath = new URL(`${options.endpoint}/p`).pathname.slice(0, -2);

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
        done(
          new ProxyRefusal(400, {
            code: 'bad_request',
            title: 'Bad Request',
            detail: 'The request body is not valid JSON.',
          }),
          undefined,
        );
      }
    },
  );

  app.setErrorHandler(
    (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      // Before anything here can fail: Fastify's last-resort answer to a
      // failing error handler skips onSend, which would otherwise set them.
      setPendingSecurityHeaders(request, reply);
      if (error instanceof ProxyRefusal)
        return sendRefusal(request, reply, error);
      const status = error.statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, 'proxy failed');
      const detail =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than ${BODY_LIMIT / 1024} KiB.`
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Send the request body as application/json.'
            : status >= 500
              ? 'Lifeguard failed to forward this request; see its log.'
              : error.message;
      return sendRefusal(
        request,
        reply,
        new ProxyRefusal(status, {
          code: 'bad_request',
          title: 'Bad Request',
          detail,
        }),
      );
    },
  );

  // How the upstream begins its own links (the endpoint is given without
  // a trailing slash).
  const linkPrefix = `${options.endpoint}/`;
  const readUpstream = upstreamReader(options);

  async function forward(
    route: UpstreamRoute,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const raw = request.url;
    const queryAt = raw.indexOf('?');
    const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
    for (const value of Object.values(request.params as object)) {
      if (!SAFE_ID.test(String(value))) {
        throw notForwarded(request.method, path);
      }
    }
    // The request target is a plain path (endpoint.ts) whose ids were just
    // checked: it is the upstream path as it stands.
    const upstreamPath = path.slice(API_PREFIX.length);
    request.routePattern = `${API_PREFIX}${route.path}`;

    const query = upstreamQuery(
      route,
      queryAt === -1 ? '' : raw.slice(queryAt + 1),
    );
    const hasBody = request.method === 'POST' || request.method === 'PATCH';
    if (hasBody && !Buffer.isBuffer(request.body)) {
      throw new ProxyRefusal(400, {
        code: 'bad_request',
        title: 'Bad Request',
        detail:
          'This request needs a JSON body (Content-Type: application/json).',
      });
    }

    let authorization: string;
    try {
      authorization = await options.credentials.authorization();
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      throw new ProxyRefusal(503, {
        code: 'credentials_unavailable',
        title: 'Service Unavailable',
        detail: error.message,
      });
    }

    const { audit } = request;
    if (audit && READS_BEFORE.has(audit.action)) {
      // The resource as it is before the change; undefined if unreadable.
      const current = await readUpstream(upstreamPath, request.id);
      audit.before = current?.status === 200 ? current.body : undefined;
    }
    if (audit?.action === 'delete-provider') {
      // Its pools go with it: each gets an entry once the delete is applied.
      audit.cascade = await readWholeList(
        readUpstream,
        `${upstreamPath}/identity-pools`,
        request.id,
        CASCADE_MAX_PAGES,
      );
    }

    if (route.method === 'GET') {
      const forwarded = new ForwardedRead(
        request,
        reply,
        options,
        origin,
        linkPrefix,
      );
      // The dispatcher's own dispatch(): the top-level request() parses a
      // URL string per call, and wraps the answer in a stream.
      options.dispatcher.dispatch(
        {
          origin,
          path: `${basePath}${upstreamPath}${query}`,
          method: 'GET',
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
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

    if (audit) audit.forwarded = true;
    const abort = new AbortEmitter();
    const onClose = () => {
      if (!reply.raw.writableFinished) abort.abort();
    };
    reply.raw.once('close', onClose);
    // undici's headersTimeout starts once the request is on a socket; this
    // one also counts the wait for a free connection of the bounded pool.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, options.timeoutMs);
    let upstream: Dispatcher.ResponseData;
    try {
      // The dispatcher's own request(): the top-level one parses a URL
      // string per call.
      upstream = await options.dispatcher.request({
        origin,
        path: `${basePath}${upstreamPath}${query}`,
        method: request.method as Dispatcher.HttpMethod,
        signal: abort,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        headers: {
          accept: request.headers.accept ?? 'application/json',
          'x-request-id': request.id,
          authorization,
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        body: hasBody ? (request.body as Buffer) : undefined,
      });
    } catch (error) {
      if (abort.aborted && !timedOut) return reply;
      request.log.warn(
        {
          err: {
            type: (error as Error).name,
            code: (error as { code?: string }).code,
          },
          ...(timedOut ? { timedOutAfterMs: options.timeoutMs } : {}),
        },
        'upstream request failed',
      );
      throw upstreamFailure(
        timedOut ? new errors.HeadersTimeoutError() : error,
        origin,
        options.timeoutMs,
      );
    } finally {
      clearTimeout(deadline);
    }

    reply.code(upstream.statusCode);
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers[name];
      if (typeof value === 'string') reply.header(name, value);
    }
    if (!upstream.headers['x-request-id'])
      reply.header('x-request-id', request.id);
    const location = upstream.headers.location;
    if (typeof location === 'string') {
      const rewritten = rewriteLocation(location, options.endpoint);
      if (rewritten) reply.header('location', rewritten);
    }
    if (upstream.statusCode === 204 || upstream.statusCode === 304) {
      upstream.body.resume();
      return reply.send();
    }
    // A write's answer is one small resource: read whole, for its links
    // and for the audit log to record the values the upstream now holds.
    const answer = Buffer.from(await upstream.body.arrayBuffer());
    const body = Buffer.from(
      rewriteLinks(answer.toString('latin1'), linkPrefix),
      'latin1',
    );
    if (audit) audit.after = parseJson(body);
    return reply.send(body);
  }

  for (const route of UPSTREAM_ROUTES) {
    const policy: RoutePolicy =
      route.method === 'GET'
        ? FORWARDED_READ
        : { ...API_ADMIN, audit: upstreamAudit(route.operationId) };
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.path.replace(/\{(\w+)\}/g, ':$1')}`,
      // HEAD is not one of the upstream routes Lifeguard forwards.
      exposeHeadRoute: false,
      config: { policy },
      handler: (request, reply) => forward(route, request, reply),
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

/** Forwarded reads write their answer themselves (see ForwardedRead). */
const FORWARDED_READ: RoutePolicy = {
  ...API_SIGNED_IN,
  writesOwnHeaders: true,
};
