import { expect, test } from 'vitest';
import {
  detailsByPointer,
  emulatorForTest,
  json,
  providerIdByIssuer,
  updatedAt,
} from './test-fixture.ts';

const PROVIDERS = '/iam/v2/identity-providers';
const NEW_PROVIDER = {
  display_name: 'Auth0 tenant',
  description: 'Customer-facing workloads',
  issuer: 'https://acme.eu.auth0.com/',
  jwks_uri: 'https://acme.eu.auth0.com/.well-known/jwks.json',
};

test('creating a provider answers 201 with Location, keys and identity_claim defaulting to claims.sub', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', PROVIDERS, {
    body: NEW_PROVIDER,
  });
  expect(response.status).toBe(201);
  const provider = await json(response);
  expect(provider).toMatchObject({
    api_version: 'iam/v2',
    kind: 'IdentityProvider',
    ...NEW_PROVIDER,
    identity_claim: 'claims.sub',
    state: 'ENABLED',
  });
  const id = provider.id as string;
  expect(id).toMatch(/^op-[0-9A-Za-z]{4,6}$/);
  expect(response.headers.get('location')).toBe(
    `${emulator.url}${PROVIDERS}/${id}`,
  );
  expect((provider.metadata as Record<string, string>).resource_name).toBe(
    `crn://confluent.cloud/organization=${emulator.config.orgId}/identity-provider=${id}`,
  );
  const keys = provider.keys as Record<string, string>[];
  expect(keys.length).toBeGreaterThan(0);
  expect(keys[0]).toMatchObject({
    kty: 'RSA',
    alg: 'RS256',
    use: 'sig',
    e: 'AQAB',
  });
  expect(Buffer.from(keys[0]!.n!, 'base64url')).toHaveLength(256);
});

test('provider validation names each bad field', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', PROVIDERS, {
    body: {
      display_name: 'x',
      issuer: 'not a url',
      jwks_uri: 'http://plain.example/keys',
    },
  });
  expect(response.status).toBe(422);
  const details = await detailsByPointer(response);
  expect(details).toEqual({
    '/description': 'description is required',
    '/issuer': 'issuer must be an absolute https:// URL',
    '/jwks_uri': 'jwks_uri must be an absolute https:// URL',
  });
});

test('an unreachable JWKS URI fails like the upstream’s verification', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', PROVIDERS, {
    body: {
      ...NEW_PROVIDER,
      jwks_uri: 'https://keys.unreachable.invalid/jwks',
    },
  });
  expect(response.status).toBe(422);
  expect((await json(response)).errors?.[0]?.detail).toMatch(
    /^Unable to verify Jwks URI/,
  );
});

test('a second provider with an existing issuer is a 409 pointing at the existing one', async () => {
  const emulator = await emulatorForTest();
  const google = await providerIdByIssuer(emulator, 'accounts.google.com');
  const response = await emulator.call('POST', PROVIDERS, {
    body: { ...NEW_PROVIDER, issuer: 'https://accounts.google.com/' },
  });
  expect(response.status).toBe(409);
  expect(response.headers.get('location')).toBe(
    `${emulator.url}${PROVIDERS}/${google}`,
  );
  expect((await json(response)).errors?.[0]?.code).toBe(
    'resource_already_exists',
  );
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const patch = await emulator.call('PATCH', `${PROVIDERS}/${okta}`, {
    body: { issuer: 'https://accounts.google.com' },
  });
  expect(patch.status).toBe(409);
});

test('the providers-per-organisation quota answers 402', async () => {
  const emulator = await emulatorForTest({
    quotas: { poolsPerProvider: 10, providersPerOrg: 5 },
  });
  const response = await emulator.call('POST', PROVIDERS, {
    body: NEW_PROVIDER,
  });
  expect(response.status).toBe(402);
  expect((await json(response)).errors?.[0]?.detail).toContain(
    'identity_providers_per_org is currently limited to 5',
  );
});

test('PATCH on a provider changes the five writable fields it is sent', async () => {
  const emulator = await emulatorForTest();
  const created = await json(
    await emulator.call('POST', PROVIDERS, { body: NEW_PROVIDER }),
  );
  const url = `${PROVIDERS}/${created.id as string}`;
  const patched = await json(
    await emulator.call('PATCH', url, {
      body: {
        identity_claim: 'claims.email',
        jwks_uri: 'https://acme.eu.auth0.com/keys',
        keys: [],
      },
    }),
  );
  expect(patched).toMatchObject({
    display_name: NEW_PROVIDER.display_name,
    issuer: NEW_PROVIDER.issuer,
    identity_claim: 'claims.email',
    jwks_uri: 'https://acme.eu.auth0.com/keys',
    keys: created.keys,
  });
  expect(updatedAt(patched) > updatedAt(created)).toBe(true);
});

test('deleting a provider deletes its pools with it', async () => {
  const emulator = await emulatorForTest();
  const azure = await providerIdByIssuer(emulator, 'microsoftonline');
  const pools = await json(
    await emulator.call('GET', `${PROVIDERS}/${azure}/identity-pools`),
  );
  const poolId = (pools.data as { id: string }[])[0]!.id;
  expect((await emulator.call('DELETE', `${PROVIDERS}/${azure}`)).status).toBe(
    204,
  );
  const gone = await emulator.call('GET', `${PROVIDERS}/${azure}`);
  expect(gone.status).toBe(404);
  expect(await json(gone)).toEqual({
    error_code: 404,
    message: `Identity Provider ${azure} not found or disabled for Organization ${emulator.config.orgId}`,
  });
  expect(
    (
      await emulator.call(
        'GET',
        `${PROVIDERS}/${azure}/identity-pools/${poolId}`,
      )
    ).status,
  ).toBe(404);
  expect(emulator.store.countPools(azure)).toBe(0);
});

test("deleting a provider removes its pools' role bindings and those on it, and no other", async () => {
  const emulator = await emulatorForTest();
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const everything = `/iam/v2/role-bindings?page_size=1000&crn_pattern=${encodeURIComponent(`${org}/*`)}`;
  const all = async () =>
    (await json(await emulator.call('GET', everything))).data as {
      principal: string;
      crn_pattern: string;
    }[];
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const okPools = new Set(
    emulator.store
      .listPools(okta, { after: 0 }, 1000)
      .rows.map((pool) => `User:${pool.id}`),
  );
  const before = await all();
  const ofOkta = before.filter(
    (b) =>
      okPools.has(b.principal) ||
      b.crn_pattern.includes(`/identity-provider=${okta}/`),
  );
  expect(ofOkta.length).toBeGreaterThan(50);
  expect((await emulator.call('DELETE', `${PROVIDERS}/${okta}`)).status).toBe(
    204,
  );
  const after = await all();
  expect(after).toHaveLength(before.length - ofOkta.length);
  expect(after.some((b) => okPools.has(b.principal))).toBe(false);
  expect(
    after.some((b) => b.crn_pattern.includes(`/identity-provider=${okta}/`)),
  ).toBe(false);
});

test('refreshing the JWKS rotates in a key and reports the status', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const before = await json(await emulator.call('GET', `${PROVIDERS}/${okta}`));
  const response = await emulator.call('PATCH', `${PROVIDERS}/${okta}/jwks`, {
    body: { spec: { jwks_status: 'REFRESHED' } },
  });
  expect(response.status).toBe(200);
  const jwks = await json(response);
  expect(jwks).toMatchObject({
    api_version: 'iam/v2',
    kind: 'Jwks',
    spec: { jwks_status: 'REFRESHED' },
    status: { jwks_status: 'REFRESHED' },
  });
  expect((jwks.status as Record<string, string>).jwks_last_refresh_at).toMatch(
    /Z$/,
  );
  const after = await json(await emulator.call('GET', `${PROVIDERS}/${okta}`));
  const kids = (provider: typeof after) =>
    (provider.keys as { kid: string }[]).map((k) => k.kid);
  expect(kids(after)[0]).not.toBe(kids(before)[0]);
  expect(kids(after)).toContain(kids(before)[0]);

  const bad = await emulator.call('PATCH', `${PROVIDERS}/${okta}/jwks`, {
    body: { spec: {} },
  });
  expect(bad.status).toBe(422);
  expect(
    (
      await emulator.call('PATCH', `${PROVIDERS}/op-none/jwks`, {
        body: { spec: { jwks_status: 'REFRESHED' } },
      })
    ).status,
  ).toBe(404);
});

test('plain http issuer and jwks_uri on loopback are taken only with the control API on (tests run their own identity provider)', async () => {
  const loopback = {
    ...NEW_PROVIDER,
    issuer: 'http://127.0.0.1:9999',
    jwks_uri: 'http://localhost:9999/jwks',
  };
  const underControl = await emulatorForTest({ control: true });
  const created = await underControl.call('POST', PROVIDERS, {
    body: loopback,
  });
  expect(created.status).toBe(201);
  const elsewhere = await underControl.call('POST', PROVIDERS, {
    body: { ...loopback, issuer: 'http://idp.example.com' },
  });
  expect(await detailsByPointer(elsewhere)).toEqual({
    '/issuer': 'issuer must be an absolute https:// URL',
  });

  const live = await emulatorForTest({ control: false });
  const refused = await live.call('POST', PROVIDERS, { body: loopback });
  expect(refused.status).toBe(422);
  expect(await detailsByPointer(refused)).toEqual({
    '/issuer': 'issuer must be an absolute https:// URL',
    '/jwks_uri': 'jwks_uri must be an absolute https:// URL',
  });
  const okta = await providerIdByIssuer(live, 'okta.com');
  const patched = await live.call('PATCH', `${PROVIDERS}/${okta}`, {
    body: { jwks_uri: 'http://[::1]:9999/jwks' },
  });
  expect(patched.status).toBe(422);
});
