import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Cursor } from './keyset-page.ts';

const payloadSchema = z.union([
  z.object({ s: z.string(), n: z.number().int(), a: z.number().int().min(0) }),
  z.object({ s: z.string(), n: z.number().int(), b: z.number().int().min(0) }),
]);

export type PageTokenPayload = { scope: string; size: number; cursor: Cursor };

/**
 * Opaque page tokens: the cursor and page size, signed with a secret kept in
 * the store, so a tampered token, one from another list or from another
 * emulator's data is refused instead of silently paging somewhere else.
 */
export class PageTokens {
  readonly #secret: Buffer;

  constructor(secret: string) {
    this.#secret = Buffer.from(secret, 'utf8');
  }

  encode({ scope, size, cursor }: PageTokenPayload): string {
    const body = Buffer.from(
      JSON.stringify(
        'after' in cursor
          ? { s: scope, n: size, a: cursor.after }
          : { s: scope, n: size, b: cursor.before },
      ),
    ).toString('base64url');
    return `${body}.${this.#sign(body).toString('base64url')}`;
  }

  /** The payload, or undefined when the token is malformed, forged or for another scope. */
  decode(token: string, scope: string): PageTokenPayload | undefined {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return undefined;
    const expected = this.#sign(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = payloadSchema.safeParse(json);
    if (!parsed.success || parsed.data.s !== scope) return undefined;
    const data = parsed.data;
    return {
      scope: data.s,
      size: data.n,
      cursor: 'a' in data ? { after: data.a } : { before: data.b },
    };
  }

  #sign(body: string): Buffer {
    return createHmac('sha256', this.#secret)
      .update(body)
      .digest()
      .subarray(0, 16);
  }
}
