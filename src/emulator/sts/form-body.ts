import type { FastifyInstance, FastifyRequest } from 'fastify';

// What any body other than a form parses to, so that the route, not
// Fastify's 415, says what to send.
const NOT_A_FORM = Symbol('not a form');

/**
 * Makes the routes of `instance` (a plugin's own scope: the rest of the
 * emulator keeps its JSON parser) read `application/x-www-form-urlencoded`
 * bodies, the only encoding OAuth token endpoints take.
 */
export function acceptFormBodies(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );
  instance.addContentTypeParser(
    '*',
    { parseAs: 'buffer' },
    (_request, _body, done) => done(null, NOT_A_FORM),
  );
}

/** The request's form, or what was sent instead. */
export type FormRead =
  | { ok: true; form: URLSearchParams }
  | { ok: false; sent: 'nothing' | 'json' | 'other' };

/** The form of a request to a route of an {@link acceptFormBodies} scope. */
export function readForm(request: FastifyRequest): FormRead {
  const { body } = request;
  if (body instanceof URLSearchParams) return { ok: true, form: body };
  if (body === undefined || body === null)
    return { ok: false, sent: 'nothing' };
  const type = request.headers['content-type'] ?? '';
  return {
    ok: false,
    sent: /^application\/([\w.+-]+\+)?json\b/i.test(type) ? 'json' : 'other',
  };
}

/** What {@link formValue} answers for a field sent more than once. */
export const REPEATED = Symbol('repeated');

/**
 * The value of `name` in `form`: `undefined` when absent or empty (RFC 6749
 * §3.2: a parameter sent without a value counts as omitted), or
 * {@link REPEATED} when sent more than once, which OAuth endpoints refuse.
 */
export function formValue(
  form: URLSearchParams,
  name: string,
): string | undefined | typeof REPEATED {
  const values = form.getAll(name);
  if (values.length > 1) return REPEATED;
  const [value] = values;
  return value === undefined || value === '' ? undefined : value;
}
