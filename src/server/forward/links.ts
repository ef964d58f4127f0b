import { API_PREFIX } from '#contract/lifeguard-api.ts';

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

/**
 * Where the upstream's links point, and the same places under /api: both
 * the links inside JSON answers and a `Location` header go through here,
 * so the console only ever sees Lifeguard's paths.
 */
export class UpstreamLinks {
  /** How the upstream begins its own links: the endpoint and a slash. */
  readonly prefix: string;
  readonly #base: URL;
  readonly #basePath: string;

  /** `endpoint`: the upstream base URL without a trailing slash. */
  constructor(endpoint: string) {
    this.prefix = `${endpoint}/`;
    this.#base = new URL(endpoint);
    this.#basePath = this.#base.pathname.replace(/\/+$/, '');
  }

  /** A JSON answer read as latin1, its links under /api (see {@link rewriteLinks}). */
  inBody(text: string): string {
    return rewriteLinks(text, this.prefix);
  }

  /**
   * A `Location` as the same resource under /api, or undefined when it
   * points anywhere but the upstream (it is then dropped).
   */
  location(value: string): string | undefined {
    // Parsed rather than matched as text (creates only, so rare): dot
    // segments and escapes are resolved before the check, as a browser would.
    let url: URL;
    try {
      url = new URL(value, this.#base);
    } catch {
      return undefined;
    }
    if (
      url.origin !== this.#base.origin ||
      !url.pathname.startsWith(`${this.#basePath}/`)
    ) {
      return undefined;
    }
    return `${API_PREFIX}${url.pathname.slice(this.#basePath.length)}${url.search}`;
  }
}
