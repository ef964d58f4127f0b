import type { Dispatcher } from 'undici';
import type { CredentialSource } from '../credentials.ts';
import { UpstreamLinks } from './links.ts';

export type ForwardOptions = {
  /** Upstream base URL without trailing slash, e.g. https://api.confluent.cloud. */
  endpoint: string;
  credentials: CredentialSource;
  timeoutMs: number;
  dispatcher: Dispatcher;
  /** True once the server is closing: answers then ask the client to hang up. */
  closing?: () => boolean;
};

/** What every forwarded call needs of the upstream, worked out once at start-up. */
export type Upstream = {
  readonly dispatcher: Dispatcher;
  readonly credentials: CredentialSource;
  readonly timeoutMs: number;
  /** The endpoint's origin, e.g. https://api.confluent.cloud. */
  readonly origin: string;
  /**
   * The endpoint's path as the URL parser resolves it in front of an
   * upstream path (which is only letters, digits, - _ and /).
   */
  readonly basePath: string;
  readonly links: UpstreamLinks;
  readonly closing: () => boolean;
};

export function upstreamOf(options: ForwardOptions): Upstream {
  return {
    dispatcher: options.dispatcher,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
    origin: new URL(options.endpoint).origin,
    basePath: new URL(`${options.endpoint}/p`).pathname.slice(0, -2),
    links: new UpstreamLinks(options.endpoint),
    closing: options.closing ?? (() => false),
  };
}
