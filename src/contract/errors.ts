import type { components } from './schema.d.ts';

/** The declared error body ("shape A"): `{ errors: [{ detail, source, … }] }`. */
export type Failure = components['schemas']['Failure'];

/** One entry of {@link Failure}`.errors`; every member is optional. */
export type ErrorItem = components['schemas']['ErrorItem'];

/**
 * The undeclared error body ("shape B") the live service sends for 404s on
 * pools and providers: `{ error_code: 404, message: "…" }`.
 */
export type ErrorCodeBody = components['schemas']['ErrorCodeBody'];

/** What one error of a {@link Failure} says, before it is given an id. */
export type FailureItem = {
  code?: string;
  title: string;
  detail: string;
  /** RFC 6901 pointer into the request body, e.g. `/filter`. */
  pointer?: string;
  /** The offending query parameter, e.g. `page_size`. */
  parameter?: string;
};

/**
 * Builds a shape-A error body, as the upstream declares it, so that our own
 * errors (emulator, proxy) read exactly like the upstream's. Each error's
 * `id` is the request id, tying it to the `X-Request-Id` header.
 */
export function failureBody(
  status: number,
  items: readonly FailureItem[],
  requestId: string,
): Failure {
  return {
    errors: items.map(({ code, title, detail, pointer, parameter }) => ({
      id: requestId,
      status: String(status),
      ...(code ? { code } : {}),
      title,
      detail,
      ...(pointer || parameter
        ? {
            source: {
              ...(pointer ? { pointer } : {}),
              ...(parameter ? { parameter } : {}),
            },
          }
        : {}),
    })),
  };
}

/** Any error body the upstream is known to send. */
export type UpstreamErrorBody = Failure | ErrorCodeBody;

// These readers run on every error the console shows, so they are written
// out rather than built with zod, which the first screen does not load
// (docs/decisions/012-declarative-router-and-first-screen-budget.md).

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Blank strings carry no information, so they count as missing and the next
// candidate is tried instead.
function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Best human-readable message in an upstream error body of any known shape.
 *
 * Reads, in order, `errors[0].detail`, `errors[0].title` (shape A,
 * `Failure`), `message` (shape B, `ErrorCodeBody`), `error.message` (a shape
 * other Confluent APIs use), and returns `fallback` when none is a non-blank
 * string. Never throws, whatever `body` is.
 *
 * @param body The parsed response body, or anything else (text, `null`…).
 * @param fallback Text to use when the body carries no message, typically
 *   built from the status code.
 */
export function upstreamErrorMessage(body: unknown, fallback: string): string {
  try {
    if (!isRecord(body)) return fallback;
    // Most specific first, as the Confluent CLI reads bodies
    // (docs/confluent-api.md §7.3), with `title` as a stand-in for an item
    // that has no detail.
    const first =
      Array.isArray(body.errors) && isRecord(body.errors[0])
        ? body.errors[0]
        : {};
    const message =
      nonBlank(first.detail) ??
      nonBlank(first.title) ??
      nonBlank(body.message) ??
      (isRecord(body.error) ? nonBlank(body.error.message) : undefined);
    if (message !== undefined) return message;
  } catch {
    // Only reachable for exotic inputs (a getter or proxy that throws);
    // the caller asked for a message, not an exception.
  }
  return fallback;
}

// A present detail or title must be a non-blank string, or the item is
// malformed and skipped whole.
function isOptionalMessage(value: unknown): boolean {
  return value === undefined || nonBlank(value) !== undefined;
}

// RFC 6901: `~1` encodes `/` and `~0` encodes `~`; decode `~1` first.
function pointerToFieldName(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

/**
 * Per-field messages of a `Failure` body, for showing validation errors next
 * to form fields.
 *
 * Each `errors[].source.pointer` (an RFC 6901 JSON Pointer into the request
 * body, e.g. `/filter`) becomes a key without the leading slash (`filter`);
 * nested pointers are joined with dots (`/spec/jwks_status` →
 * `spec.jwks_status`), the path syntax form libraries use. The value is the
 * item's `detail`, or its `title` when there is no detail. When several
 * items name the same field the first wins. Items without a pointer or
 * message, and bodies of any other shape, contribute nothing. Never throws.
 */
export function fieldErrors(body: unknown): Record<string, string> {
  const fields = new Map<string, string>();
  try {
    if (!isRecord(body) || !Array.isArray(body.errors)) return {};
    const items: unknown[] = body.errors;
    for (const item of items) {
      if (!isRecord(item) || !isRecord(item.source)) continue;
      const { detail, title } = item;
      const { pointer } = item.source;
      // An empty pointer addresses the whole body, which is no field.
      if (typeof pointer !== 'string' || !pointer.startsWith('/')) continue;
      if (pointer.length < 2) continue;
      if (!isOptionalMessage(detail) || !isOptionalMessage(title)) continue;
      const message = nonBlank(detail) ?? nonBlank(title);
      const field = pointerToFieldName(pointer);
      if (message !== undefined && !fields.has(field)) {
        fields.set(field, message);
      }
    }
  } catch {
    // Same reasoning as upstreamErrorMessage: keep what was collected.
  }
  // fromEntries defines own properties, so a pointer like `/__proto__`
  // cannot reach the prototype.
  return Object.fromEntries(fields);
}
