import type { FastifyInstance } from 'fastify';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, errors, request as send } from 'undici';
import { z } from 'zod';
import { TEXT_LIMITS } from '#contract/bodies.ts';
import {
  DISCOVERY_API,
  discoveryUrlOf,
  type DiscoveryErrorCode,
  type DiscoveryResult,
} from '#contract/discovery.ts';
import { fail } from './failure.ts';
import { API_ADMIN } from './endpoint.ts';

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Host name to addresses, as `dns.lookup` with `all` gives them. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type DiscoveryOptions = {
  /** Reach issuers on loopback, private, link-local … addresses (DISCOVERY_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** For everything: name lookup, connection, answer. */
  timeoutMs?: number;
  /** Largest discovery document read. */
  maxBytes?: number;
  /**
   * Certificates to trust besides Node's own (tests). Operators with a
   * private CA use NODE_EXTRA_CA_CERTS, which Node reads at start.
   */
  ca?: string | Buffer;
  /** How host names become addresses; the system resolver by default (tests replace it). */
  resolve?: Resolver;
};

export const DISCOVERY_TIMEOUT_MS = 5_000;
// Real documents are a few KiB (Keycloak's, among the largest, about 7).
export const DISCOVERY_MAX_BYTES = 64 * 1024;

// Address ranges that are not the public internet (IANA special-purpose
// registries), by the word the refusal uses for them. IPv4-mapped and NAT64
// IPv6 addresses are judged by the IPv4 address inside them.
const RANGES: readonly [string, 'ipv4' | 'ipv6', string, number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['loopback', 'ipv6', '::1', 128],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['private', 'ipv6', 'fc00::', 7],
  ['private', 'ipv6', 'fec0::', 10],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['shared (carrier-grade NAT)', 'ipv4', '100.64.0.0', 10],
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['multicast', 'ipv6', 'ff00::', 8],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.88.99.0', 24],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['reserved', 'ipv6', '64:ff9b:1::', 48],
  ['reserved', 'ipv6', '100::', 64],
  // IETF protocol assignments, Teredo among them, and 6to4: both tunnel to
  // addresses that cannot be checked here.
  ['reserved', 'ipv6', '2001::', 23],
  ['reserved', 'ipv6', '2002::', 16],
];

const NON_PUBLIC = new Map<string, BlockList>();
for (const [kind, family, network, prefix] of RANGES) {
  const list = NON_PUBLIC.get(kind) ?? new BlockList();
  list.addSubnet(network, prefix, family);
  NON_PUBLIC.set(kind, list);
}
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (dotted tail allowed). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const [head, tail] = text.split('::');
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [
    ...left,
    ...Array<number>(8 - left.length - right.length).fill(0),
    ...right,
  ];
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) one. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const zeros = (...values: (number | undefined)[]) =>
    values.every((value) => value === 0);
  const isMapped = zeros(g0, g1, g2, g3, g4) && g5 === 0xffff;
  const isNat64 = g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5);
  if (!isMapped && !isNat64) return undefined;
  return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.');
}

/**
 * What kind of non-public address `address` is ("loopback", "private",
 * "link-local" …), or undefined for a public one. Anything that is not an
 * IP address counts as "reserved".
 */
export function nonPublicKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const inner = embeddedIpv4(bare);
    if (inner !== undefined) return nonPublicKind(inner);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of NON_PUBLIC) {
    if (list.check(bare, type)) return kind;
  }
  if (family === 6 && !GLOBAL_UNICAST.check(bare, 'ipv6')) return 'reserved';
  return undefined;
}

/** A refusal with a sentence for the person who typed the issuer. */
export class DiscoveryError extends Error {
  readonly status: number;
  readonly code: DiscoveryErrorCode;

  constructor(code: DiscoveryErrorCode, detail: string, status = 422) {
    super(detail);
    this.code = code;
    this.status = status;
  }
}

async function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));
}

/**
 * A lookup that answers only the addresses already checked, so the
 * connection cannot go to a different address than the one judged public
 * (DNS rebinding). With `all` (Node's happy eyeballs) it offers each in turn.
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [
        ...addresses,
      ]);
      return;
    }
    const [first] = addresses;
    callback(null, first!.address, first!.family);
  };
}

function parseIssuer(text: string): URL {
  const example = 'such as https://login.example.com/realms/main';
  if (!URL.canParse(text)) {
    throw new DiscoveryError(
      'invalid_issuer',
      `“${text}” is not a URL. Give the issuer in full, ${example}.`,
      400,
    );
  }
  const url = new URL(text);
  if (url.protocol !== 'https:') {
    throw new DiscoveryError(
      'invalid_issuer',
      `The issuer must be an https:// URL, ${example}: Confluent accepts only https issuers, and Lifeguard reads discovery documents only over https.`,
      400,
    );
  }
  if (url.username || url.password) {
    throw new DiscoveryError(
      'invalid_issuer',
      'The issuer must not contain a user name or password.',
      400,
    );
  }
  if (text.includes('?') || text.includes('#')) {
    throw new DiscoveryError(
      'invalid_issuer',
      'An issuer has no query (?…) or fragment (#…): give it as the provider’s tokens carry it in iss.',
      400,
    );
  }
  return url;
}

function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

class Deadline extends Error {}

async function checkedAddresses(
  url: URL,
  options: Required<Pick<DiscoveryOptions, 'allowPrivate' | 'resolve'>>,
  signal: AbortSignal,
): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await withDeadline(options.resolve(host), signal);
    } catch (error) {
      if (error instanceof Deadline) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new DiscoveryError(
        'host_not_found',
        `No address was found for ${host} (${code}). Check the issuer’s spelling.`,
      );
    }
    if (addresses.length === 0) {
      throw new DiscoveryError(
        'host_not_found',
        `No address was found for ${host}. Check the issuer’s spelling.`,
      );
    }
  }
  if (options.allowPrivate) return addresses;
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (kind === undefined) continue;
    const what =
      literal !== 0
        ? `${address} is a ${kind} address`
        : `${host} resolves to ${address}, a ${kind} address`;
    throw new DiscoveryError(
      'address_refused',
      `${what}. Lifeguard reads discovery documents only from public addresses, so that this form cannot reach machines inside its own network (an administrator can allow them with DISCOVERY_ALLOW_PRIVATE=1). Confluent Cloud, too, must reach the issuer over the internet.`,
    );
  }
  return addresses;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function connectionFailure(error: unknown, host: string, seconds: number) {
  if (
    error instanceof Deadline ||
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return timedOut(host, seconds);
  }
  const code =
    (error as { code?: string }).code ??
    (error as { cause?: { code?: string } }).cause?.code ??
    'error';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_')) {
    return new DiscoveryError(
      'tls_failed',
      code.startsWith('ERR_SSL_')
        ? `${host} did not answer with TLS (${code}): is it serving https on that port?`
        : `The certificate of ${host} was not accepted (${code}). The issuer needs a certificate from a public certificate authority, valid for its name.`,
    );
  }
  return new DiscoveryError(
    'unreachable',
    `Lifeguard could not connect to ${host} (${code}).`,
  );
}

function timedOut(host: string, seconds: number) {
  return new DiscoveryError(
    'timeout',
    `${host} did not answer within ${seconds} s. Check the issuer URL, or try again later.`,
  );
}

async function readLimited(
  body: AsyncIterable<Buffer> & { destroy: (error?: Error) => unknown },
  maxBytes: number,
  tooLarge: () => DiscoveryError,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      const error = tooLarge();
      body.destroy(error);
      throw error;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/**
 * Reads `<issuer>/.well-known/openid-configuration` and returns the
 * provider's jwks_uri, refusing (with a {@link DiscoveryError}) anything that
 * is not https, that resolves to a non-public address (unless allowed), that
 * redirects, is slow, large, not JSON, or names a different issuer.
 */
export async function discover(
  issuer: string,
  options: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const timeoutMs = options.timeoutMs ?? DISCOVERY_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DISCOVERY_MAX_BYTES;
  const seconds = timeoutMs / 1000;
  const url = parseIssuer(issuer);
  const discoveryUrl = discoveryUrlOf(issuer);
  const host = url.host;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Deadline()), timeoutMs);
  const addresses = await checkedAddresses(
    url,
    {
      allowPrivate: options.allowPrivate ?? false,
      resolve: options.resolve ?? systemResolver,
    },
    controller.signal,
  ).catch((error: unknown) => {
    clearTimeout(timer);
    throw error instanceof Deadline ? timedOut(host, seconds) : error;
  });

  // One connection for this one request, pinned to the checked addresses.
  const agent = new Agent({
    connections: 1,
    pipelining: 0,
    connect: {
      lookup: pinnedLookup(addresses),
      autoSelectFamily: true,
      timeout: timeoutMs,
      ...(options.ca ? { ca: options.ca } : {}),
    },
  });
  try {
    let response;
    try {
      response = await send(discoveryUrl, {
        dispatcher: agent,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Lifeguard' },
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw connectionFailure(
        controller.signal.aborted ? new Deadline() : error,
        host,
        seconds,
      );
    }
    const { statusCode, headers, body } = response;
    if (statusCode >= 300 && statusCode < 400) {
      await body.dump();
      const location = headers.location;
      throw new DiscoveryError(
        'redirect_refused',
        `${discoveryUrl} redirects${typeof location === 'string' ? ` to ${location}` : ''} (HTTP ${statusCode}). Lifeguard does not follow redirects: the discovery document must be at the issuer itself, and its issuer must be exactly the one tokens carry.`,
      );
    }
    if (statusCode === 404) {
      await body.dump();
      throw new DiscoveryError(
        'not_found',
        `There is no discovery document at ${discoveryUrl} (HTTP 404). Check the issuer: it is the iss value of the provider’s tokens, such as https://login.example.com/realms/main.`,
      );
    }
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump();
      throw new DiscoveryError(
        'http_error',
        `${discoveryUrl} answered HTTP ${statusCode} instead of the discovery document.`,
      );
    }
    const tooLarge = () =>
      new DiscoveryError(
        'too_large',
        `The document at ${discoveryUrl} is larger than ${sizeText(maxBytes)}, far more than a discovery document needs; it is not read.`,
      );
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    let raw: Buffer;
    try {
      raw = await readLimited(body, maxBytes, tooLarge);
    } catch (error) {
      if (error instanceof DiscoveryError) throw error;
      throw connectionFailure(
        controller.signal.aborted ? new Deadline() : error,
        host,
        seconds,
      );
    }
    return documentResult(issuer, discoveryUrl, raw, headers['content-type']);
  } finally {
    clearTimeout(timer);
    void agent.destroy().catch(() => {});
  }
}

function documentResult(
  issuer: string,
  discoveryUrl: string,
  raw: Buffer,
  contentType: string | string[] | undefined,
): DiscoveryResult {
  let document: unknown;
  try {
    document = JSON.parse(raw.toString('utf8'));
  } catch {
    document = undefined;
  }
  if (typeof document !== 'object' || document === null) {
    const type = typeof contentType === 'string' ? contentType : 'none';
    throw new DiscoveryError(
      'not_json',
      `${discoveryUrl} did not answer with a JSON discovery document (content type: ${type}). Check the issuer URL.`,
    );
  }
  const fields = document as Record<string, unknown>;
  if (fields.issuer !== issuer) {
    throw new DiscoveryError(
      'issuer_mismatch',
      typeof fields.issuer === 'string'
        ? `The document names its issuer “${fields.issuer}”, not “${issuer}”. Tokens carry the document’s value in iss, so give exactly that as the issuer.`
        : `The document at ${discoveryUrl} names no issuer, so it cannot be trusted for “${issuer}”.`,
    );
  }
  const jwksUri = fields.jwks_uri;
  if (
    typeof jwksUri !== 'string' ||
    !URL.canParse(jwksUri) ||
    new URL(jwksUri).protocol !== 'https:' ||
    jwksUri.length > TEXT_LIMITS.url
  ) {
    throw new DiscoveryError(
      'invalid_jwks_uri',
      typeof jwksUri === 'string'
        ? `The document’s jwks_uri “${jwksUri.slice(0, 200)}” is not an https URL, which Confluent requires.`
        : `The document at ${discoveryUrl} has no jwks_uri: this issuer does not publish signing keys, so Confluent could not verify its tokens.`,
    );
  }
  return { issuer, jwks_uri: jwksUri, discovery_url: discoveryUrl };
}

const querySchema = z.object({
  issuer: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'Give the issuer URL (?issuer=https://…).'
          : 'Give issuer once.',
    })
    .min(1, { error: 'Give the issuer URL (?issuer=https://…).' })
    .max(TEXT_LIMITS.url, {
      error: `The issuer must be at most ${TEXT_LIMITS.url} characters.`,
    }),
});

/**
 * GET /api/lifeguard/discovery?issuer=…: for admins only (its policy). It
 * reads nothing secret, but it makes the server fetch a URL a person typed,
 * so it is kept to those who may register providers; the /api rate limit
 * applies to it.
 */
export function discoveryRoutes(
  app: FastifyInstance,
  options: DiscoveryOptions = {},
) {
  app.get(
    DISCOVERY_API,
    { config: { policy: API_ADMIN } },
    async (request, reply) => {
      // A GET, so csrfProtection lets it pass; but another site must not make
      // a signed-in browser (or, without sign-in, any browser on this machine)
      // send the server off to fetch URLs.
      const site = request.headers['sec-fetch-site'];
      if (typeof site === 'string' && site !== 'same-origin') {
        return fail(request, reply, 403, {
          code: 'csrf_refused',
          title: 'Forbidden',
          detail: `Discovery was refused: the request came from another site (${site}).`,
        });
      }
      // Its policy lets only signed-in admins this far.
      const user = request.user!;
      const query = querySchema.safeParse(request.query);
      if (!query.success) {
        return fail(request, reply, 400, {
          code: 'invalid_issuer',
          title: 'Bad Request',
          detail: query.error.issues[0]?.message ?? 'Give the issuer URL.',
          parameter: 'issuer',
        });
      }
      const { issuer } = query.data;
      try {
        const result = await discover(issuer, options);
        request.log.info(
          { user: user.id, issuer, jwksUri: result.jwks_uri },
          'discovery document read',
        );
        return result;
      } catch (error) {
        if (!(error instanceof DiscoveryError)) throw error;
        request.log.warn(
          { user: user.id, issuer, code: error.code },
          'discovery refused',
        );
        return fail(request, reply, error.status, {
          code: error.code,
          title: error.status === 400 ? 'Bad Request' : 'Discovery Failed',
          detail: error.message,
          parameter: 'issuer',
        });
      }
    },
  );
}
