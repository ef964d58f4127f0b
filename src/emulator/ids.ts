const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Math.random is fine here: ids are opaque, not secrets. */
export const systemRandom: Random = Math.random;

/** mulberry32: a small deterministic generator, so seeds and tests repeat exactly. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function base62(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += BASE62[Math.floor(random() * BASE62.length)];
  }
  return out;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Lower-case letters and digits: the look of `env-1jrymj`, `lkc-19ynpv`, `u-1jjv21`. */
export function base36(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += BASE36[Math.floor(random() * BASE36.length)];
  }
  return out;
}

export function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(random() * 256);
  return bytes;
}
