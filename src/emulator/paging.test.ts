import { expect, test } from 'vitest';
import {
  emulatorForTest,
  json,
  providerIdByIssuer,
  type Json,
} from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';

type ListMeta = {
  first?: string;
  prev?: string;
  next?: string;
  total_size: number;
};

function meta(list: Json): ListMeta {
  return list.metadata as ListMeta;
}

function ids(list: Json): string[] {
  return (list.data as { id: string }[]).map((item) => item.id);
}

async function getUrl(emulator: TestEmulator, absolute: string): Promise<Json> {
  const response = await emulator.call(
    'GET',
    absolute.slice(emulator.url.length),
  );
  expect(response.status).toBe(200);
  return json(response);
}

test('lists default to 10 items with total_size and absolute links', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const path = `/iam/v2/identity-providers/${okta}/identity-pools`;
  const list = await json(await emulator.call('GET', path));
  expect(list).toMatchObject({
    api_version: 'iam/v2',
    kind: 'IdentityPoolList',
  });
  expect(ids(list)).toHaveLength(10);
  expect(meta(list).total_size).toBe(emulator.store.countPools(okta));
  expect(meta(list).total_size).toBeGreaterThanOrEqual(250);
  expect(meta(list).first).toBe(`${emulator.url}${path}?page_size=10`);
  expect(meta(list).next).toMatch(
    new RegExp(`^${emulator.url}${path}\\?page_token=[\\w.-]+$`),
  );
  expect(meta(list).prev).toBeUndefined();
});

/** Follows metadata.next from `path` to the end; every id of every page, and the pages. */
async function walk(emulator: TestEmulator, path: string) {
  const pages = [await json(await emulator.call('GET', path))];
  while (meta(pages.at(-1)!).next) {
    pages.push(await getUrl(emulator, meta(pages.at(-1)!).next!));
  }
  return { ids: pages.flatMap(ids), pages };
}

test('paging with page_size=100 returns every pool exactly once in a stable order', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const path = `/iam/v2/identity-providers/${okta}/identity-pools?page_size=100`;
  const { ids: seen, pages } = await walk(emulator, path);
  expect(pages.length).toBeGreaterThan(2);
  for (const page of pages) expect(ids(page).length).toBeLessThanOrEqual(100);
  expect(meta(pages.at(-1)!).next).toBeUndefined();
  expect(seen).toHaveLength(emulator.store.countPools(okta));
  expect(new Set(seen).size).toBe(seen.length);
  expect((await walk(emulator, path)).ids).toEqual(seen);
});

test('prev links lead back to the same pages', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const first = await json(
    await emulator.call(
      'GET',
      `/iam/v2/identity-providers/${okta}/identity-pools?page_size=25`,
    ),
  );
  const second = await getUrl(emulator, meta(first).next!);
  const third = await getUrl(emulator, meta(second).next!);
  const backToSecond = await getUrl(emulator, meta(third).prev!);
  expect(ids(backToSecond)).toEqual(ids(second));
  const backToFirst = await getUrl(emulator, meta(backToSecond).prev!);
  expect(ids(backToFirst)).toEqual(ids(first));
  expect(meta(backToFirst).prev).toBeUndefined();
});

test('pages stay consistent when pools are created and deleted between requests', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const base = `/iam/v2/identity-providers/${okta}/identity-pools`;
  const first = await json(await emulator.call('GET', `${base}?page_size=5`));
  // Deleting an already-seen pool must not shift the next page.
  expect(
    (await emulator.call('DELETE', `${base}/${ids(first)[0]}`)).status,
  ).toBe(204);
  const second = await getUrl(emulator, meta(first).next!);
  const expected = await json(
    await emulator.call('GET', `${base}?page_size=10`),
  );
  expect(ids(second)).toEqual(ids(expected).slice(4, 9));
});

test('total_size stays right across creates, deletes, a refused create, a reset and a provider delete', async () => {
  const emulator = await emulatorForTest({
    quotas: { poolsPerProvider: 1000, providersPerOrg: 10 },
  });
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const base = `/iam/v2/identity-providers/${okta}/identity-pools`;
  // The count of pools a walk over every page sees, not the store's.
  async function expectTotal() {
    const { ids: seen, pages } = await walk(emulator, `${base}?page_size=100`);
    for (const page of pages) expect(meta(page).total_size).toBe(seen.length);
    return seen;
  }
  const before = await expectTotal();
  const pool = {
    display_name: 'counted',
    description: '',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "kafka" && claims.sub == "svc-counted"',
  };
  const created: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const response = await emulator.call('POST', base, { body: pool });
    expect(response.status).toBe(201);
    created.push((await json(response)).id as string);
  }
  expect(await expectTotal()).toHaveLength(before.length + 3);
  expect((await emulator.call('DELETE', `${base}/${created[0]}`)).status).toBe(
    204,
  );
  // A second delete of the same pool changes nothing.
  expect((await emulator.call('DELETE', `${base}/${created[0]}`)).status).toBe(
    404,
  );
  expect(await expectTotal()).toHaveLength(before.length + 2);

  // A create refused inside its transaction leaves the count alone.
  expect(() =>
    emulator.store.transaction(() => {
      emulator.store.insertPool(okta, {
        displayName: 'rolled back',
        description: '',
        identityClaim: 'claims.sub',
        filter: 'true',
      });
      throw new Error('roll back');
    }),
  ).toThrow('roll back');
  expect(await expectTotal()).toHaveLength(before.length + 2);

  expect(
    (
      await emulator.call('POST', '/_emulator/reset', {
        body: { seed: 'demo' },
      })
    ).status,
  ).toBe(200);
  expect(await expectTotal()).toHaveLength(before.length);

  expect(
    (await emulator.call('DELETE', `/iam/v2/identity-providers/${okta}`))
      .status,
  ).toBe(204);
  expect((await emulator.call('GET', base)).status).toBe(404);
  // The same id again (only the store can do this) starts from zero pools.
  emulator.store.insertProvider(
    {
      displayName: 'again',
      description: '',
      issuer: 'https://again.example.com',
      jwksUri: 'https://again.example.com/keys',
      identityClaim: 'claims.sub',
    },
    { id: okta },
  );
  expect(await expectTotal()).toHaveLength(0);
});

test('page_size outside 1..100 or not a number is a 400 naming the parameter', async () => {
  const emulator = await emulatorForTest();
  for (const size of ['0', '101', 'abc', '-1', '1.5', '']) {
    const response = await emulator.call(
      'GET',
      `/iam/v2/identity-providers?page_size=${size}`,
    );
    expect(response.status, size).toBe(400);
    const error = (await json(response)).errors?.[0];
    expect(error?.source?.parameter).toBe('page_size');
    expect(error?.detail).toContain('from 1 to 100');
  }
  expect(
    (await emulator.call('GET', '/iam/v2/identity-providers?page_size=100'))
      .status,
  ).toBe(200);
  expect(
    (await emulator.call('GET', '/iam/v2/identity-providers?page_size=1'))
      .status,
  ).toBe(200);
});

test('a tampered, foreign or over-long page_token is a 400', async () => {
  const emulator = await emulatorForTest();
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const azure = await providerIdByIssuer(emulator, 'microsoftonline');
  const oktaPath = `/iam/v2/identity-providers/${okta}/identity-pools`;
  const azurePath = `/iam/v2/identity-providers/${azure}/identity-pools`;
  const next = meta(
    await json(await emulator.call('GET', `${oktaPath}?page_size=5`)),
  ).next!;
  const token = new URL(next).searchParams.get('page_token')!;
  const [body, signature] = token.split('.');
  const forged = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(body!, 'base64url').toString()),
      a: 0,
    }),
  ).toString('base64url');
  const other = await emulatorForTest();
  const otherOkta = await providerIdByIssuer(other, 'okta.com');
  const otherToken = new URL(
    meta(
      await json(
        await other.call(
          'GET',
          `/iam/v2/identity-providers/${otherOkta}/identity-pools?page_size=5`,
        ),
      ),
    ).next!,
  ).searchParams.get('page_token')!;
  const cases = [
    `${oktaPath}?page_token=${forged}.${signature}`,
    `${oktaPath}?page_token=garbage`,
    `${oktaPath}?page_token=${'a'.repeat(300)}`,
    `${azurePath}?page_token=${token}`,
    `/iam/v2/identity-providers?page_token=${token}`,
    `${oktaPath}?page_token=${otherToken}`,
  ];
  for (const path of cases) {
    const response = await emulator.call('GET', path);
    expect(response.status, path).toBe(400);
    expect((await json(response)).errors?.[0]?.source?.parameter).toBe(
      'page_token',
    );
  }
  expect(
    (await emulator.call('GET', `${oktaPath}?page_token=${token}`)).status,
  ).toBe(200);
});

test('the providers list pages the same way', async () => {
  const emulator = await emulatorForTest();
  const { ids: all, pages } = await walk(
    emulator,
    '/iam/v2/identity-providers?page_size=2',
  );
  expect(pages[0]!.kind).toBe('IdentityProviderList');
  expect(all).toHaveLength(meta(pages[0]!).total_size);
  expect(new Set(all).size).toBe(all.length);
});

test('role-binding pages: 10 by default, up to 1000, and next carries every filter', async () => {
  const emulator = await emulatorForTest();
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const everything = `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(`${org}/*`)}`;
  const first = await json(await emulator.call('GET', everything));
  expect(first).toMatchObject({ kind: 'RoleBindingList' });
  expect(ids(first)).toHaveLength(10);
  const total = meta(first).total_size;
  expect(total).toBeGreaterThan(100);
  expect(meta(first).next).toMatch(
    new RegExp(
      `^${emulator.url}/iam/v2/role-bindings\\?page_token=[\\w.-]+&crn_pattern=crn%3A%2F%2Fconfluent\\.cloud%2Forganization%3D${emulator.config.orgId}%2F\\*$`,
    ),
  );
  const { ids: seen } = await walk(emulator, everything);
  expect(seen).toHaveLength(total);
  expect(new Set(seen).size).toBe(total);
  const all = await json(
    await emulator.call('GET', `${everything}&page_size=1000`),
  );
  expect(ids(all)).toEqual(seen);
  expect(meta(all).next).toBeUndefined();
  const tooBig = await emulator.call('GET', `${everything}&page_size=1001`);
  expect(tooBig.status).toBe(400);
  expect((await json(tooBig)).errors?.[0]).toMatchObject({
    source: { parameter: 'page_size' },
    detail: 'page_size must be a whole number from 1 to 1000 (got "1001")',
  });
});

test('role-binding filters hold on every page, followed verbatim or resent with the token; a token is for its filters only', async () => {
  const emulator = await emulatorForTest();
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const query = new URLSearchParams({
    role_name: 'DeveloperRead',
    crn_pattern: `${org}/*`,
    page_size: '7',
  }).toString();
  const path = `/iam/v2/role-bindings?${query}`;
  const { pages } = await walk(emulator, path);
  expect(pages.length).toBeGreaterThan(2);
  for (const page of pages) {
    for (const binding of page.data as { role_name: string }[]) {
      expect(binding.role_name).toBe('DeveloperRead');
    }
    expect(meta(page).total_size).toBe(meta(pages[0]!).total_size);
    if (meta(page).next) {
      const next = new URL(meta(page).next!);
      expect(next.searchParams.get('role_name')).toBe('DeveloperRead');
      expect(next.searchParams.get('crn_pattern')).toBe(`${org}/*`);
      expect(next.searchParams.has('principal')).toBe(false);
    }
  }
  const token = new URL(meta(pages[0]!).next!).searchParams.get('page_token')!;
  const resent = await json(
    await emulator.call('GET', `${path}&page_token=${token}`),
  );
  expect(ids(resent)).toEqual(ids(pages[1]!));
  // The colon written %3A is the same filter.
  const escaped = await emulator.call(
    'GET',
    `/iam/v2/role-bindings?role_name=DeveloperRead&page_token=${token}&crn_pattern=${encodeURIComponent(`${org}/*`).replace('%3A', '%253A')}`,
  );
  expect(escaped.status).toBe(200);
  const otherRole = await emulator.call(
    'GET',
    `/iam/v2/role-bindings?role_name=DeveloperWrite&crn_pattern=${encodeURIComponent(`${org}/*`)}&page_token=${token}`,
  );
  expect(otherRole.status).toBe(400);
  expect((await json(otherRole)).errors?.[0]?.source?.parameter).toBe(
    'page_token',
  );
});
