import type { UpstreamLinks } from './links.ts';

/** The upstream answer's headers the client gets; no other passes. */
const PASSED_ON = [
  'content-type',
  'content-length',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
] as const;

/** Where {@link passOnHeaders} put what the answer writer needs. */
export type PassedOn = {
  /** Index of the Content-Length value in the list, or -1. */
  lengthAt: number;
  hasType: boolean;
};

/**
 * Appends to `out` (name, value, name, value…, the form `writeHead` takes
 * at the least cost) the upstream's headers the client may see: the
 * allowlist, Lifeguard's request id where the upstream gave none, and a
 * `Location` rewritten under /api (dropped if it points elsewhere).
 */
export function passOnHeaders(
  upstream: Record<string, string | string[] | undefined>,
  requestId: string,
  links: UpstreamLinks,
  out: string[],
): PassedOn {
  let lengthAt = -1;
  let hasType = false;
  for (const name of PASSED_ON) {
    const value = upstream[name];
    if (typeof value !== 'string') continue;
    if (name === 'content-length') lengthAt = out.length + 1;
    else if (name === 'content-type') hasType = true;
    // An empty upstream id is replaced by ours, in its place.
    out.push(name, name === 'x-request-id' && !value ? requestId : value);
  }
  if (upstream['x-request-id'] == null) out.push('x-request-id', requestId);
  const location = upstream.location;
  if (typeof location === 'string') {
    const rewritten = links.location(location);
    if (rewritten) out.push('location', rewritten);
  }
  return { lengthAt, hasType };
}
