import { errors, request, type Dispatcher } from 'undici';

export type HttpOptions = {
  /** undici's global dispatcher by default; injectable for tests. */
  dispatcher?: Dispatcher;
  timeoutMs: number;
};

export type FormAnswer = {
  status: number;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
};

/** The call did not get an answer; `reason` is a short phrase for a sentence. */
export class Unreachable extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

// Token answers are a few KiB; an endpoint sending more is not one.
const ANSWER_LIMIT = 64 * 1024;

const REASONS: Partial<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not found',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
};

function reasonOf(error: unknown, timeoutMs: number): string {
  if (
    (error instanceof Error &&
      (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const code =
    (error as { code?: string }).code ??
    (error as { cause?: { code?: string } }).cause?.code ??
    '';
  if (/CERT|ERR_TLS|ERR_SSL/.test(code)) {
    return `its TLS certificate was not accepted: ${code}`;
  }
  return REASONS[code] ?? (code || 'request failed');
}

async function readLimited(
  body: Dispatcher.ResponseData['body'],
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ANSWER_LIMIT) {
      body.destroy();
      throw new Unreachable(`answer larger than ${ANSWER_LIMIT / 1024} KiB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POSTs `fields` form-encoded and reads a JSON answer of any status. Errors
 * name what went wrong without the request's fields, which hold secrets.
 */
export async function postForm(
  url: string,
  fields: Record<string, string>,
  options: HttpOptions,
): Promise<FormAnswer> {
  try {
    const response = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(fields).toString(),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // Also bounds connecting, which the two timeouts above do not.
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readLimited(response.body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.statusCode, json, headers: response.headers };
  } catch (error) {
    if (error instanceof Unreachable) throw error;
    throw new Unreachable(reasonOf(error, options.timeoutMs));
  }
}

/** Origin and path only: a query or user info could hold a credential. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * A text from a remote answer made fit for a log line and an error body:
 * one line, at most 300 characters, with `secrets` cut out just in case
 * the remote side echoed one.
 */
export function remoteText(value: unknown, secrets: readonly string[]) {
  if (typeof value !== 'string') return '';
  let text = value;
  for (const secret of secrets) {
    if (secret) text = text.split(secret).join('[redacted]');
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
