import type { Dispatcher } from 'undici';
import {
  CredentialError,
  type CredentialSource,
  type CredentialState,
} from '../credentials.ts';
import {
  fetchClientCredentialsToken,
  type ClientCredentialsSettings,
} from './external-token.ts';
import {
  EXTERNAL_BUFFER_SECONDS,
  renewAfterSeconds,
  retryDelayMs,
  STS_BUFFER_SECONDS,
} from './schedule.ts';
import { ExchangeRefused, exchangeToken } from './sts-exchange.ts';
import { fileSignature, readTokenFile } from './token-file.ts';

export type ExternalTokenSettings =
  | ({ kind: 'client-credentials' } & ClientCredentialsSettings)
  | { kind: 'file'; file: string };

/** Keyless sign-in: the settings of Terraform's `oauth` block, as Lifeguard names them. */
export type KeylessSettings = {
  /** Confluent's base URL; the STS is under it. */
  endpoint: string;
  identityPoolId: string;
  externalToken: ExternalTokenSettings;
  /** Sent as `expires_in` when set; Confluent's default is 900. */
  stsExpiresInSeconds?: number;
};

/** Where renewal failures and recoveries are told; never given a token. */
export type KeylessLog = {
  info: (message: string) => void;
  warn: (message: string) => void;
};

export type KeylessOptions = {
  log?: KeylessLog;
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
  /** Runs `run` after `delayMs`; returns a cancel. An unref'd setTimeout by default. */
  timer?: (run: () => void, delayMs: number) => () => void;
  dispatcher?: Dispatcher;
  /** For each call to the identity provider and to the STS. */
  timeoutMs?: number;
};

export type KeylessCredentials = CredentialSource & {
  state: () => CredentialState;
  rejected: (authorization: string) => void;
  /** Signs in now (or joins a sign-in under way); rejects with its cause. */
  start: () => Promise<{ lifetimeSeconds: number; renewAfterSeconds: number }>;
  /** Stops the renewal timer. */
  close: () => void;
};

type Held = {
  header: string;
  obtainedAt: number;
  renewAt: number;
  expiresAt: number;
  lifetimeSeconds: number;
  /** The token file's version it came from (file variant). */
  version?: string;
};

type Attempt = {
  /** The token file's version this attempt read (file variant). */
  version?: string;
  /** Its failure is reported by the caller (start-up), not logged. */
  quiet?: boolean;
};

type Failure = {
  error: CredentialError;
  count: number;
  retryAt: number;
  version?: string;
};

// A version no readable file has, so an unreadable file is not a change
// every time it is looked at.
const UNREADABLE = 'unreadable';
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function unrefTimer(run: () => void, delayMs: number): () => void {
  const handle = setTimeout(run, Math.min(delayMs, LONGEST_TIMER_MS));
  handle.unref();
  return () => clearTimeout(handle);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Lifeguard's Confluent credential without a long-lived secret: a token
 * from the organisation's identity provider (client credentials, or a
 * file another process keeps fresh) exchanged at Confluent's STS for an
 * access token of the identity pool. Both are cached and renewed ahead of
 * expiry with Terraform's buffers, on a timer and, should the timer not
 * have run (a suspended machine), on the next call. Calls never wait for
 * a renewal while the current token is still valid, except after a new
 * token file appears or Confluent answered 401 to the token; one renewal
 * runs at a time.
 */
export function keylessCredentials(
  settings: KeylessSettings,
  options: KeylessOptions = {},
): KeylessCredentials {
  const now = options.now ?? Date.now;
  const timer = options.timer ?? unrefTimer;
  const log = options.log ?? { info: () => {}, warn: () => {} };
  const http = {
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  };
  const source = settings.externalToken;
  const pool = settings.identityPoolId;

  let sts: Held | undefined;
  let external: { token: string; renewAt: number } | undefined;
  let fileToken:
    { token: string; version: string; expiresAt?: number } | undefined;
  let inFlight: Promise<Held> | undefined;
  let failure: Failure | undefined;
  let rejectedHeader: string | undefined;
  let cancelTimer: (() => void) | undefined;
  let closed = false;

  function usable(held: Held | undefined, at: number): held is Held {
    return (
      held !== undefined &&
      at < held.expiresAt &&
      held.header !== rejectedHeader
    );
  }

  function schedule(at: number) {
    cancelTimer?.();
    cancelTimer = undefined;
    if (closed) return;
    cancelTimer = timer(
      () => {
        cancelTimer = undefined;
        refresh().catch(() => {});
      },
      Math.max(0, at - now()),
    );
  }

  /** A subject token, re-using the cached one while it is not due. */
  async function subjectToken(attempt: Attempt): Promise<string> {
    const at = now();
    if (source.kind === 'file') {
      attempt.version = UNREADABLE;
      attempt.version = await fileSignature(source.file);
      if (
        fileToken?.version === attempt.version &&
        (fileToken.expiresAt === undefined || at < fileToken.expiresAt)
      ) {
        return fileToken.token;
      }
      const read = await readTokenFile(source.file, at);
      fileToken = {
        token: read.token,
        version: attempt.version,
        ...(read.lifetimeSeconds !== undefined
          ? { expiresAt: at + read.lifetimeSeconds * 1000 }
          : {}),
      };
      return read.token;
    }
    if (external && at < external.renewAt) return external.token;
    external = undefined;
    const fetched = await fetchClientCredentialsToken(source, http);
    // Without a lifetime the token serves this one exchange only.
    if (fetched.lifetimeSeconds !== undefined) {
      external = {
        token: fetched.token,
        renewAt:
          at +
          renewAfterSeconds(fetched.lifetimeSeconds, EXTERNAL_BUFFER_SECONDS) *
            1000,
      };
    }
    return fetched.token;
  }

  async function renew(attempt: Attempt): Promise<Held> {
    const subject = await subjectToken(attempt);
    const at = now();
    let issued;
    try {
      issued = await exchangeToken(
        {
          endpoint: settings.endpoint,
          identityPoolId: pool,
          subjectToken: subject,
          ...(settings.stsExpiresInSeconds !== undefined
            ? { expiresInSeconds: settings.stsExpiresInSeconds }
            : {}),
        },
        http,
      );
    } catch (error) {
      // A token the STS turned down is not offered again: the next attempt
      // asks the identity provider for a new one.
      if (error instanceof ExchangeRefused) external = undefined;
      throw error;
    }
    const renewAfter = renewAfterSeconds(
      issued.lifetimeSeconds,
      STS_BUFFER_SECONDS,
    );
    return {
      header: `Bearer ${issued.token}`,
      obtainedAt: at,
      renewAt: at + renewAfter * 1000,
      expiresAt: at + issued.lifetimeSeconds * 1000,
      lifetimeSeconds: issued.lifetimeSeconds,
      ...(attempt.version !== undefined ? { version: attempt.version } : {}),
    };
  }

  function succeeded(held: Held): Held {
    if (failure) {
      log.info(
        `Renewed Lifeguard's Confluent STS token for identity pool ${pool} after ${failure.count} failed attempt(s).`,
      );
    }
    sts = held;
    failure = undefined;
    rejectedHeader = undefined;
    schedule(held.renewAt);
    return held;
  }

  function failed(error: unknown, attempt: Attempt): never {
    const cause =
      error instanceof CredentialError
        ? error
        : new CredentialError(
            `Lifeguard's keyless sign-in failed unexpectedly (${error instanceof Error ? error.name : 'error'}).`,
          );
    const count = (failure?.count ?? 0) + 1;
    const retryAt = now() + retryDelayMs(count);
    failure = {
      error: cause,
      count,
      retryAt,
      ...(attempt.version !== undefined ? { version: attempt.version } : {}),
    };
    const next = `next attempt in ${Math.round(retryDelayMs(count) / 1000)} s`;
    const current = sts;
    if (!attempt.quiet) {
      log.warn(
        usable(current, now())
          ? `Could not renew Lifeguard's Confluent STS token for identity pool ${pool}; the current one stays in use until ${iso(current.expiresAt)} (${next}). ${cause.message}`
          : `Lifeguard has no valid Confluent STS token for identity pool ${pool} (${next}). ${cause.message}`,
      );
    }
    schedule(retryAt);
    throw cause;
  }

  function refresh(quiet = false): Promise<Held> {
    if (!inFlight) {
      const attempt: Attempt = { quiet };
      inFlight = renew(attempt)
        .then(succeeded, (error: unknown) => failed(error, attempt))
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight;
  }

  async function currentVersion(): Promise<string | undefined> {
    if (source.kind !== 'file') return undefined;
    return fileSignature(source.file).catch(() => UNREADABLE);
  }

  return {
    async authorization() {
      const version = await currentVersion();
      const at = now();
      const held = sts;
      const valid = usable(held, at);
      const changed = version !== undefined && version !== held?.version;
      if (valid && at < held.renewAt && !changed) return held.header;
      if (inFlight) return valid ? held.header : (await inFlight).header;
      // A new token file is tried at once, backoff or not: it is what an
      // operator or the kubelet does to fix things.
      const newFile = changed && version !== failure?.version;
      if (failure && at < failure.retryAt && !newFile) {
        if (valid) return held.header;
        throw failure.error;
      }
      // A due renewal while the token is valid runs in the background; a
      // rotated file is waited for, so the next call uses the new identity.
      if (valid && !changed) {
        refresh().catch(() => {});
        return held.header;
      }
      try {
        return (await refresh()).header;
      } catch (error) {
        if (usable(sts, now())) return sts.header;
        throw error;
      }
    },

    async start() {
      const held = await refresh(true);
      return {
        lifetimeSeconds: held.lifetimeSeconds,
        renewAfterSeconds: (held.renewAt - held.obtainedAt) / 1000,
      };
    },

    rejected(authorization) {
      if (sts?.header === authorization) rejectedHeader = authorization;
    },

    state() {
      return {
        kind: 'keyless',
        identityPool: pool,
        externalToken: source.kind,
        stsTokenExpiresAt: sts ? iso(sts.expiresAt) : null,
        lastRenewedAt: sts ? iso(sts.obtainedAt) : null,
        ...(failure ? { lastError: failure.error.message } : {}),
      };
    },

    close() {
      closed = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
