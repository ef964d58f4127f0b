import { expect, test } from 'vitest';
import { makeChain } from '#filter/testing/certificates.ts';
import {
  createOk,
  demoDirectory,
  detailsByPointer,
  emulatorForTest,
  expectCreated,
  json,
  ROLE_BINDINGS,
  updatedAt,
  type Json,
} from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';

const POOL = {
  display_name: 'orders',
  description: 'Order services',
  external_identifier: 'CN',
  filter: "O == 'Acme' && CN.startsWith('orders-')",
};

/** A fresh certificate authority's pool collection. */
async function authority(emulator: TestEmulator) {
  const [, ...chain] = await makeChain(3);
  const created = await createOk(emulator, '/iam/v2/certificate-authorities', {
    display_name: 'test CA',
    description: '',
    certificate_chain: chain.join('\n'),
    certificate_chain_filename: 'chain.pem',
  });
  const id = String(created.id);
  return { id, pools: `/iam/v2/certificate-authorities/${id}/identity-pools` };
}

async function create(emulator: TestEmulator, pools: string, body = POOL) {
  return createOk(emulator, pools, body);
}

test('create answers 201 with Location and the pool: pool- id, principal = id, ENABLED, a CRN under its authority', async () => {
  const emulator = await emulatorForTest();
  const { id: authorityId, pools } = await authority(emulator);
  const response = await emulator.call('POST', pools, { body: POOL });
  const { resource: pool, id } = await expectCreated(
    emulator,
    response,
    pools,
    /^pool-[0-9A-Za-z]{4}$/,
  );
  expect(pool).toEqual({
    api_version: 'iam/v2',
    kind: 'CertificateIdentityPool',
    id,
    metadata: {
      self: `${emulator.url}${pools}/${id}`,
      resource_name: `crn://confluent.cloud/organization=${emulator.config.orgId}/identity-provider=${authorityId}/identity-pool=${id}`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    },
    ...POOL,
    principal: id,
    state: 'ENABLED',
  });
  expect(await json(await emulator.call('GET', `${pools}/${id}`))).toEqual(
    pool,
  );
});

test('an empty filter is accepted (it matches no certificate); an empty description too', async () => {
  const emulator = await emulatorForTest();
  const { pools } = await authority(emulator);
  const pool = await create(emulator, pools, {
    ...POOL,
    description: '',
    filter: '',
  });
  expect(pool).toMatchObject({ description: '', filter: '' });
});

test('refusals are 422 on their field: missing fields, an empty external_identifier, a filter outside the certificate dialect or too long', async () => {
  const emulator = await emulatorForTest({ filterMaxLength: 30 });
  const { pools } = await authority(emulator);
  const missing = await emulator.call('POST', pools, { body: {} });
  expect(missing.status).toBe(422);
  expect(Object.keys(await detailsByPointer(missing)).sort()).toEqual([
    '/description',
    '/display_name',
    '/external_identifier',
    '/filter',
  ]);
  const blank = await emulator.call('POST', pools, {
    body: { ...POOL, filter: 'true', external_identifier: '' },
  });
  expect(await detailsByPointer(blank)).toEqual({
    '/external_identifier': 'external_identifier must not be empty',
  });
  for (const filter of ['claims.sub == "x"', '"a" in groups', "CN == 'a' &&"]) {
    const refused = await emulator.call('POST', pools, {
      body: { ...POOL, filter },
    });
    expect(refused.status, filter).toBe(422);
    expect((await detailsByPointer(refused))['/filter'], filter).toMatch(
      /^Invalid syntax in policy expression: /,
    );
  }
  const long = await emulator.call('POST', pools, { body: POOL });
  expect(await detailsByPointer(long)).toEqual({
    '/filter': `filter is ${POOL.filter.length} characters long; the limit is 30`,
  });
});

test('PUT replaces the four fields and ignores read-only ones; one missing is a 422 naming it; updated_at moves only on a change', async () => {
  const emulator = await emulatorForTest();
  const { pools } = await authority(emulator);
  const pool = await create(emulator, pools);
  const path = `${pools}/${String(pool.id)}`;
  const replacement = {
    id: 'pool-else',
    principal: 'pool-else',
    state: 'DISABLED',
    display_name: 'orders-v2',
    description: '',
    external_identifier: 'UID',
    filter: "OU in ['orders', 'fulfilment']",
  };
  const put = await emulator.call('PUT', path, { body: replacement });
  expect(put.status).toBe(200);
  const after = await json(put);
  expect(after).toMatchObject({
    id: pool.id,
    principal: pool.id,
    state: 'ENABLED',
    display_name: 'orders-v2',
    description: '',
    external_identifier: 'UID',
    filter: "OU in ['orders', 'fulfilment']",
  });
  expect(updatedAt(after) > updatedAt(pool)).toBe(true);
  const same = await json(
    await emulator.call('PUT', path, { body: replacement }),
  );
  expect(updatedAt(same)).toBe(updatedAt(after));
  const partial = await emulator.call('PUT', path, {
    body: { display_name: 'only a name' },
  });
  expect(partial.status).toBe(422);
  expect(await detailsByPointer(partial)).toEqual({
    '/description': 'description is required',
    '/external_identifier': 'external_identifier is required',
    '/filter': 'filter is required',
  });
  expect(await json(await emulator.call('GET', path))).toEqual(after);
});

test('a pool is found only under its own authority; an unknown authority or pool is 404', async () => {
  const emulator = await emulatorForTest();
  const mine = await authority(emulator);
  const other = await authority(emulator);
  const pool = await create(emulator, mine.pools);
  const id = String(pool.id);
  for (const [method, body] of [
    ['GET', undefined],
    ['PUT', POOL],
    ['DELETE', undefined],
  ] as const) {
    const response = await emulator.call(method, `${other.pools}/${id}`, {
      body,
    });
    expect(response.status, method).toBe(404);
    expect((await json(response)).errors?.[0]).toMatchObject({
      code: 'not_found',
      detail: `Certificate identity pool ${id} not found`,
    });
  }
  const unknown = await emulator.call(
    'GET',
    '/iam/v2/certificate-authorities/op-none/identity-pools',
  );
  expect(unknown.status).toBe(404);
  expect((await json(unknown)).errors?.[0]?.detail).toBe(
    'Certificate authority op-none not found',
  );
  expect((await emulator.call('GET', `${mine.pools}/${id}`)).status).toBe(200);
});

test('assigned_resource_owner makes a ResourceOwner binding on the pool’s CRN; an empty one none; an unknown one refuses the create', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const { pools } = await authority(emulator);
  const owner = directory.userId('dana.okafor@acme.example');
  const owned = await json(
    await emulator.call('POST', `${pools}?assigned_resource_owner=${owner}`, {
      body: POOL,
    }),
  );
  const crn = (owned.metadata as { resource_name: string }).resource_name;
  const on = async (pattern: string) =>
    (
      await json(
        await emulator.call(
          'GET',
          `${ROLE_BINDINGS}?crn_pattern=${encodeURIComponent(pattern)}`,
        ),
      )
    ).data as Json[];
  expect(await on(crn)).toEqual([
    expect.objectContaining({
      principal: `User:${owner}`,
      role_name: 'ResourceOwner',
      crn_pattern: crn,
    }),
  ]);
  const unowned = await json(
    await emulator.call('POST', `${pools}?assigned_resource_owner=`, {
      body: POOL,
    }),
  );
  expect(
    await on((unowned.metadata as { resource_name: string }).resource_name),
  ).toEqual([]);
  const before = await json(await emulator.call('GET', pools));
  const refused = await emulator.call(
    'POST',
    `${pools}?assigned_resource_owner=u-nobody`,
    { body: POOL },
  );
  expect(refused.status).toBe(400);
  expect((await json(refused)).errors?.[0]?.source).toEqual({
    parameter: 'assigned_resource_owner',
  });
  expect((await json(await emulator.call('GET', pools))).metadata).toEqual(
    before.metadata,
  );
});

test('a certificate pool is a principal like an OAuth pool: it can be granted roles, and deleting it (200 with the pool) removes them', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const { pools } = await authority(emulator);
  const pool = await create(emulator, pools);
  const principal = `User:${String(pool.id)}`;
  const granted = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal,
      role_name: 'DeveloperRead',
      crn_pattern: directory.inKafka('orders-prod', 'topic=orders.*'),
    },
  });
  expect(granted.status).toBe(201);
  const ownership = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal: `User:${directory.userId('alice.moreau@acme.example')}`,
      role_name: 'ResourceOwner',
      crn_pattern: (pool.metadata as { resource_name: string }).resource_name,
    },
  });
  expect(ownership.status).toBe(201);
  const path = `${pools}/${String(pool.id)}`;
  const deleted = await emulator.call('DELETE', path);
  expect(deleted.status).toBe(200);
  expect(await json(deleted)).toEqual(pool);
  for (const binding of [await json(granted), await json(ownership)]) {
    expect(
      (await emulator.call('GET', `${ROLE_BINDINGS}/${String(binding.id)}`))
        .status,
    ).toBe(403);
  }
  expect((await emulator.call('GET', path)).status).toBe(404);
});

test('past identity_pools_per_certificate_authority a create answers 402; other authorities are not affected', async () => {
  const emulator = await emulatorForTest({
    quotas: { poolsPerCertificateAuthority: 1 },
  });
  const full = await authority(emulator);
  await create(emulator, full.pools);
  const refused = await emulator.call('POST', full.pools, { body: POOL });
  expect(refused.status).toBe(402);
  expect((await json(refused)).errors?.[0]?.detail).toContain(
    'identity_pools_per_certificate_authority is currently limited to 1',
  );
  await create(emulator, (await authority(emulator)).pools);
});

test('the list pages with total_size and next, page_size accepted beside page_token', async () => {
  const emulator = await emulatorForTest();
  const { pools } = await authority(emulator);
  for (let i = 0; i < 5; i += 1) {
    await create(emulator, pools, { ...POOL, display_name: `p-${i}` });
  }
  const first = await json(await emulator.call('GET', `${pools}?page_size=2`));
  expect(first).toMatchObject({
    api_version: 'iam/v2',
    kind: 'CertificateIdentityPoolList',
    metadata: { total_size: 5 },
  });
  const seen = (first.data as { display_name: string }[]).map(
    (each) => each.display_name,
  );
  let next = (first.metadata as { next?: string }).next;
  while (next) {
    const token = new URL(next).searchParams.get('page_token') ?? '';
    const page = await json(
      await emulator.call('GET', `${pools}?page_size=2&page_token=${token}`),
    );
    seen.push(
      ...(page.data as { display_name: string }[]).map(
        (each) => each.display_name,
      ),
    );
    next = (page.metadata as { next?: string }).next;
  }
  expect(seen).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4']);
});
