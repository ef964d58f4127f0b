import Fastify from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import {
  Events,
  OAuth2Server,
  type MutableResponse,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server';
import { onTestFinished } from 'vitest';
import {
  keylessCredentials,
  type KeylessLog,
  type KeylessOptions,
} from './keyless-credentials.ts';

// Loopback stand-ins for both sides of keyless sign-in: a real OAuth 2
// server (oauth2-mock-server) as the identity provider, and a small
// recording STS that answers as sts/v1 declares.

export const CLIENT_ID = 'lifeguard-keyless';
export const CLIENT_SECRET = 'idp-client-secret-Qm4xT9vL';
export const POOL_ID = 'pool-Kl3ss';

export type Recorded = {
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
};

type IdpAnswer = (response: MutableResponse, index: number) => void;

/**
 * The identity provider on 127.0.0.1: every client-credentials request and
 * every token it issued are kept; `answer` may change a reply (drop
 * expires_in, answer 401) before it leaves.
 */
export async function startIdentityProvider(answer: IdpAnswer = () => {}) {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  onTestFinished(() => idp.stop());
  const url = `http://127.0.0.1:${idp.address().port}`;
  idp.issuer.url = url;
  const requests: Recorded[] = [];
  const tokens: string[] = [];
  idp.service.on(
    Events.BeforeResponse,
    (response: MutableResponse, request: TokenRequestIncomingMessage) => {
      requests.push({
        headers: request.headers,
        form: Object.fromEntries(
          Object.entries(request.body).map(([name, value]) => [
            name,
            String(value),
          ]),
        ),
      });
      answer(response, requests.length - 1);
      if (
        typeof response.body === 'object' &&
        typeof response.body.access_token === 'string'
      ) {
        tokens.push(response.body.access_token);
      }
    },
  );
  return { tokenUrl: `${url}/token`, requests, tokens };
}

type StsAnswer = (
  form: Record<string, string>,
  index: number,
) => { status: number; body: unknown } | undefined;

/**
 * Confluent's STS as sts/v1 describes it, on 127.0.0.1: form bodies in,
 * the four reply fields out (token `sts-token-<n>`, `expires_in` as asked
 * or 900). `answer` may give another reply. Any other request, as to the
 * rest of Confluent's API, is recorded in `calls` and answered with an
 * empty list.
 */
export async function startFakeSts(answer: StsAnswer = () => undefined) {
  const app = Fastify();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const requests: Recorded[] = [];
  const tokens: string[] = [];
  app.post('/sts/v1/oauth2/token', async (request, reply) => {
    const form = request.body as Record<string, string>;
    requests.push({ headers: request.headers, form });
    const given = answer(form, requests.length - 1);
    if (given) return reply.code(given.status).send(given.body);
    const token = `sts-token-${requests.length}`;
    tokens.push(token);
    return {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: Number(form.expires_in ?? 900),
    };
  });
  const calls: { url: string; authorization?: string }[] = [];
  app.setNotFoundHandler(async (request) => {
    calls.push({
      url: request.url,
      ...(request.headers.authorization
        ? { authorization: request.headers.authorization }
        : {}),
    });
    return { data: [] };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(() => app.close());
  return { url, requests, tokens, calls };
}

/** A clock the test moves by hand. */
export function testClock(start = Date.UTC(2026, 0, 1)) {
  let at = start;
  return {
    now: () => at,
    advance: (seconds: number) => {
      at += seconds * 1000;
    },
  };
}

/** Timers that never fire by themselves: the test sees their delays and runs them. */
export function manualTimers() {
  const pending: { run: () => void; delayMs: number; cancelled: boolean }[] =
    [];
  return {
    timer: (run: () => void, delayMs: number) => {
      const entry = { run, delayMs, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    /** Delays of the timers still armed. */
    armed: () =>
      pending.filter((entry) => !entry.cancelled).map((entry) => entry.delayMs),
    /** Runs the armed timers once. */
    fire: () => {
      for (const entry of pending.splice(0)) {
        if (!entry.cancelled) entry.run();
      }
    },
  };
}

/** A KeylessLog that keeps its lines. */
export function logLines() {
  const lines: string[] = [];
  const log: KeylessLog = {
    info: (message) => void lines.push(`info ${message}`),
    warn: (message) => void lines.push(`warn ${message}`),
  };
  return { lines, log };
}

/**
 * Keyless sign-in as CLIENT_ID into POOL_ID, through the identity provider
 * at `tokenUrl` and the STS under `endpoint`; closed after the test.
 */
export function clientCredentialsSignIn(
  tokenUrl: string,
  endpoint: string,
  options: KeylessOptions & { stsExpiresInSeconds?: number } = {},
) {
  const { stsExpiresInSeconds, ...rest } = options;
  const credentials = keylessCredentials(
    {
      endpoint,
      identityPoolId: POOL_ID,
      externalToken: {
        kind: 'client-credentials',
        tokenUrl,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      ...(stsExpiresInSeconds ? { stsExpiresInSeconds } : {}),
    },
    { timeoutMs: 5_000, ...rest },
  );
  onTestFinished(() => credentials.close());
  return credentials;
}
