import { request as send, type Dispatcher } from 'undici';
import { z } from 'zod';
import { pageTokenOf } from '#contract/page-token.ts';
import type { CredentialSource } from './credentials.ts';

export type UpstreamReadOptions = {
  /** Upstream base URL without trailing slash. */
  endpoint: string;
  credentials: CredentialSource;
  dispatcher: Dispatcher;
  timeoutMs: number;
};

/** What the upstream answered to a GET: its status and JSON body (undefined when not JSON). */
export type UpstreamAnswer = { status: number; body: unknown };

/**
 * Reads one upstream resource with the server's credential, for Lifeguard's
 * own checks (the audit log's "before", whether a pool exists). Undefined
 * when it could not be asked: no credential, unreachable, too slow.
 */
export type UpstreamReader = (
  path: string,
  requestId: string,
) => Promise<UpstreamAnswer | undefined>;

export function upstreamReader(options: UpstreamReadOptions): UpstreamReader {
  return async (path, requestId) => {
    try {
      const response = await send(`${options.endpoint}${path}`, {
        method: 'GET',
        dispatcher: options.dispatcher,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        headers: {
          accept: 'application/json',
          'x-request-id': requestId,
          authorization: await options.credentials.authorization(),
        },
      });
      const text = await response.body.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.statusCode, body };
    } catch {
      return undefined;
    }
  };
}

// What a walk needs of a list page; the live service may leave out (or
// null) `data` and `next`.
const LIST_PAGE = z.object({
  data: z.array(z.unknown()).nullish(),
  metadata: z.object({ next: z.string().nullish() }),
});

/** Every item of an upstream list, as far as it could be read. */
export type ListWalk = {
  items: unknown[];
  /** False when a page could not be read or the page limit was reached. */
  complete: boolean;
};

/**
 * Walks an upstream list (`path` without a query) page by page with the
 * server's credential, for the audit log: `page_size` 100, following the
 * `page_token` of `metadata.next` (never the link itself, so only the
 * configured upstream is asked), at most `maxPages` pages. A page whose
 * `data` is null or left out is an empty page.
 */
export async function readWholeList(
  read: UpstreamReader,
  path: string,
  requestId: string,
  maxPages = 100,
): Promise<ListWalk> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < maxPages; pages += 1) {
    const query = new URLSearchParams({ page_size: '100' });
    if (token) query.set('page_token', token);
    const answer = await read(`${path}?${query.toString()}`, requestId);
    if (answer?.status !== 200) return { items, complete: false };
    const page = LIST_PAGE.safeParse(answer.body);
    if (!page.success) return { items, complete: false };
    items.push(...(page.data.data ?? []));
    token = pageTokenOf(page.data.metadata.next);
    if (!token) return { items, complete: true };
  }
  return { items, complete: false };
}
