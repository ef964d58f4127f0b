import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomUUID,
  timingSafeEqual,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import type { Store } from '../store.ts';

/**
 * The emulator's own OAuth identity provider, so that the keyless flow
 * (client credentials, then the STS exchange) runs without the network.
 * Its issuer is a reserved name (RFC 2606: `.test` never resolves), and the
 * STS reads its key set in-process rather than over HTTP
 * (docs/decisions/021-sts-in-the-emulator.md).
 */
export const TEST_IDP_ISSUER = 'https://idp.lifeguard.test';
export const TEST_IDP_JWKS_URI = `${TEST_IDP_ISSUER}/jwks`;
/** The `aud` of every token it signs. */
export const TEST_IDP_AUDIENCE = 'confluent';
export const TEST_IDP_TOKEN_SECONDS = 3600;

/**
 * Its clients, with demo secrets as public as the emulator's demo API
 * secret: the console's keyless identity, a CI job, and one that no demo
 * pool lets in.
 */
export const TEST_IDP_CLIENTS: readonly { id: string; secret: string }[] = [
  { id: 'lifeguard-console', secret: 'lifeguard-console-demo-secret' },
  { id: 'ci-deployer', secret: 'ci-deployer-demo-secret' },
  { id: 'stranger', secret: 'stranger-demo-secret' },
];

// In the store's meta, so tokens it signed still verify after a restart
// and a reset (meta survives both).
const KEY_META = 'test_idp_private_jwk';

type SigningKey = { privateKey: KeyObject; publicJwk: JWK; kid: string };

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export class TestIdentityProvider {
  readonly #store: Store;
  #key: Promise<SigningKey> | undefined;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Whether `id` and `secret` are one of {@link TEST_IDP_CLIENTS}. */
  isClient(id: string, secret: string): boolean {
    const client = TEST_IDP_CLIENTS.find((each) => each.id === id);
    // Digests, so the comparison takes as long whatever the secret's length.
    return (
      client !== undefined &&
      timingSafeEqual(digest(client.secret), digest(secret))
    );
  }

  /** The public half of its key, as a JWK set. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicJwk } = await this.#signingKey();
    return { keys: [publicJwk] };
  }

  /** An RS256 access token for `clientId`, by the emulator's clock. */
  async issueToken(clientId: string, scope: string | undefined) {
    const { privateKey, kid } = await this.#signingKey();
    const now = Math.floor(this.#store.now() / 1_000_000);
    return new SignJWT({ client_id: clientId, ...(scope ? { scope } : {}) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(TEST_IDP_ISSUER)
      .setSubject(clientId)
      .setAudience(TEST_IDP_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + TEST_IDP_TOKEN_SECONDS)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  // Made on first use, not when the emulator starts: tests start many
  // emulators, and an RSA key takes tens of milliseconds.
  #signingKey(): Promise<SigningKey> {
    this.#key ??= this.#loadOrCreate().catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    return this.#key;
  }

  async #loadOrCreate(): Promise<SigningKey> {
    const stored = this.#store.getMeta(KEY_META);
    const privateKey = stored
      ? createPrivateKey({
          key: JSON.parse(stored) as JsonWebKey,
          format: 'jwk',
        })
      : await this.#create();
    const exported = createPublicKey(privateKey).export({ format: 'jwk' });
    const kid = await calculateJwkThumbprint(exported);
    return {
      privateKey,
      kid,
      publicJwk: { ...exported, kid, alg: 'RS256', use: 'sig' },
    };
  }

  async #create(): Promise<KeyObject> {
    const { privateKey } = await promisify(generateKeyPair)('rsa', {
      modulusLength: 2048,
    });
    this.#store.setMeta(
      KEY_META,
      JSON.stringify(privateKey.export({ format: 'jwk' })),
    );
    return privateKey;
  }
}
