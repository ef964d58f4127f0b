import { expect, test } from 'vitest';
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

const MAPPINGS = '/iam/v2/sso/group-mappings';
const MAPPING = {
  display_name: 'Engineers',
  description: 'Every engineer',
  filter: '"engineering" in groups',
};

async function create(emulator: TestEmulator, body: unknown = MAPPING) {
  return createOk(emulator, MAPPINGS, body);
}

test('create answers 201 with Location and the mapping as recorded: group- id, principal = id, ENABLED, its CRN', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', MAPPINGS, {
    body: { ...MAPPING, description: '' },
  });
  const { resource: mapping, id } = await expectCreated(
    emulator,
    response,
    MAPPINGS,
    /^group-[0-9A-Za-z]{4}$/,
  );
  expect(mapping).toEqual({
    api_version: 'iam/v2',
    kind: 'GroupMapping',
    id,
    metadata: {
      self: `${emulator.url}${MAPPINGS}/${id}`,
      resource_name: `crn://confluent.cloud/organization=${emulator.config.orgId}/group-mapping=${id}`,
      created_at: expect.stringMatching(/^\d{4}-.*\.\d{6}Z$/),
      updated_at: expect.any(String),
    },
    display_name: 'Engineers',
    description: '',
    filter: '"engineering" in groups',
    principal: id,
    state: 'ENABLED',
  });
  expect(await json(await emulator.call('GET', `${MAPPINGS}/${id}`))).toEqual(
    mapping,
  );
});

test('create refuses a missing field, an over-long filter and one outside the group-mapping dialect, each 422 on its field', async () => {
  const emulator = await emulatorForTest({ filterMaxLength: 40 });
  const missing = await emulator.call('POST', MAPPINGS, { body: {} });
  expect(missing.status).toBe(422);
  expect(await detailsByPointer(missing)).toEqual({
    '/display_name': 'display_name is required',
    '/description': 'description is required',
    '/filter': 'filter is required',
  });
  const long = await emulator.call('POST', MAPPINGS, {
    body: { ...MAPPING, filter: `"${'x'.repeat(40)}" in groups` },
  });
  expect(long.status).toBe(422);
  expect(await detailsByPointer(long)).toEqual({
    '/filter': 'filter is 52 characters long; the limit is 40',
  });
  for (const filter of ['claims.sub == "x"', '"a" in groups &&', '']) {
    const refused = await emulator.call('POST', MAPPINGS, {
      body: { ...MAPPING, filter },
    });
    expect(refused.status, filter).toBe(422);
    const body = await json(refused);
    expect(body.errors?.[0], filter).toMatchObject({
      code: 'invalid_configuration',
      source: { pointer: '/filter' },
      detail: expect.stringMatching(/^Invalid syntax in policy expression: /),
    });
  }
});

test('PATCH changes only what it is sent, ignores id, principal and state, and moves updated_at only on a change', async () => {
  const emulator = await emulatorForTest();
  const created = await create(emulator);
  const path = `${MAPPINGS}/${String(created.id)}`;
  const patched = await emulator.call('PATCH', path, {
    body: {
      id: 'group-else',
      principal: 'group-else',
      state: 'DISABLED',
      filter: '"devops" in groups',
    },
  });
  expect(patched.status).toBe(200);
  const after = await json(patched);
  expect(after).toMatchObject({
    id: created.id,
    principal: created.id,
    state: 'ENABLED',
    display_name: 'Engineers',
    description: 'Every engineer',
    filter: '"devops" in groups',
  });
  expect(updatedAt(after) > updatedAt(created)).toBe(true);
  const unchanged = await json(
    await emulator.call('PATCH', path, {
      body: { filter: '"devops" in groups' },
    }),
  );
  expect(updatedAt(unchanged)).toBe(updatedAt(after));
  const invalid = await emulator.call('PATCH', path, {
    body: { display_name: ' ', filter: 'groups' },
  });
  expect(invalid.status).toBe(422);
  expect(Object.keys(await detailsByPointer(invalid))).toEqual([
    '/display_name',
  ]);
});

test('an unknown or deleted mapping answers 404 with a Failure, on every method', async () => {
  const emulator = await emulatorForTest();
  const created = await create(emulator);
  const path = `${MAPPINGS}/${String(created.id)}`;
  expect((await emulator.call('DELETE', path)).status).toBe(204);
  for (const [method, body] of [
    ['GET', undefined],
    ['PATCH', { description: 'x' }],
    ['DELETE', undefined],
  ] as const) {
    const response = await emulator.call(method, path, { body });
    expect(response.status, method).toBe(404);
    expect((await json(response)).errors).toEqual([
      expect.objectContaining({
        status: '404',
        code: 'service_account_not_found',
        detail: `Group mapping ${String(created.id)} not found`,
      }),
    ]);
  }
});

test('deleting a mapping answers 204 without a body and takes the role bindings it holds with it', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const mapping = await create(emulator);
  const principal = `User:${String(mapping.id)}`;
  const grant = async (roleName: string, crn: string) =>
    (
      await emulator.call('POST', ROLE_BINDINGS, {
        body: { principal, role_name: roleName, crn_pattern: crn },
      })
    ).status;
  expect(await grant('MetricsViewer', directory.org)).toBe(201);
  expect(
    await grant('EnvironmentAdmin', directory.environment('production')),
  ).toBe(201);
  const held = async () =>
    (
      (await json(
        await emulator.call(
          'GET',
          `${ROLE_BINDINGS}?principal=${principal}&crn_pattern=${encodeURIComponent(`${directory.org}/*`)}`,
        ),
      )) as Json
    ).data as unknown[];
  expect(await held()).toHaveLength(2);
  const everything = `${ROLE_BINDINGS}?page_size=1000&crn_pattern=${encodeURIComponent(`${directory.org}/*`)}`;
  const before = (await json(await emulator.call('GET', everything)))
    .data as unknown[];

  const deleted = await emulator.call(
    'DELETE',
    `${MAPPINGS}/${String(mapping.id)}`,
  );
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe('');
  expect(await held()).toEqual([]);
  const after = (await json(await emulator.call('GET', everything)))
    .data as unknown[];
  expect(after).toHaveLength(before.length - 2);
  // A principal that is gone cannot be granted anything.
  expect(await grant('MetricsViewer', directory.org)).toBe(403);
});

test('past group_mappings_per_org a create answers 402 quota_exceeded, in words the CLI recognises', async () => {
  const emulator = await emulatorForTest({
    quotas: { groupMappingsPerOrg: 5 },
  });
  await create(emulator);
  const refused = await emulator.call('POST', MAPPINGS, { body: MAPPING });
  expect(refused.status).toBe(402);
  expect((await json(refused)).errors?.[0]).toMatchObject({
    code: 'quota_exceeded',
    detail: expect.stringContaining(
      'group_mappings_per_org is currently limited to 5',
    ),
  });
});

test('the list is terse, as recorded: kind, metadata.self, next only while more remain, and whole mappings', async () => {
  const emulator = await emulatorForTest();
  const list = await json(await emulator.call('GET', MAPPINGS));
  expect(Object.keys(list).sort()).toEqual(['data', 'kind', 'metadata']);
  expect(list.kind).toBe('GroupMappingList');
  expect(list.metadata).toEqual({ self: `${emulator.url}${MAPPINGS}` });
  const data = list.data as Json[];
  expect(data.map((each) => each.display_name)).toEqual([
    'Platform engineers',
    'Everyone',
    'Data analysts',
    'SRE on call',
  ]);
  expect(data[0]).toMatchObject({
    api_version: 'iam/v2',
    kind: 'GroupMapping',
    metadata: { resource_name: expect.stringContaining('/group-mapping=') },
  });
});

test('paging walks every mapping once, with page_size sent again beside page_token as the CLI and Terraform do', async () => {
  const emulator = await emulatorForTest({
    quotas: { groupMappingsPerOrg: 100 },
  });
  for (let i = 0; i < 21; i += 1) {
    await create(emulator, { ...MAPPING, display_name: `team-${i}` });
  }
  const seen: string[] = [];
  let query = '?page_size=7';
  let pages = 0;
  for (;;) {
    const response = await emulator.call('GET', `${MAPPINGS}${query}`);
    expect(response.status).toBe(200);
    const page = await json(response);
    pages += 1;
    const data = page.data as { id: string }[];
    expect(data.length).toBeLessThanOrEqual(7);
    seen.push(...data.map((each) => each.id));
    const next = (page.metadata as { next?: string }).next;
    if (!next) break;
    const token = new URL(next).searchParams.get('page_token');
    query = `?page_size=7&page_token=${token ?? ''}`;
  }
  expect(pages).toBe(4);
  expect(seen).toHaveLength(25);
  expect(new Set(seen).size).toBe(25);
  // A token from another list is refused.
  const forged = await emulator.call(
    'GET',
    `${MAPPINGS}?page_token=not-a-token`,
  );
  expect(forged.status).toBe(400);
  expect((await json(forged)).errors?.[0]?.source).toEqual({
    parameter: 'page_token',
  });
});
