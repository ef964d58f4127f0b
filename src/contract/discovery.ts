/**
 * OpenID Connect discovery through Lifeguard's server (its own API, not
 * Confluent's): the server reads `<issuer>/.well-known/openid-configuration`
 * and answers the provider's `jwks_uri`, so a browser never fetches a URL a
 * person typed and the server can refuse addresses inside the network.
 */
export const DISCOVERY_API = '/api/lifeguard/discovery';

/** The path OpenID Connect Discovery 1.0 §4 appends to an issuer. */
export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** `GET /api/lifeguard/discovery?issuer=…` answers this (200). */
export type DiscoveryResult = {
  /** The issuer, as the document states it (identical to the one asked for). */
  issuer: string;
  /** Where the provider publishes its signing keys: an https URL. */
  jwks_uri: string;
  /** The document that was read. */
  discovery_url: string;
};

/**
 * The `code` of each refusal (a `Failure` body, 400 for a bad issuer URL,
 * 422 for everything learned by trying to read the document), so the console
 * can tell them apart without parsing text.
 */
export const DISCOVERY_ERRORS = [
  'invalid_issuer',
  'address_refused',
  'host_not_found',
  'unreachable',
  'tls_failed',
  'timeout',
  'redirect_refused',
  'not_found',
  'http_error',
  'too_large',
  'not_json',
  'issuer_mismatch',
  'invalid_jwks_uri',
] as const;
export type DiscoveryErrorCode = (typeof DISCOVERY_ERRORS)[number];

/** The discovery URL of an issuer: a trailing `/` is dropped before the path is appended. */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}${DISCOVERY_PATH}`;
}
