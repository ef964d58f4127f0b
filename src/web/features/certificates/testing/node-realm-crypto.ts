import { vi } from 'vitest';

// In the jsdom test environment the page's ArrayBuffer and typed arrays
// are not those of Node's Web Crypto, which refuses them ("is not instance
// of ArrayBuffer…"). TextEncoder is Node's, so its output gives Node's
// Uint8Array: every buffer argument is copied into one of those.
const NodeUint8Array = Object.getPrototypeOf(new TextEncoder().encode(''))
  .constructor as Uint8ArrayConstructor;

function toNodeRealm(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const copy = new NodeUint8Array(value.byteLength);
    copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return copy;
  }
  if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') {
    const bytes = new Uint8Array(value as ArrayBuffer);
    const copy = new NodeUint8Array(bytes.byteLength);
    copy.set(bytes);
    return copy;
  }
  return value;
}

/**
 * Runs `work` (e.g. the filter module's certificate generators) with a
 * `globalThis.crypto` whose SubtleCrypto accepts the page's buffers.
 */
export async function withNodeRealmCrypto<T>(work: () => Promise<T>) {
  const original = globalThis.crypto;
  const subtle = new Proxy(original.subtle, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key, target);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) =>
        (member as (...a: unknown[]) => unknown).apply(
          target,
          args.map(toNodeRealm),
        );
    },
  });
  vi.stubGlobal('crypto', {
    subtle,
    getRandomValues: original.getRandomValues.bind(original),
    randomUUID: original.randomUUID.bind(original),
  });
  try {
    return await work();
  } finally {
    vi.unstubAllGlobals();
  }
}
