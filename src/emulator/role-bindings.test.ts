import { expect, test } from 'vitest';
import {
  demoDirectory,
  emulatorForTest,
  json,
  providerIdByIssuer,
  ROLE_BINDINGS,
  type Json,
  groupMappingIdByName,
} from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';

type Binding = {
  id: string;
  principal: string;
  role_name: string;
  crn_pattern: string;
};

async function setup() {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const pool = await json(
    await emulator.call(
      'POST',
      `/iam/v2/identity-providers/${okta}/identity-pools`,
      {
        body: {
          display_name: 'access-test',
          description: '',
          identity_claim: 'claims.sub',
          filter: 'true',
        },
      },
    ),
  );
  return { emulator, directory, principal: `User:${String(pool.id)}` };
}

function grant(
  emulator: TestEmulator,
  principal: string,
  roleName: string,
  crnPattern: string,
) {
  return emulator.call('POST', ROLE_BINDINGS, {
    body: { principal, role_name: roleName, crn_pattern: crnPattern },
  });
}

async function list(
  emulator: TestEmulator,
  query: Record<string, string>,
): Promise<Json> {
  const response = await emulator.call(
    'GET',
    `${ROLE_BINDINGS}?${new URLSearchParams(query).toString()}`,
  );
  expect(response.status).toBe(200);
  return json(response);
}

function patterns(page: Json): string[] {
  return (page.data as Binding[]).map((binding) => binding.crn_pattern).sort();
}

test('a grant answers 201 with Location and the binding, which reads back and lists', async () => {
  const { emulator, directory, principal } = await setup();
  const crn = directory.inKafka('orders-prod', 'topic=orders*');
  const response = await grant(emulator, principal, 'DeveloperRead', crn);
  expect(response.status).toBe(201);
  const binding = await json(response);
  expect(binding).toMatchObject({
    api_version: 'iam/v2',
    kind: 'RoleBinding',
    principal,
    role_name: 'DeveloperRead',
    crn_pattern: crn,
  });
  const id = String(binding.id);
  expect(id).toMatch(/^rb-[0-9A-Za-z]{6}$/);
  expect(response.headers.get('location')).toBe(
    `${emulator.url}${ROLE_BINDINGS}/${id}`,
  );
  expect(binding.metadata).toEqual({
    self: `${emulator.url}${ROLE_BINDINGS}/${id}`,
    resource_name: `${directory.org}/rolebinding=${id}`,
    created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:]{8}\.\d{6}Z$/),
  });
  expect(
    await json(await emulator.call('GET', `${ROLE_BINDINGS}/${id}`)),
  ).toEqual(binding);
  const found = await list(emulator, { principal, crn_pattern: crn });
  expect(found.data).toEqual([binding]);
});

test('the same binding twice is a 409 naming the first, however the colon is written', async () => {
  const { emulator, directory, principal } = await setup();
  const subject = `${directory.environment('production')}/schema-registry=lsrc-x1/subject=urn:orders`;
  const first = await json(
    await grant(emulator, principal, 'DeveloperRead', subject),
  );
  for (const again of [subject, subject.replace('urn:', 'urn%3A')]) {
    const response = await grant(emulator, principal, 'DeveloperRead', again);
    expect(response.status).toBe(409);
    expect(response.headers.get('location')).toBe(
      `${emulator.url}${ROLE_BINDINGS}/${String(first.id)}`,
    );
    expect((await json(response)).errors?.[0]).toMatchObject({
      status: '409',
      code: 'resource_already_exists',
    });
  }
  // Another role at the same pattern is another binding.
  expect(
    (await grant(emulator, principal, 'DeveloperWrite', subject)).status,
  ).toBe(201);
});

test('a body without the three fields, or with a principal or pattern of the wrong form, is a 400 per field', async () => {
  const { emulator, directory } = await setup();
  const missing = await emulator.call('POST', ROLE_BINDINGS, { body: {} });
  expect(missing.status).toBe(400);
  const errors = (await json(missing)).errors ?? [];
  expect(
    Object.fromEntries(errors.map((e) => [e.source?.pointer, e.detail])),
  ).toEqual({
    '/principal': 'principal is required',
    '/role_name': 'role_name is required',
    '/crn_pattern': 'crn_pattern is required',
  });
  const malformed = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal: 'pool-AzXR',
      role_name: 'DeveloperRead',
      crn_pattern: 'organization=x',
    },
  });
  expect(malformed.status).toBe(400);
  expect(
    (await json(malformed)).errors?.map((e) => e.source?.pointer).sort(),
  ).toEqual(['/crn_pattern', '/principal']);
  const notObject = await emulator.call('POST', ROLE_BINDINGS, { body: '[]' });
  expect(notObject.status).toBe(400);
  expect(
    (
      await grant(
        emulator,
        'Group:platform',
        'OrganizationAdmin',
        directory.org,
      )
    ).status,
  ).toBe(201);
});

test('a role the service does not know, or bound where it cannot be, is a 400 with error_code 40002 in the live wording', async () => {
  const { emulator, directory, principal } = await setup();
  const cases: [string, string, string][] = [
    [
      'OrganizationAdmin',
      directory.environment('production'),
      'Role OrganizationAdmin must be bound at scope organization, but was bound at environment',
    ],
    [
      'DeveloperRead',
      directory.clusterCrn('orders-prod'),
      'Role DeveloperRead must be bound at scope topic, group, transactional-id, subject, kek or connector, but was bound at cloud-cluster',
    ],
    [
      'CloudClusterAdmin',
      directory.cluster('orders-prod').metadata.resource_name,
      'Role CloudClusterAdmin must be bound at scope cloud-cluster, but was bound at kafka-cluster',
    ],
    ['Superuser', directory.org, 'Invalid role name : Superuser'],
    [
      'DeveloperRead',
      `${directory.clusterCrn('orders-prod')}/topic=orders`,
      `Invalid crn_pattern ${directory.clusterCrn('orders-prod')}/topic=orders: topic cannot follow cloud-cluster; it belongs under kafka`,
    ],
  ];
  for (const [role, crn, message] of cases) {
    const response = await grant(emulator, principal, role, crn);
    expect(response.status, `${role} ${crn}`).toBe(400);
    expect(await json(response)).toEqual({ error_code: 40002, message });
  }
});

test('a Basic cluster refuses topic, group and transactional-id bindings and takes cluster-level ones', async () => {
  const { emulator, directory, principal } = await setup();
  const basic = directory.cluster('dev-sandbox');
  expect(basic.spec.config.kind).toBe('Basic');
  for (const resource of ['topic=t', 'group=g*', 'transactional-id=tx']) {
    const response = await grant(
      emulator,
      principal,
      'DeveloperRead',
      directory.inKafka('dev-sandbox', resource),
    );
    expect(response.status, resource).toBe(400);
    expect(await json(response)).toMatchObject({
      error_code: 40002,
      message: expect.stringMatching(
        new RegExp(`on Basic cluster ${basic.id}: bindings on topics`),
      ),
    });
  }
  expect(
    (
      await grant(
        emulator,
        principal,
        'CloudClusterAdmin',
        directory.clusterCrn('dev-sandbox'),
      )
    ).status,
  ).toBe(201);
  expect(
    (
      await grant(
        emulator,
        principal,
        'DeveloperRead',
        directory.inKafka('shared-staging', 'topic=t'),
      )
    ).status,
  ).toBe(201);
});

test('what a grant names must exist where the credential sees it: otherwise 403', async () => {
  const { emulator, directory, principal } = await setup();
  const production = directory.environment('production');
  const staging = directory.cluster('shared-staging');
  const cases: [string, string, RegExp][] = [
    [
      principal,
      'crn://confluent.cloud/organization=00000000-0000-4000-8000-000000000000',
      /cannot grant in organization 00000000-/,
    ],
    [
      principal,
      `${directory.org}/environment=env-nope`,
      /environment env-nope does not exist/,
    ],
    [
      principal,
      `${production}/cloud-cluster=lkc-nope`,
      /Kafka cluster lkc-nope does not exist in environment/,
    ],
    // A real cluster, under the wrong environment.
    [
      principal,
      `${production}/cloud-cluster=${staging.id}`,
      /Kafka cluster lkc-\w+ does not exist in environment env-/,
    ],
    ['User:u-nobody', directory.org, /principal User:u-nobody is not a user/],
    ['User:pool-gone', directory.org, /principal User:pool-gone is not/],
    ['User:group-gone', directory.org, /principal User:group-gone is not/],
    ['User:alice', directory.org, /principal User:alice is not/],
  ];
  for (const [who, crn, detail] of cases) {
    const role = crn.includes('cloud-cluster')
      ? 'CloudClusterAdmin'
      : crn.includes('environment')
        ? 'EnvironmentAdmin'
        : 'MetricsViewer';
    const response = await grant(emulator, who, role, crn);
    expect(response.status, `${who} ${crn}`).toBe(403);
    expect((await json(response)).errors?.[0]).toMatchObject({
      status: '403',
      code: 'user_unauthorized',
      detail: expect.stringMatching(detail),
    });
  }
  // kafka= naming another cluster than cloud-cluster= is malformed.
  const mismatched = await grant(
    emulator,
    principal,
    'DeveloperRead',
    `${directory.clusterCrn('orders-prod')}/kafka=lkc-other/topic=t`,
  );
  expect(mismatched.status).toBe(400);
  expect((await json(mismatched)).error_code).toBe(40002);
  // Service accounts are taken on trust; group mappings are looked up.
  const mapping = await groupMappingIdByName(emulator, 'Data analysts');
  for (const who of ['User:sa-9d8k2', `User:${mapping}`, 'Group:ops']) {
    expect(
      (await grant(emulator, who, 'MetricsViewer', directory.org)).status,
    ).toBe(201);
  }
  const user = `User:${directory.userId('farah.haddad@acme.example')}`;
  expect(
    (await grant(emulator, user, 'MetricsViewer', directory.org)).status,
  ).toBe(201);
});

test('revoking answers 200 with the binding; then it is gone: 403 with error_code 40301', async () => {
  const { emulator, directory, principal } = await setup();
  const created = await json(
    await grant(emulator, principal, 'MetricsViewer', directory.org),
  );
  const path = `${ROLE_BINDINGS}/${String(created.id)}`;
  const deleted = await emulator.call('DELETE', path);
  expect(deleted.status).toBe(200);
  expect(await json(deleted)).toEqual(created);
  const gone = {
    error_code: 40301,
    message:
      'Either unauthorized to access role binding or role binding does not exist',
  };
  for (const method of ['GET', 'DELETE']) {
    const response = await emulator.call(method, path);
    expect(response.status, method).toBe(403);
    expect(await json(response)).toEqual(gone);
  }
  const never = await emulator.call('GET', `${ROLE_BINDINGS}/rb-never1`);
  expect(never.status).toBe(403);
  expect(await json(never)).toEqual(gone);
  expect(
    await list(emulator, { principal, crn_pattern: `${directory.org}/*` }),
  ).toMatchObject({ data: [] });
});

test('the list needs crn_pattern, and a CRN in it', async () => {
  const { emulator } = await setup();
  for (const query of ['', '?crn_pattern=', '?principal=User:u-1']) {
    const response = await emulator.call('GET', `${ROLE_BINDINGS}${query}`);
    expect(response.status, query).toBe(400);
    expect((await json(response)).errors?.[0]).toMatchObject({
      source: { parameter: 'crn_pattern' },
      detail: expect.stringMatching(/^crn_pattern is required/),
    });
  }
  const notCrn = await emulator.call(
    'GET',
    `${ROLE_BINDINGS}?crn_pattern=organization%3Dx`,
  );
  expect(notCrn.status).toBe(400);
  expect((await json(notCrn)).errors?.[0]?.source?.parameter).toBe(
    'crn_pattern',
  );
});

test('/* lists a scope and everything below it; without it only that exact pattern', async () => {
  const { emulator, directory, principal } = await setup();
  const production = directory.environment('production');
  const cluster = directory.clusterCrn('orders-prod');
  const topic = directory.inKafka('orders-prod', 'topic=orders');
  const prefix = directory.inKafka('orders-prod', 'topic=orders*');
  const subject = `${production}/schema-registry=lsrc-1/subject=orders-value`;
  const granted: [string, string][] = [
    ['MetricsViewer', directory.org],
    ['EnvironmentAdmin', production],
    ['CloudClusterAdmin', cluster],
    ['DeveloperRead', topic],
    ['DeveloperRead', prefix],
    ['DeveloperWrite', subject],
  ];
  for (const [role, crn] of granted) {
    expect((await grant(emulator, principal, role, crn)).status).toBe(201);
  }
  const query = (crn_pattern: string) =>
    list(emulator, { principal, crn_pattern, page_size: '100' });

  // Everything in the organization: what the Access tab asks.
  expect(patterns(await query(`${directory.org}/*`))).toEqual(
    granted.map(([, crn]) => crn).sort(),
  );
  expect(patterns(await query(`${production}/*`))).toEqual(
    [production, cluster, topic, prefix, subject].sort(),
  );
  expect(patterns(await query(`${cluster}/*`))).toEqual(
    [cluster, topic, prefix].sort(),
  );
  // Exact: only bindings at that very pattern.
  expect(patterns(await query(directory.org))).toEqual([directory.org]);
  expect(patterns(await query(production))).toEqual([production]);
  expect(patterns(await query(cluster))).toEqual([cluster]);
  // The CLI's delete of a prefix binding finds it by its own pattern…
  expect(patterns(await query(prefix))).toEqual([prefix]);
  // …and a literal query does not find the prefix, nor the reverse.
  expect(patterns(await query(topic))).toEqual([topic]);
  expect(
    patterns(await query(directory.inKafka('orders-prod', 'topic=ord*'))),
  ).toEqual([]);
  // Another cluster's scope holds none of them.
  expect(
    patterns(await query(`${directory.clusterCrn('shared-staging')}/*`)),
  ).toEqual([]);
});

test('principal and role_name filter exactly; without them the list spans principals', async () => {
  const { emulator, directory, principal } = await setup();
  const production = directory.environment('production');
  await grant(emulator, principal, 'DataDiscovery', production);
  await grant(emulator, principal, 'EnvironmentAdmin', production);
  const byRole = await list(emulator, {
    principal,
    role_name: 'DataDiscovery',
    crn_pattern: `${directory.org}/*`,
  });
  expect((byRole.data as Binding[]).map((b) => b.role_name)).toEqual([
    'DataDiscovery',
  ]);
  const wrongCase = await list(emulator, {
    principal: principal.toLowerCase(),
    crn_pattern: `${directory.org}/*`,
  });
  expect(wrongCase.data).toEqual([]);
  const unknownRole = await list(emulator, {
    role_name: 'Superuser',
    crn_pattern: `${directory.org}/*`,
  });
  expect(unknownRole.data).toEqual([]);
  // Every DataDiscovery binding at production, the demo's included.
  const everyone = (
    await list(emulator, {
      role_name: 'DataDiscovery',
      crn_pattern: production,
      page_size: '100',
    })
  ).data as Binding[];
  expect(everyone.length).toBeGreaterThan(1);
  expect(everyone.map((b) => b.principal)).toContain(principal);
  for (const binding of everyone) {
    expect(binding).toMatchObject({
      role_name: 'DataDiscovery',
      crn_pattern: production,
    });
  }
  // An empty filter is no filter.
  const empty = await list(emulator, {
    principal: '',
    role_name: '',
    crn_pattern: production,
    page_size: '100',
  });
  expect((empty.data as Binding[]).length).toBeGreaterThanOrEqual(
    everyone.length,
  );
});
