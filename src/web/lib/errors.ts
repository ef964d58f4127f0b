import { fieldErrors, upstreamErrorMessage } from '#contract/errors.ts';

const STATUS_TEXT: Record<number, string> = {
  0: 'Lifeguard’s server could not be reached.',
  400: 'The request was not accepted.',
  401: 'Confluent refused Lifeguard’s credentials.',
  402: 'A Confluent quota was exceeded.',
  403: 'Lifeguard’s credentials are not allowed to do this.',
  404: 'Not found.',
  409: 'This conflicts with an existing resource.',
  413: 'The request is too large.',
  422: 'Some values are not valid.',
  429: 'The Confluent API is rate-limiting requests.',
  500: 'The Confluent API failed to handle the request.',
  502: 'Lifeguard could not reach the Confluent API.',
  503: 'The service is unavailable.',
  504: 'The Confluent API did not answer in time.',
};

/**
 * Every failed API call, whatever the upstream's error shape: the status, the
 * request id to quote to support, the parsed body, and what a screen needs
 * from it (a message, field errors, Retry-After, the conflicting resource).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly body: unknown;
  /** Field name (from source.pointer, e.g. `filter`) to its message. */
  readonly fieldErrors: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;
  /** Location of the conflicting resource on a 409, as an /api path. */
  readonly location: string | undefined;
  /**
   * The first error's `code`, which tells Lifeguard's own refusals apart
   * from the upstream's: `unauthenticated` (the session ended) or
   * `forbidden_role` (a viewer tried to write).
   */
  readonly code: string | undefined;
  /** When the answer arrived (ms since the epoch): Retry-After counts from here. */
  readonly receivedAt: number;

  constructor(options: {
    status: number;
    body?: unknown;
    requestId?: string;
    retryAfterSeconds?: number;
    location?: string;
  }) {
    const fallback =
      STATUS_TEXT[options.status] ??
      `The request failed (HTTP ${options.status}).`;
    super(upstreamErrorMessage(options.body, fallback));
    this.name = 'ApiError';
    this.status = options.status;
    this.body = options.body;
    this.requestId = options.requestId;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.location = options.location;
    this.fieldErrors = fieldErrors(options.body);
    this.code = errorCodeOf(options.body);
    this.receivedAt = Date.now();
  }

  /** When Retry-After says a new try may be made (ms since the epoch), if it said. */
  get retryAllowedAt(): number | undefined {
    return this.retryAfterSeconds === undefined
      ? undefined
      : this.receivedAt + this.retryAfterSeconds * 1000;
  }

  /** A short title for the status, independent of the upstream's wording. */
  get title(): string {
    return STATUS_TEXT[this.status] ?? `HTTP ${this.status}`;
  }
}

function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body)) {
    return undefined;
  }
  const [first] = Array.isArray(body.errors) ? (body.errors as unknown[]) : [];
  if (typeof first !== 'object' || first === null || !('code' in first)) {
    return undefined;
  }
  return typeof first.code === 'string' ? first.code : undefined;
}

/** Lifeguard's server refused the call because no one is signed in (any more). */
export function isSessionLost(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    error.code === 'unauthenticated'
  );
}

/** Lifeguard's server refused a write because the caller's role may not make it. */
export function isRoleRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    error.code === 'forbidden_role'
  );
}

/**
 * Lifeguard's server, not Confluent, refused the call: this user went over
 * the per-user share of the API that the server allows.
 */
export function isOwnRateLimit(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 429 &&
    error.code === 'lifeguard_rate_limited'
  );
}

/** Builds an ApiError from a non-2xx response. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text for the message.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError({
    status: response.status,
    body,
    requestId: response.headers.get('x-request-id') ?? undefined,
    retryAfterSeconds:
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    location: response.headers.get('location') ?? undefined,
  });
}

/** The one way to turn anything thrown into text for a person. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}
