import { base62, randomBytes, type Random } from './ids.ts';

export type JwksKey = {
  kty: 'RSA';
  kid: string;
  alg: string;
  use: string;
  n: string;
  e: string;
};

/**
 * A key shaped like a 2048-bit RSA signing key. The modulus is random bytes,
 * not a product of primes: the emulator never verifies signatures, and random
 * bytes keep seeds deterministic and start-up instant.
 */
export function syntheticKey(random: Random): JwksKey {
  const modulus = randomBytes(random, 256);
  modulus[0] = (modulus[0] ?? 0) | 0x80;
  return {
    kty: 'RSA',
    kid: base62(random, 20),
    alg: 'RS256',
    use: 'sig',
    n: Buffer.from(modulus).toString('base64url'),
    e: 'AQAB',
  };
}
