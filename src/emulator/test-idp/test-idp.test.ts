import { decodeJwt, decodeProtectedHeader } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { exchangeForm, stsEmulatorForTest } from '../sts/sts-fixture.ts';
import { basicAuth, startTestEmulator } from '../test-server.ts';

// The emulator's own identity provider, end to end: client credentials as
// Terraform sends them, then the exchange into the demo seed's pools.

const TOKEN = '/test-idp/oauth2/token';

type Emulator = Awaited<ReturnType<typeof stsEmulatorForTest>>;

async function clientToken(
  emulator: Pick<Emulator, 'url'>,
  clientId: string,
  secret: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(`${emulator.url}${TOKEN}`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      ...extra,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function demoPoolId(emulator: Emulator, name: string): Promise<string> {
  const pool = emulator.store
    .listProviders({ after: 0 }, 100)
    .rows.flatMap(
      (provider) =>
        emulator.store.listPools(provider.id, { after: 0 }, 10).rows,
    )
    .find((each) => each.displayName === name);
  if (!pool) throw new Error(`no demo pool ${name}`);
  return pool.id;
}

test('discovery names the reserved issuer and where the token endpoint and keys are', async () => {
  const emulator = await stsEmulatorForTest();
  const response = await fetch(
    `${emulator.url}/test-idp/.well-known/openid-configuration`,
  );
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    issuer: 'https://idp.lifeguard.test',
    token_endpoint: `${emulator.url}/test-idp/oauth2/token`,
    jwks_uri: `${emulator.url}/test-idp/jwks`,
    grant_types_supported: ['client_credentials'],
  });
  const jwks = (await (
    await fetch(`${emulator.url}/test-idp/jwks`)
  ).json()) as { keys: Record<string, unknown>[] };
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({
    kty: 'RSA',
    alg: 'RS256',
    use: 'sig',
    kid: expect.any(String),
  });
  for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
    expect(jwks.keys[0]).not.toHaveProperty(secret);
  }
});

test('client credentials in the form or as HTTP Basic get an RS256 token for the client', async () => {
  const emulator = await stsEmulatorForTest();
  const posted = await fetch(`${emulator.url}${TOKEN}`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'ci-deployer',
      client_secret: 'ci-deployer-demo-secret',
      scope: 'deploy read',
    }),
  });
  expect(posted.status).toBe(200);
  expect(posted.headers.get('cache-control')).toBe('no-store');
  const body = (await posted.json()) as Record<string, unknown>;
  expect(body).toEqual({
    access_token: expect.any(String),
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'deploy read',
  });
  const token = body.access_token as string;
  const claims = decodeJwt(token);
  expect(claims).toMatchObject({
    iss: 'https://idp.lifeguard.test',
    sub: 'ci-deployer',
    aud: 'confluent',
    client_id: 'ci-deployer',
    scope: 'deploy read',
    jti: expect.any(String),
  });
  expect(claims.exp! - claims.iat!).toBe(3600);
  const { keys } = (await (
    await fetch(`${emulator.url}/test-idp/jwks`)
  ).json()) as { keys: { kid: string }[] };
  expect(decodeProtectedHeader(token)).toEqual({
    alg: 'RS256',
    typ: 'JWT',
    kid: keys[0]!.kid,
  });

  const basic = await fetch(`${emulator.url}${TOKEN}`, {
    method: 'POST',
    headers: {
      authorization: basicAuth('stranger', 'stranger-demo-secret'),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  expect(basic.status).toBe(200);
  const basicBody = (await basic.json()) as Record<string, unknown>;
  expect(basicBody).not.toHaveProperty('scope');
  expect(decodeJwt(basicBody.access_token as string).sub).toBe('stranger');
});

test('a wrong client is 401 invalid_client; other bad requests are 400 as RFC 6749 has them', async () => {
  const emulator = await stsEmulatorForTest();
  const post = (
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${emulator.url}${TOKEN}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(fields),
    });
  const cases: [Response, number, string][] = [
    [
      await post({
        grant_type: 'client_credentials',
        client_id: 'lifeguard-console',
        client_secret: 'wrong',
      }),
      401,
      'invalid_client',
    ],
    [
      await post({
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: 'x',
      }),
      401,
      'invalid_client',
    ],
    [await post({ grant_type: 'client_credentials' }), 401, 'invalid_client'],
    [
      await post(
        { grant_type: 'client_credentials', client_secret: 'x' },
        { authorization: basicAuth('stranger', 'stranger-demo-secret') },
      ),
      400,
      'invalid_request',
    ],
    [
      await post({
        grant_type: 'password',
        client_id: 'stranger',
        client_secret: 'stranger-demo-secret',
      }),
      400,
      'unsupported_grant_type',
    ],
    [await post({}), 400, 'invalid_request'],
  ];
  for (const [response, status, error] of cases) {
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error, error_description: expect.any(String) });
    if (status === 401) {
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
  }
  const json = await fetch(`${emulator.url}${TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials' }),
  });
  expect(json.status).toBe(400);
  expect(((await json.json()) as { error: string }).error).toBe(
    'invalid_request',
  );
});

test('keyless end to end: each demo client gets into its own pool and no other; stranger into none', async () => {
  const emulator = await stsEmulatorForTest({ seed: 'demo' });
  const consolePool = await demoPoolId(emulator, 'Lifeguard console (keyless)');
  const ciPool = await demoPoolId(emulator, 'CI deployer');
  const tokens = {
    console: await clientToken(
      emulator,
      'lifeguard-console',
      'lifeguard-console-demo-secret',
    ),
    ci: await clientToken(emulator, 'ci-deployer', 'ci-deployer-demo-secret'),
    stranger: await clientToken(emulator, 'stranger', 'stranger-demo-secret'),
  };
  const exchange = (token: string, poolId: string) =>
    emulator.postForm(exchangeForm(token, poolId));

  expect((await exchange(tokens.console, consolePool)).status).toBe(200);
  expect((await exchange(tokens.ci, ciPool)).status).toBe(200);
  for (const [token, poolId] of [
    [tokens.console, ciPool],
    [tokens.ci, consolePool],
    [tokens.stranger, consolePool],
    [tokens.stranger, ciPool],
  ] as const) {
    const refused = await exchange(token, poolId);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: { detail: string }[] };
    expect(body.errors[0]!.detail).toMatch(
      new RegExp(
        `^The token's claims do not match the filter of identity pool ${poolId}; not true: claims\\.sub == `,
      ),
    );
  }
});

test('the test IdP’s key outlives a restart, so its tokens still exchange', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeguard-test-idp-'));
  const first = await startTestEmulator({}, { dataDir, keepData: true });
  const token = await clientToken(
    first,
    'lifeguard-console',
    'lifeguard-console-demo-secret',
  );
  await first.close();
  const second = await startTestEmulator({}, { dataDir });
  onTestFinished(() => second.close());
  const pool = second.store
    .listProviders({ after: 0 }, 100)
    .rows.flatMap((p) => second.store.listPools(p.id, { after: 0 }, 10).rows)
    .find((each) => each.displayName === 'Lifeguard console (keyless)')!;
  const response = await fetch(`${second.url}/sts/v1/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams(exchangeForm(token, pool.id)),
  });
  expect(response.status, await response.clone().text()).toBe(200);
});
