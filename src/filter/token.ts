import { decodeJwt, decodeProtectedHeader } from 'jose';

/** What a pasted token or claims object holds, decoded locally. */
export type DecodedToken =
  | {
      ok: true;
      claims: Record<string, unknown>;
      /** The JWT header (alg, kid, typ) when a JWT was given. */
      header: Record<string, unknown> | undefined;
      source: 'jwt' | 'json';
    }
  | { ok: false; message: string };

/**
 * Decodes a pasted JWT (header.payload.signature) or a JSON claims object.
 * Nothing is verified and nothing leaves the caller: signatures are the
 * upstream's business; the filter only ever sees claims.
 */
export function decodeToken(input: string): DecodedToken {
  const text = input.trim();
  if (text === '')
    return { ok: false, message: 'Paste a JWT or a JSON object of claims.' };
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        Array.isArray(parsed)
      ) {
        return { ok: false, message: 'The JSON must be an object of claims.' };
      }
      return {
        ok: true,
        claims: parsed as Record<string, unknown>,
        header: undefined,
        source: 'json',
      };
    } catch (error) {
      return {
        ok: false,
        message: `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const bearer = text.replace(/^Bearer\s+/i, '');
  if (bearer.split('.').length !== 3) {
    return {
      ok: false,
      message:
        'A JWT has three parts separated by dots (header.payload.signature); this has ' +
        `${bearer.split('.').length}. Paste the whole token, or a JSON object of claims.`,
    };
  }
  try {
    return {
      ok: true,
      claims: decodeJwt(bearer) as Record<string, unknown>,
      header: decodeProtectedHeader(bearer) as Record<string, unknown>,
      source: 'jwt',
    };
  } catch (error) {
    return {
      ok: false,
      message: `This token cannot be decoded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export type TokenNotice = {
  kind: 'issuer' | 'expired' | 'not-yet-valid';
  message: string;
};

/** Facts worth telling about a token that the filter itself does not check. */
export function tokenNotices(
  claims: Record<string, unknown>,
  providerIssuer: string | undefined,
  now: number = Date.now(),
): TokenNotice[] {
  const notices: TokenNotice[] = [];
  const normalise = (url: string) => url.replace(/\/+$/, '');
  if (
    providerIssuer &&
    typeof claims.iss === 'string' &&
    normalise(claims.iss) !== normalise(providerIssuer)
  ) {
    notices.push({
      kind: 'issuer',
      message: `The token was issued by ${claims.iss}, not by this provider (${providerIssuer}): Confluent would not accept it for this provider, whatever the filter says.`,
    });
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < now) {
    notices.push({
      kind: 'expired',
      message: `The token expired on ${new Date(claims.exp * 1000).toISOString()}. (Filters do not check exp; Confluent rejects expired tokens before filters run.)`,
    });
  }
  if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now) {
    notices.push({
      kind: 'not-yet-valid',
      message: `The token is not valid before ${new Date(claims.nbf * 1000).toISOString()}.`,
    });
  }
  return notices;
}
