import { OAuth2Server } from 'oauth2-mock-server';
import { expect, onTestFinished } from 'vitest';
import { createEmulator } from '../app.ts';
import type { Clock } from '../clock.ts';
import {
  defaultEmulatorConfig,
  type EmulatorConfigOverrides,
} from '../config.ts';
import { seededRandom } from '../ids.ts';
import { basicAuth, type TestEmulator } from '../test-server.ts';
import {
  ACCESS_TOKEN_TYPE,
  JWT_TOKEN_TYPE,
  TOKEN_EXCHANGE_GRANT,
} from './exchange-request.ts';
import { STS_TOKEN_PATH } from './routes.ts';

/** An emulator for STS tests, with every log line it wrote (pino, level trace). */
export type StsEmulator = TestEmulator & {
  logs: string[];
  /** POSTs `fields` as a form to `path` (the STS unless given). */
  postForm: (
    fields: Record<string, string> | URLSearchParams,
    options?: { path?: string; headers?: Record<string, string> },
  ) => Promise<Response>;
};

/**
 * A real emulator on 127.0.0.1, in memory, with the control API on (so
 * loopback http providers are accepted) unless overridden, living as long
 * as the current test.
 */
export async function stsEmulatorForTest(
  overrides: EmulatorConfigOverrides = {},
  options: { clock?: Clock } = {},
): Promise<StsEmulator> {
  const config = defaultEmulatorConfig({
    port: 0,
    dataDir: '/nonexistent',
    control: true,
    seed: 'empty',
    ...overrides,
  });
  const logs: string[] = [];
  const logger = {
    level: 'trace',
    stream: { write: (line: string) => void logs.push(line) },
  };
  const { app, store } = createEmulator({
    config,
    databaseFile: ':memory:',
    random: seededRandom(7),
    clock: options.clock,
    logger,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(() => app.close());
  const auth = basicAuth(config.apiKey, config.apiSecret);
  return {
    url,
    config,
    store,
    dataDir: config.dataDir,
    logs,
    call: (method, path, { body, auth: given, headers } = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          ...(given === null ? {} : { authorization: given ?? auth }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    postForm: (fields, { path = STS_TOKEN_PATH, headers } = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(fields),
      }),
    close: () => app.close(),
  };
}

/** The five fields of an exchange for `subjectToken` into `poolId`. */
export function exchangeForm(
  subjectToken: string,
  poolId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: subjectToken,
    identity_pool_id: poolId,
    subject_token_type: JWT_TOKEN_TYPE,
    requested_token_type: ACCESS_TOKEN_TYPE,
    ...extra,
  };
}

/** A real OpenID provider on 127.0.0.1 with one RS256 key, stopped after the test. */
export async function startMockIdp(): Promise<OAuth2Server> {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  onTestFinished(async () => {
    if (idp.listening) await idp.stop();
  });
  // The mock would name itself localhost; the emulator reaches it by address.
  idp.issuer.url = `http://127.0.0.1:${idp.address().port}`;
  return idp;
}

/** A token of `idp` carrying `claims` (over its defaults: iss, iat, exp, nbf). */
export function idpToken(
  idp: OAuth2Server,
  claims: Record<string, unknown> = {},
  options: { kid?: string; expiresIn?: number } = {},
): Promise<string> {
  return idp.issuer.buildToken({
    ...options,
    scopesOrTransform: (_header, payload) => {
      Object.assign(payload, { sub: 'svc-orders', aud: 'confluent' }, claims);
    },
  });
}

/**
 * Registers `idp` with the emulator as a provider (its keys at `jwksPath`)
 * with one pool; the ids of both.
 */
export async function registerIdp(
  emulator: TestEmulator,
  idp: OAuth2Server,
  pool: { identity_claim?: string; filter?: string } = {},
  jwksPath = '/jwks',
): Promise<{ providerId: string; poolId: string }> {
  const issuer = idp.issuer.url!;
  const provider = await emulator.call('POST', '/iam/v2/identity-providers', {
    body: {
      display_name: 'Mock IdP',
      description: 'oauth2-mock-server on loopback',
      issuer,
      jwks_uri: `${issuer}${jwksPath}`,
    },
  });
  expect(provider.status, await provider.clone().text()).toBe(201);
  const providerId = ((await provider.json()) as { id: string }).id;
  const created = await emulator.call(
    'POST',
    `/iam/v2/identity-providers/${providerId}/identity-pools`,
    {
      body: {
        display_name: 'orders service',
        description: '',
        identity_claim: pool.identity_claim ?? 'claims.sub',
        filter:
          pool.filter ??
          'claims.aud == "confluent" && claims.sub.startsWith("svc-")',
      },
    },
  );
  expect(created.status, await created.clone().text()).toBe(201);
  return { providerId, poolId: ((await created.json()) as { id: string }).id };
}

export type FailureJson = {
  errors: {
    status: string;
    code?: string;
    title: string;
    detail: string;
    source?: { parameter?: string; pointer?: string };
  }[];
};

/** A 400 refusal's one error, checked to carry no part of `token`. */
export async function refusalOf(
  response: Response,
  token?: string,
): Promise<FailureJson['errors'][number]> {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  if (token) expectNoPartOf(text, token);
  const body = JSON.parse(text) as FailureJson;
  expect(body.errors).toHaveLength(1);
  return body.errors[0]!;
}

/** `text` holds neither `token` nor any of its three parts. */
export function expectNoPartOf(text: string, token: string): void {
  expect(text).not.toContain(token);
  for (const part of token.split('.')) {
    if (part.length >= 8) expect(text).not.toContain(part);
  }
}
