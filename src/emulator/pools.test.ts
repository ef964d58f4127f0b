import { expect, test } from 'vitest';
import {
  demoDirectory,
  detailsByPointer,
  emulatorForTest,
  GOOGLE_ISSUER,
  groupMappingIdByName,
  json,
  providerIdByIssuer,
  ROLE_BINDINGS,
  updatedAt,
  type Json,
} from './test-fixture.ts';

const VALID_POOL = {
  display_name: 'orders-consumer',
  description: 'Reads the orders topic',
  identity_claim: 'claims.sub',
  filter: 'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
};

const RFC3339_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

async function oktaPools() {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  return {
    emulator,
    providerId,
    base: `/iam/v2/identity-providers/${providerId}/identity-pools`,
  };
}

test('creating a pool answers 201 with Location and the full resource', async () => {
  const { emulator, providerId, base } = await oktaPools();
  const response = await emulator.call('POST', base, { body: VALID_POOL });
  expect(response.status).toBe(201);
  const pool = await json(response);
  expect(pool).toMatchObject({
    api_version: 'iam/v2',
    kind: 'IdentityPool',
    ...VALID_POOL,
    state: 'ENABLED',
  });
  const id = pool.id as string;
  expect(id).toMatch(/^pool-[0-9A-Za-z]{4,6}$/);
  expect(pool.principal).toBe(id);
  expect(response.headers.get('location')).toBe(`${emulator.url}${base}/${id}`);
  const metadata = pool.metadata as Record<string, string>;
  expect(metadata.self).toBe(`${emulator.url}${base}/${id}`);
  expect(metadata.resource_name).toBe(
    `crn://confluent.cloud/organization=${emulator.config.orgId}/identity-provider=${providerId}/identity-pool=${id}`,
  );
  expect(metadata.created_at).toMatch(RFC3339_MICROS);
  expect(metadata.updated_at).toBe(metadata.created_at);
  const fetched = await json(await emulator.call('GET', `${base}/${id}`));
  expect(fetched).toEqual(pool);
});

test('each missing required field gets its own error with a JSON pointer', async () => {
  const { emulator, base } = await oktaPools();
  const response = await emulator.call('POST', base, { body: {} });
  expect(response.status).toBe(422);
  const body = await json(response);
  const pointers = body.errors?.map((e) => e.source?.pointer).sort();
  expect(pointers).toEqual([
    '/description',
    '/display_name',
    '/filter',
    '/identity_claim',
  ]);
  expect(body.errors?.[0]).toMatchObject({
    status: '422',
    code: 'invalid_configuration',
  });
  expect(
    body.errors?.find((e) => e.source?.pointer === '/filter')?.detail,
  ).toBe('filter is required');
});

test('wrong types and blank names are field errors, not crashes', async () => {
  const { emulator, base } = await oktaPools();
  const response = await emulator.call('POST', base, {
    body: { ...VALID_POOL, display_name: '   ', filter: 42 },
  });
  expect(response.status).toBe(422);
  const details = await detailsByPointer(response);
  expect(details).toEqual({
    '/display_name': 'display_name must not be empty',
    '/filter': 'filter must be a string',
  });
});

test('a body that is not a JSON object is a 400', async () => {
  const { emulator, base } = await oktaPools();
  for (const body of ['[1,2]', '"text"', '{not json']) {
    const response = await emulator.call('POST', base, { body });
    expect(response.status, body).toBe(400);
    expect((await json(response)).errors?.[0]?.detail).toMatch(/JSON/);
  }
  const huge = await emulator.call('POST', base, {
    body: { ...VALID_POOL, description: 'x'.repeat(70 * 1024) },
  });
  expect(huge.status).toBe(413);
});

test('the filter length limit is enforced and configurable', async () => {
  const emulator = await emulatorForTest({ filterMaxLength: 40 });
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const base = `/iam/v2/identity-providers/${providerId}/identity-pools`;
  const long = `claims.sub == "${'a'.repeat(40)}"`;
  const response = await emulator.call('POST', base, {
    body: { ...VALID_POOL, filter: long },
  });
  expect(response.status).toBe(422);
  expect((await json(response)).errors?.[0]?.detail).toBe(
    `filter is ${long.length} characters long; the limit is 40`,
  );
  const defaults = await emulatorForTest();
  const okta = await providerIdByIssuer(defaults, 'okta.com');
  const accepted = await defaults.call(
    'POST',
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      body: { ...VALID_POOL, filter: long },
    },
  );
  expect(accepted.status).toBe(201);
  const tooLong = `claims.sub == "${'a'.repeat(300)}"`;
  const refused = await defaults.call(
    'POST',
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      body: { ...VALID_POOL, filter: tooLong },
    },
  );
  expect(refused.status).toBe(422);
});

test('filters outside Confluent’s CEL subset are refused with the reason', async () => {
  const { emulator, base } = await oktaPools();
  const matches = await emulator.call('POST', base, {
    body: { ...VALID_POOL, filter: 'claims.sub.matches("^svc-")' },
  });
  expect(matches.status).toBe(422);
  const error = (await json(matches)).errors?.[0];
  expect(error?.source?.pointer).toBe('/filter');
  expect(error?.detail).toMatch(
    /^Invalid syntax in policy expression: .*matches\(\)/,
  );
  const syntax = await emulator.call('POST', base, {
    body: { ...VALID_POOL, filter: 'claims.aud == ' },
  });
  expect(syntax.status).toBe(422);
  expect((await json(syntax)).errors?.[0]?.detail).toMatch(
    /^Invalid syntax in policy expression: .+\(at character/,
  );
});

test('identity_claim must look like claims.<name> unless strict mode is off', async () => {
  const { emulator, base } = await oktaPools();
  const strict = await emulator.call('POST', base, {
    body: { ...VALID_POOL, identity_claim: 'sub' },
  });
  expect(strict.status).toBe(422);
  expect((await json(strict)).errors?.[0]?.source?.pointer).toBe(
    '/identity_claim',
  );
  const nested = await emulator.call('POST', base, {
    body: { ...VALID_POOL, identity_claim: 'claims.ext.uid' },
  });
  expect(nested.status).toBe(201);

  const lenient = await emulatorForTest({ strictIdentityClaim: false });
  const okta = await providerIdByIssuer(lenient, 'okta.com');
  const accepted = await lenient.call(
    'POST',
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      body: { ...VALID_POOL, identity_claim: 'sub' },
    },
  );
  expect(accepted.status).toBe(201);
});

test('read-only and unknown fields are ignored on create and update', async () => {
  const { emulator, base } = await oktaPools();
  const created = await json(
    await emulator.call('POST', base, {
      body: {
        ...VALID_POOL,
        id: 'pool-MINE',
        principal: 'pool-MINE',
        state: 'DISABLED',
        api_version: 'iam/v9',
        metadata: { created_at: '2000-01-01T00:00:00Z' },
        surprise: true,
      },
    }),
  );
  expect(created.id).not.toBe('pool-MINE');
  expect(created.state).toBe('ENABLED');
  expect(created).not.toHaveProperty('surprise');
  const patched = await emulator.call(
    'PATCH',
    `${base}/${created.id as string}`,
    {
      body: { id: 'pool-OTHER', principal: 'x', kind: 'Other', surprise: 1 },
    },
  );
  expect(patched.status).toBe(200);
  expect(await json(patched)).toEqual(created);
});

test('PATCH changes only the fields sent and moves updated_at', async () => {
  const { emulator, base } = await oktaPools();
  const created = await json(
    await emulator.call('POST', base, { body: VALID_POOL }),
  );
  const url = `${base}/${created.id as string}`;
  const response = await emulator.call('PATCH', url, {
    body: { description: '', filter: 'claims.aud == "kafka"' },
  });
  expect(response.status).toBe(200);
  const patched = await json(response);
  expect(patched).toMatchObject({
    display_name: VALID_POOL.display_name,
    identity_claim: VALID_POOL.identity_claim,
    description: '',
    filter: 'claims.aud == "kafka"',
  });
  expect((patched.metadata as Json).created_at).toBe(
    (created.metadata as Json).created_at,
  );
  expect(updatedAt(patched) > updatedAt(created)).toBe(true);
  const again = await json(
    await emulator.call('PATCH', url, { body: { display_name: 'renamed' } }),
  );
  expect(updatedAt(again) > updatedAt(patched)).toBe(true);
  expect(again.filter).toBe('claims.aud == "kafka"');
});

test('PATCH validates what it is sent with the same rules as create', async () => {
  const { emulator, base } = await oktaPools();
  const created = await json(
    await emulator.call('POST', base, { body: VALID_POOL }),
  );
  const url = `${base}/${created.id as string}`;
  const response = await emulator.call('PATCH', url, {
    body: { filter: 'size(claims.groups) > 2', display_name: null },
  });
  expect(response.status).toBe(422);
  const pointers = (await json(response)).errors?.map((e) => e.source?.pointer);
  expect(pointers).toContain('/display_name');
  const unchanged = await json(await emulator.call('GET', url));
  expect(unchanged).toEqual(created);
});

test('under a shared-issuer provider the filter must constrain sub or aud', async () => {
  const emulator = await emulatorForTest();
  const google = await providerIdByIssuer(emulator, 'accounts.google.com');
  const base = `/iam/v2/identity-providers/${google}/identity-pools`;
  for (const filter of [
    'true',
    'claims.email.endsWith("@acme.example")',
    'claims.sub == "1" || true',
  ]) {
    const response = await emulator.call('POST', base, {
      body: { ...VALID_POOL, filter },
    });
    expect(response.status, filter).toBe(422);
    expect((await json(response)).errors?.[0]?.detail).toContain(GOOGLE_ISSUER);
  }
  const ok = await emulator.call('POST', base, {
    body: {
      ...VALID_POOL,
      filter:
        'claims.aud == "https://kafka.acme.example" && claims.email.endsWith("@acme.example")',
    },
  });
  expect(ok.status).toBe(201);
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const elsewhere = await emulator.call(
    'POST',
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      body: { ...VALID_POOL, filter: 'true' },
    },
  );
  expect(elsewhere.status).toBe(201);
});

test('unknown providers and pools answer 404 in the shape the live service sends', async () => {
  const { emulator, base } = await oktaPools();
  const missingPool = await emulator.call('GET', `${base}/pool-none`);
  expect(missingPool.status).toBe(404);
  expect(await json(missingPool)).toEqual({
    error_code: 404,
    message: 'Identity Pool pool-none not found',
  });
  for (const [method, body] of [
    ['GET', undefined],
    ['POST', VALID_POOL],
  ] as const) {
    const response = await emulator.call(
      method,
      '/iam/v2/identity-providers/op-none/identity-pools',
      { body },
    );
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({
      error_code: 404,
      message: "Provider op-none either doesn't exist or is not active",
    });
  }
  expect(
    (
      await emulator.call('PATCH', `${base}/pool-none`, {
        body: { description: 'x' },
      })
    ).status,
  ).toBe(404);
  expect((await emulator.call('DELETE', `${base}/pool-none`)).status).toBe(404);
});

test('a deleted pool answers 204 then 404', async () => {
  const { emulator, base } = await oktaPools();
  const created = await json(
    await emulator.call('POST', base, { body: VALID_POOL }),
  );
  const url = `${base}/${created.id as string}`;
  const deleted = await emulator.call('DELETE', url);
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe('');
  expect((await emulator.call('GET', url)).status).toBe(404);
});

test('the pools-per-provider quota answers 402', async () => {
  const emulator = await emulatorForTest({
    quotas: { poolsPerProvider: 2, providersPerOrg: 10 },
  });
  const keycloak = await providerIdByIssuer(emulator, 'sso.staging');
  const base = `/iam/v2/identity-providers/${keycloak}/identity-pools`;
  expect((await emulator.call('POST', base, { body: VALID_POOL })).status).toBe(
    201,
  );
  expect((await emulator.call('POST', base, { body: VALID_POOL })).status).toBe(
    201,
  );
  const over = await emulator.call('POST', base, { body: VALID_POOL });
  expect(over.status).toBe(402);
  expect((await json(over)).errors?.[0]).toMatchObject({
    code: 'quota_exceeded',
    detail: expect.stringContaining(
      'identity_pools_per_provider is currently limited to 2',
    ),
  });
});

test('assigned_resource_owner must name a principal the organization has', async () => {
  const { emulator, base } = await oktaPools();
  const total = async () =>
    (
      (await json(await emulator.call('GET', `${base}?page_size=1`)))
        .metadata as { total_size: number }
    ).total_size;
  const before = await total();
  for (const owner of ['alice', 'u-a83k9b', 'pool-none']) {
    const bad = await emulator.call(
      'POST',
      `${base}?assigned_resource_owner=${owner}`,
      { body: VALID_POOL },
    );
    expect(bad.status, owner).toBe(400);
    expect((await json(bad)).errors?.[0]?.source?.parameter).toBe(
      'assigned_resource_owner',
    );
  }
  expect(await total()).toBe(before);
  const directory = await demoDirectory(emulator);
  const user = directory.userId('emil.lindqvist@acme.example');
  const good = await emulator.call(
    'POST',
    `${base}?assigned_resource_owner=${user}`,
    { body: VALID_POOL },
  );
  expect(good.status).toBe(201);
  expect(await total()).toBe(before + 1);
});

test('a pool created with an owner gets a ResourceOwner binding for it on the pool; without one, none', async () => {
  const { emulator, base } = await oktaPools();
  const directory = await demoDirectory(emulator);
  const bindingsOn = async (crn: string) =>
    (
      await json(
        await emulator.call(
          'GET',
          `${ROLE_BINDINGS}?crn_pattern=${encodeURIComponent(crn)}`,
        ),
      )
    ).data as { principal: string; role_name: string; crn_pattern: string }[];
  const owners = [
    directory.userId('bruno.costa@acme.example'),
    'sa-9d8k2',
    await groupMappingIdByName(emulator, 'Platform engineers'),
  ];
  const owningPool = await json(
    await emulator.call('POST', base, { body: VALID_POOL }),
  );
  owners.push(String(owningPool.id));
  for (const owner of owners) {
    const created = await json(
      await emulator.call('POST', `${base}?assigned_resource_owner=${owner}`, {
        body: VALID_POOL,
      }),
    );
    const crn = (created.metadata as { resource_name: string }).resource_name;
    expect(await bindingsOn(crn), owner).toEqual([
      expect.objectContaining({
        principal: `User:${owner}`,
        role_name: 'ResourceOwner',
        crn_pattern: crn,
      }),
    ]);
  }
  for (const query of ['', '?assigned_resource_owner=']) {
    const created = await json(
      await emulator.call('POST', `${base}${query}`, { body: VALID_POOL }),
    );
    const crn = (created.metadata as { resource_name: string }).resource_name;
    expect(await bindingsOn(crn), query).toEqual([]);
  }
});

test("deleting a pool removes its role bindings, those it holds and those on it, and nobody else's", async () => {
  const { emulator, base } = await oktaPools();
  const directory = await demoDirectory(emulator);
  const owner = directory.userId('chen.wei@acme.example');
  const pool = await json(
    await emulator.call('POST', `${base}?assigned_resource_owner=${owner}`, {
      body: VALID_POOL,
    }),
  );
  const other = await json(
    await emulator.call('POST', base, { body: VALID_POOL }),
  );
  const grant = (principal: string, role_name: string, crn_pattern: string) =>
    emulator.call('POST', ROLE_BINDINGS, {
      body: { principal, role_name, crn_pattern },
    });
  const topic = directory.inKafka('orders-prod', 'topic=orders');
  await grant(`User:${String(pool.id)}`, 'DeveloperRead', topic);
  await grant(`User:${String(other.id)}`, 'DeveloperRead', topic);
  const everywhere = `${ROLE_BINDINGS}?page_size=1000&crn_pattern=${encodeURIComponent(`${directory.org}/*`)}`;
  const count = async () =>
    (
      (await json(await emulator.call('GET', everywhere))).metadata as {
        total_size: number;
      }
    ).total_size;
  const before = await count();

  expect(
    (await emulator.call('DELETE', `${base}/${String(pool.id)}`)).status,
  ).toBe(204);
  // Its DeveloperRead and its owner's ResourceOwner went; the other stayed.
  expect(await count()).toBe(before - 2);
  const left = (await json(await emulator.call('GET', everywhere))).data as {
    principal: string;
    crn_pattern: string;
  }[];
  expect(left.some((b) => b.principal === `User:${String(pool.id)}`)).toBe(
    false,
  );
  expect(
    left.some((b) =>
      b.crn_pattern.endsWith(`identity-pool=${String(pool.id)}`),
    ),
  ).toBe(false);
  expect(left.some((b) => b.principal === `User:${String(other.id)}`)).toBe(
    true,
  );
});
