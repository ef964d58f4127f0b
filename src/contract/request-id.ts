// A request id a client sent is kept only when it is a plain token, so it can
// be logged and echoed without escaping.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The X-Request-Id to use for a request: the client's own when it is a plain
 * token (so one id follows a call from the console through the proxy to the
 * upstream), otherwise a new UUID.
 */
export function requestIdFor(given: unknown): string {
  return typeof given === 'string' && REQUEST_ID.test(given)
    ? given
    : crypto.randomUUID();
}

/**
 * The X-Request-Id a client sent, when it is a plain token: kept beside a
 * server's own id (never instead of it, where the id must be the server's,
 * as in an audit log), so a client can still find its calls.
 */
export function clientRequestIdOf(given: unknown): string | undefined {
  return typeof given === 'string' && REQUEST_ID.test(given)
    ? given
    : undefined;
}
