import type { JWK } from 'jose';
import type { Micros } from '../clock.ts';
import type { FetchedJwks } from './jwks-fetch.ts';

/** A provider's keys as last read, and until when they are used without reading again. */
export type CachedJwks = {
  keys: JWK[];
  fetchedAt: Micros;
  expiresAt: Micros;
};

export type JwksLookup =
  { ok: true; jwks: CachedJwks } | { ok: false; reason: string };

const SECOND: Micros = 1_000_000;

/**
 * How long keys are kept, from the answer's `max-age`: Confluent reads a
 * provider's keys again at most every 5 minutes and at least every 7 days,
 * daily when the answer has no `max-age` (docs/confluent-api.md §3.7).
 */
export const JWKS_LIFETIME = {
  minSeconds: 300,
  maxSeconds: 7 * 24 * 3600,
  defaultSeconds: 24 * 3600,
} as const;

export function jwksLifetimeSeconds(maxAgeSeconds: number | undefined): number {
  if (maxAgeSeconds === undefined) return JWKS_LIFETIME.defaultSeconds;
  return Math.min(
    JWKS_LIFETIME.maxSeconds,
    Math.max(JWKS_LIFETIME.minSeconds, maxAgeSeconds),
  );
}

/**
 * The providers' keys as the STS last read them, per provider and
 * `jwks_uri` (a changed URI is read afresh). A failed read is not kept, so
 * the next exchange tries again; reads of the same key set at once share
 * one request.
 */
export class JwksCache {
  readonly #read: (uri: string) => Promise<FetchedJwks>;
  readonly #now: () => Micros;
  readonly #entries = new Map<string, CachedJwks>();
  readonly #pending = new Map<string, Promise<JwksLookup>>();

  constructor(read: (uri: string) => Promise<FetchedJwks>, now: () => Micros) {
    this.#read = read;
    this.#now = now;
  }

  /** The keys of `provider`, read from its `jwks_uri` unless still fresh. */
  keysOf(provider: { id: string; jwksUri: string }): Promise<JwksLookup> {
    // URIs hold no space, so the key is unambiguous.
    const key = `${provider.id} ${provider.jwksUri}`;
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > this.#now()) {
      return Promise.resolve({ ok: true, jwks: cached });
    }
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const reading: Promise<JwksLookup> = this.#read(provider.jwksUri)
      .then((fetched): JwksLookup => {
        if (!fetched.ok) return fetched;
        const jwks = this.#fresh(fetched.keys, fetched.maxAgeSeconds);
        // A read forgotten while under way is answered, not kept.
        if (this.#pending.get(key) === reading) this.#entries.set(key, jwks);
        return { ok: true, jwks };
      })
      .catch((): JwksLookup => ({
        ok: false,
        reason: 'the keys could not be read',
      }))
      .finally(() => {
        if (this.#pending.get(key) === reading) this.#pending.delete(key);
      });
    this.#pending.set(key, reading);
    return reading;
  }

  /** Drops what is kept for the provider, so its next exchange reads its keys again. */
  forget(providerId: string): void {
    const prefix = `${providerId} `;
    for (const map of [this.#entries, this.#pending]) {
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#pending.clear();
  }

  #fresh(keys: JWK[], maxAgeSeconds: number | undefined): CachedJwks {
    const fetchedAt = this.#now();
    return {
      keys,
      fetchedAt,
      expiresAt: fetchedAt + jwksLifetimeSeconds(maxAgeSeconds) * SECOND,
    };
  }
}
