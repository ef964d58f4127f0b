import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type OAuth2Server } from 'oauth2-mock-server';
import { expect, onTestFinished, test, vi } from 'vitest';
import { buildCrn } from '#contract/crn.ts';
import {
  registerIdp,
  startMockIdp,
  stsEmulatorForTest,
  type StsEmulator,
} from '../emulator/sts/sts-fixture.ts';
import { grant } from '../emulator/testing/pool-tokens.ts';
import { CredentialError } from './credentials.ts';
import {
  keylessCredentials,
  type ExternalTokenSettings,
} from './keyless/keyless-credentials.ts';
import { startTestServer } from './test-helpers.ts';

// Lifeguard keyless from end to end: a real OAuth server (oauth2-mock-server)
// issues client-credentials tokens, the emulator's STS exchanges them by its
// pools' real filters and signatures, and the pool's role bindings decide
// what Lifeguard may then do.

const CLIENT_SECRET = 'keyless-e2e-client-secret-7Hq2';
const SCOPE = 'lifeguard-admin';
const FILTER = `claims.sub == "lifeguard" && claims.scope == "${SCOPE}"`;
// Any JWT: its header starts with base64url of `{"`.
const JWT = /eyJ[A-Za-z0-9_-]{8,}/;

type Keyless = {
  emulator: StsEmulator;
  idp: OAuth2Server;
  poolId: string;
  providerId: string;
  /** Every token the identity provider issued. */
  idpTokens: string[];
};

/**
 * An emulator with a provider for a loopback identity provider whose
 * client-credentials tokens name the client as `sub` (as Okta and Entra
 * ID do), and one pool of it with `role` on the organization.
 */
async function keylessWorld(role?: string): Promise<Keyless> {
  const emulator = await stsEmulatorForTest();
  const idp = await startMockIdp();
  idp.service.on(
    Events.BeforeTokenSigning,
    (
      token: { payload: Record<string, unknown> },
      request: { body: unknown },
    ) => {
      const body = request.body as Record<string, string>;
      token.payload.sub = body.client_id;
      token.payload.aud = 'confluent';
    },
  );
  const idpTokens: string[] = [];
  idp.service.on(Events.BeforeResponse, (response: { body: unknown }) => {
    const body = response.body as { access_token?: unknown };
    if (typeof body?.access_token === 'string') {
      idpTokens.push(body.access_token);
    }
  });
  const { providerId, poolId } = await registerIdp(emulator, idp, {
    filter: FILTER,
  });
  if (role) {
    await grant(
      emulator,
      `User:${poolId}`,
      role,
      buildCrn({ organization: emulator.config.orgId }),
    );
  }
  return { emulator, idp, poolId, providerId, idpTokens };
}

function clientCredentials(
  world: Keyless,
  clientId = 'lifeguard',
): ExternalTokenSettings {
  return {
    kind: 'client-credentials',
    tokenUrl: `${world.idp.issuer.url!}/token`,
    clientId,
    clientSecret: CLIENT_SECRET,
    scope: SCOPE,
  };
}

function signIn(
  world: Keyless,
  externalToken: ExternalTokenSettings,
  stsExpiresInSeconds?: number,
) {
  const credentials = keylessCredentials(
    {
      endpoint: world.emulator.url,
      identityPoolId: world.poolId,
      externalToken,
      ...(stsExpiresInSeconds ? { stsExpiresInSeconds } : {}),
    },
    { timeoutMs: 5_000 },
  );
  onTestFinished(() => credentials.close());
  return credentials;
}

async function lifeguardOn(
  world: Keyless,
  credentials: ReturnType<typeof signIn>,
) {
  const server = await startTestServer(world.emulator.url, {
    credentials,
    logLevel: 'trace',
  });
  onTestFinished(() => server.close());
  return server;
}

const WRITE = { 'content-type': 'application/json', 'x-lifeguard-csrf': '1' };

/** How many exchanges the emulator's STS has answered so far. */
function exchanges(emulator: StsEmulator): number {
  return emulator.logs.filter(
    (line) =>
      line.includes('"incoming request"') &&
      line.includes('/sts/v1/oauth2/token'),
  ).length;
}

test('with no long-lived secret, Lifeguard lists and creates pools as the identity pool, and no token reaches a log or an answer', async () => {
  const world = await keylessWorld('AccountAdmin');
  const credentials = signIn(world, clientCredentials(world));
  await credentials.start();
  const server = await lifeguardOn(world, credentials);

  const pools = `/api/iam/v2/identity-providers/${world.providerId}/identity-pools`;
  const list = await fetch(`${server.url}${pools}`);
  expect(list.status).toBe(200);
  const created = await fetch(`${server.url}${pools}`, {
    method: 'POST',
    headers: WRITE,
    body: JSON.stringify({
      display_name: 'made keyless',
      description: 'by a Lifeguard without an API key',
      identity_claim: 'claims.sub',
      filter: 'claims.sub == "svc-made-keyless"',
    }),
  });
  const body = await created.text();
  expect(created.status, body).toBe(201);
  expect(JSON.parse(body)).toMatchObject({ display_name: 'made keyless' });

  const ready = await fetch(`${server.url}/readyz`);
  const readiness = await ready.text();
  expect(ready.status).toBe(200);
  expect(JSON.parse(readiness)).toMatchObject({
    status: 'ready',
    credential: {
      kind: 'keyless',
      identityPool: world.poolId,
      externalToken: 'client-credentials',
    },
  });

  expect(world.idpTokens.length).toBeGreaterThan(0);
  for (const text of [
    ...server.logs,
    ...world.emulator.logs,
    body,
    readiness,
    await list.text(),
  ]) {
    expect(text).not.toMatch(JWT);
    expect(text).not.toContain(CLIENT_SECRET);
  }
});

test('a pool without a role to manage pools: Confluent’s 403 reaches the console naming the pool and the roles it needs', async () => {
  const world = await keylessWorld();
  const credentials = signIn(world, clientCredentials(world));
  await credentials.start();
  const server = await lifeguardOn(world, credentials);

  const response = await fetch(
    `${server.url}/api/iam/v2/identity-providers/${world.providerId}/identity-pools`,
    {
      method: 'POST',
      headers: WRITE,
      body: JSON.stringify({
        display_name: 'not allowed',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      }),
    },
  );
  expect(response.status).toBe(403);
  const { errors } = (await response.json()) as {
    errors: { detail: string }[];
  };
  expect(errors[0]!.detail).toContain(`User:${world.poolId}`);
  expect(errors[0]!.detail).toMatch(/OrganizationAdmin or AccountAdmin/);
});

test('a token the pool’s filter refuses: signing in fails naming the pool and its filter, never the token', async () => {
  const world = await keylessWorld('AccountAdmin');
  const credentials = signIn(world, clientCredentials(world, 'stranger'));
  const failure = await credentials.start().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(CredentialError);
  const message = (failure as Error).message;
  expect(message).toContain(world.poolId);
  expect(message).toMatch(/filter/);
  expect(message).not.toMatch(JWT);
});

test('the STS token is renewed before it runs out, and Lifeguard keeps working past its first token’s expiry', async () => {
  const world = await keylessWorld('AccountAdmin');
  // 4 s: renewed at half its lifetime, as Terraform does below its buffer.
  const credentials = signIn(world, clientCredentials(world), 4);
  const first = await credentials.start();
  expect(first).toEqual({ lifetimeSeconds: 4, renewAfterSeconds: 2 });
  const firstExpiry = Date.parse(credentials.state().stsTokenExpiresAt!);
  const server = await lifeguardOn(world, credentials);

  await vi.waitFor(() => expect(exchanges(world.emulator)).toBeGreaterThan(1), {
    timeout: 15_000,
    interval: 100,
  });
  await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(firstExpiry), {
    timeout: 15_000,
    interval: 100,
  });
  const list = await fetch(
    `${server.url}/api/iam/v2/identity-providers/${world.providerId}/identity-pools`,
  );
  expect(list.status).toBe(200);
  // The identity provider's hour-long token was exchanged again, not renewed.
  expect(world.idpTokens).toHaveLength(1);
});

async function idpToken(world: Keyless, clientId: string): Promise<string> {
  const response = await fetch(`${world.idp.issuer.url!}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: CLIENT_SECRET,
      scope: SCOPE,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-keyless-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Replaces `file` at once, as a kubelet or a CI runner does (rename). */
async function rotate(file: string, token: string) {
  const next = `${file}.${randomUUID()}`;
  await writeFile(next, token);
  await rename(next, file);
}

test('a subject-token file: a rotated token is exchanged on the next call; one the filter refuses is reported by /readyz, never used', async () => {
  const world = await keylessWorld('AccountAdmin');
  const file = join(tempDir(), 'token');
  await rotate(file, await idpToken(world, 'lifeguard'));
  const credentials = signIn(world, { kind: 'file', file });
  await credentials.start();
  const server = await lifeguardOn(world, credentials);
  const pools = `${server.url}/api/iam/v2/identity-providers/${world.providerId}/identity-pools`;
  expect((await fetch(pools)).status).toBe(200);
  const before = exchanges(world.emulator);

  await rotate(file, await idpToken(world, 'lifeguard'));
  expect((await fetch(pools)).status).toBe(200);
  expect(exchanges(world.emulator)).toBe(before + 1);

  // A token the filter refuses: the STS token in hand stays in use while it
  // lasts (as Terraform keeps its own), and /readyz says what went wrong.
  await rotate(file, await idpToken(world, 'stranger'));
  expect((await fetch(pools)).status).toBe(200);
  const ready = await fetch(`${server.url}/readyz`);
  const readiness = (await ready.json()) as {
    credential: { lastError?: string };
  };
  expect(readiness.credential.lastError).toMatch(/filter/);
  expect(readiness.credential.lastError).toContain(world.poolId);
  expect(JSON.stringify(readiness)).not.toMatch(JWT);
});

test('a token Confluent answers 401 to is exchanged again before the next call', async () => {
  const world = await keylessWorld('AccountAdmin');
  const credentials = signIn(world, clientCredentials(world));
  await credentials.start();
  const server = await lifeguardOn(world, credentials);
  const pools = `${server.url}/api/iam/v2/identity-providers/${world.providerId}/identity-pools`;
  const before = exchanges(world.emulator);

  // As if the token had been revoked: the emulator answers one call 401.
  const armed = await world.emulator.call('POST', '/_emulator/faults', {
    body: {
      match: { method: 'GET', path: 'identity-pools$' },
      respond: { status: 401 },
      times: 1,
    },
  });
  expect(armed.status).toBe(201);
  expect((await fetch(pools)).status).toBe(401);
  expect(exchanges(world.emulator)).toBe(before);

  expect((await fetch(pools)).status).toBe(200);
  expect(exchanges(world.emulator)).toBe(before + 1);
});
