import { request as send, type Dispatcher } from 'undici';
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
