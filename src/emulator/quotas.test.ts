import { expect, test } from 'vitest';
import { emulatorForTest, json, type Json } from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';

const QUOTAS = '/service-quota/v1/applied-quotas';

async function list(emulator: TestEmulator, query: string) {
  const response = await emulator.call('GET', `${QUOTAS}?${query}`);
  expect(response.status, query).toBe(200);
  return json(response);
}

function items(page: Json) {
  return page.data as (Json & {
    id: string;
    usage?: number;
    identity_provider?: { id: string };
    certificate_authority?: { id: string };
  })[];
}

test('scope is required and must be one of the vendor’s, in any case: otherwise 400 naming it', async () => {
  const emulator = await emulatorForTest();
  for (const query of ['', 'scope=', 'scope=galaxy']) {
    const response = await emulator.call('GET', `${QUOTAS}?${query}`);
    expect(response.status, query).toBe(400);
    expect((await json(response)).errors?.[0]).toMatchObject({
      code: 'invalid_parameter',
      source: { parameter: 'scope' },
      detail: expect.stringContaining('IDENTITY_PROVIDER'),
    });
  }
  expect(items(await list(emulator, 'scope=Organization'))).toHaveLength(3);
  // Scopes the emulator keeps no quotas for list nothing.
  expect(items(await list(emulator, 'scope=kafka_cluster'))).toEqual([]);
});

test('organization quotas: identity providers and certificate authorities with usage, group mappings without, as live answers', async () => {
  const emulator = await emulatorForTest({
    quotas: { providersPerOrg: 6, groupMappingsPerOrg: 20 },
  });
  // The CLI sends every filter, empty when not given, and the scope in lower case.
  const page = await list(
    emulator,
    'scope=organization&environment=&network=&kafka_cluster=&id=',
  );
  expect(page).toMatchObject({
    api_version: 'service-quota/v1',
    kind: 'AppliedQuotaList',
    metadata: { total_size: 3 },
  });
  const org = emulator.config.orgId;
  expect(items(page)).toEqual([
    expect.objectContaining({
      api_version: 'service-quota/v1',
      kind: 'AppliedQuota',
      id: 'iam.max_identity_providers.per_organization',
      scope: 'organization',
      default_limit: 10,
      applied_limit: 6,
      usage: emulator.store.countProviders(),
      organization: expect.objectContaining({ id: org }),
    }),
    expect.objectContaining({
      id: 'iam.max_certificate_authorities.per_organization',
      usage: 1,
    }),
    expect.objectContaining({
      id: 'iam.max_group_mappings.per_org',
      default_limit: 12,
      applied_limit: 20,
    }),
  ]);
  expect(items(page)[2]).not.toHaveProperty('usage');
  const byCode = await list(
    emulator,
    'scope=ORGANIZATION&id=iam.max_group_mappings.per_org',
  );
  expect(items(byCode).map((each) => each.id)).toEqual([
    'iam.max_group_mappings.per_org',
  ]);
});

test('one identity-pool quota per provider and one certificate-pool quota per authority, with live usage, filterable by resource', async () => {
  const emulator = await emulatorForTest();
  const providers = await list(emulator, 'scope=identity_provider');
  const perProvider = items(providers);
  expect(perProvider).toHaveLength(6);
  for (const quota of perProvider) {
    expect(quota).toMatchObject({
      id: 'iam.max_identity_pools.per_identity_provider',
      scope: 'identity_provider',
      applied_limit: 1000,
      usage: emulator.store.countPools(quota.identity_provider!.id),
    });
  }
  const okta = perProvider.find((each) => (each.usage ?? 0) > 200)!;
  const only = await list(
    emulator,
    `scope=identity_provider&identity_provider=${okta.identity_provider!.id}&certificate_authority=`,
  );
  expect(items(only)).toEqual([okta]);

  const authorities = items(
    await list(emulator, 'scope=CERTIFICATE_AUTHORITY'),
  );
  expect(authorities).toEqual([
    expect.objectContaining({
      id: 'iam.max_certificate_pools.per_certificate_authority',
      scope: 'certificate_authority',
      usage: 3,
    }),
  ]);
  const authorityId = authorities[0]!.certificate_authority!.id;
  const created = await emulator.call(
    'POST',
    `/iam/v2/certificate-authorities/${authorityId}/identity-pools`,
    {
      body: {
        display_name: 'one more',
        description: '',
        external_identifier: 'CN',
        filter: "CN == 'x'",
      },
    },
  );
  expect(created.status).toBe(201);
  const after = items(
    await list(
      emulator,
      `scope=certificate_authority&certificate_authority=${authorityId}`,
    ),
  );
  expect(after[0]?.usage).toBe(4);
  expect(
    items(
      await list(
        emulator,
        'scope=certificate_authority&certificate_authority=op-none',
      ),
    ),
  ).toEqual([]);
});

test('pages of at most 200, the filters carried in next, page_size accepted beside page_token', async () => {
  const emulator = await emulatorForTest();
  expect(
    (await emulator.call('GET', `${QUOTAS}?scope=organization&page_size=201`))
      .status,
  ).toBe(400);
  const first = await list(emulator, 'scope=identity_provider&page_size=2');
  const next = (first.metadata as { next: string }).next;
  expect(next).toMatch(/page_token=.*&scope=identity_provider/);
  const second = await json(
    await emulator.call('GET', next.slice(emulator.url.length)),
  );
  const token = new URL(next).searchParams.get('page_token') ?? '';
  const sameWithSize = await list(
    emulator,
    `scope=identity_provider&page_size=2&page_token=${token}`,
  );
  expect(items(sameWithSize)).toEqual(items(second));
  const third = await json(
    await emulator.call(
      'GET',
      (second.metadata as { next: string }).next.slice(emulator.url.length),
    ),
  );
  expect((third.metadata as { next?: string }).next).toBeUndefined();
  const ids = [first, second, third].flatMap((page) =>
    items(page).map((each) => each.identity_provider!.id),
  );
  expect(new Set(ids).size).toBe(6);
  // A token is bound to its scope and filters.
  const elsewhere = await emulator.call(
    'GET',
    `${QUOTAS}?scope=organization&page_token=${token}`,
  );
  expect(elsewhere.status).toBe(400);
});
