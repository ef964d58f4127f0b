import { expect, test } from 'vitest';
import { emulatorForTest, json, type Json } from './test-fixture.ts';

type ListMeta = { first?: string; next?: string; total_size: number };

function meta(list: Json): ListMeta {
  return list.metadata as ListMeta;
}

test('the organization list holds the credential’s one organization, whose id opens every CRN', async () => {
  const emulator = await emulatorForTest();
  const list = await json(await emulator.call('GET', '/org/v2/organizations'));
  const { orgId } = emulator.config;
  expect(list).toMatchObject({
    api_version: 'org/v2',
    kind: 'OrganizationList',
    metadata: { total_size: 1 },
    data: [
      {
        api_version: 'org/v2',
        kind: 'Organization',
        id: orgId,
        display_name: 'Acme',
        jit_enabled: false,
        metadata: {
          self: `${emulator.url}/org/v2/organizations/${orgId}`,
          resource_name: `crn://confluent.cloud/organization=${orgId}`,
        },
      },
    ],
  });
  expect(meta(list).next).toBeUndefined();
});

test('environments are env-… with their CRN under the organization', async () => {
  const emulator = await emulatorForTest();
  const list = await json(await emulator.call('GET', '/org/v2/environments'));
  expect(list).toMatchObject({
    api_version: 'org/v2',
    kind: 'EnvironmentList',
  });
  const data = list.data as Json[];
  expect(data.map((e) => e.display_name)).toEqual([
    'production',
    'non-production',
  ]);
  expect(meta(list).total_size).toBe(2);
  for (const environment of data) {
    const id = String(environment.id);
    expect(id).toMatch(/^env-[0-9a-z]{6}$/);
    expect(environment).toMatchObject({
      api_version: 'org/v2',
      kind: 'Environment',
      metadata: {
        self: `${emulator.url}/org/v2/environments/${id}`,
        resource_name: `crn://confluent.cloud/organization=${emulator.config.orgId}/environment=${id}`,
      },
    });
  }
  expect(data[0]!.stream_governance_config).toEqual({ package: 'ADVANCED' });
});

test('clusters are listed per environment, lkc-… with their type, and one of the demo’s is Basic', async () => {
  const emulator = await emulatorForTest();
  const environments = (
    await json(await emulator.call('GET', '/org/v2/environments'))
  ).data as { id: string; display_name: string }[];
  const kinds: string[] = [];
  for (const environment of environments) {
    const list = await json(
      await emulator.call(
        'GET',
        `/cmk/v2/clusters?environment=${environment.id}`,
      ),
    );
    expect(list).toMatchObject({ api_version: 'cmk/v2', kind: 'ClusterList' });
    for (const cluster of list.data as Json[]) {
      const id = String(cluster.id);
      expect(id).toMatch(/^lkc-[0-9a-z]{6}$/);
      const envCrn = `crn://confluent.cloud/organization=${emulator.config.orgId}/environment=${environment.id}`;
      expect(cluster).toMatchObject({
        api_version: 'cmk/v2',
        kind: 'Cluster',
        metadata: {
          resource_name: `${envCrn}/cloud-cluster=${id}/kafka=${id}`,
        },
        spec: {
          environment: {
            id: environment.id,
            related: `${emulator.url}/org/v2/environments/${environment.id}`,
            resource_name: envCrn,
          },
          kafka_bootstrap_endpoint: expect.stringMatching(
            /^SASL_SSL:\/\/pkc-\w+\..+\.confluent\.cloud:9092$/,
          ),
        },
        status: { phase: 'PROVISIONED' },
      });
      const spec = cluster.spec as { config: { kind: string; cku?: number } };
      kinds.push(spec.config.kind);
      expect(spec.config.cku !== undefined).toBe(
        spec.config.kind === 'Dedicated',
      );
    }
  }
  expect(kinds.sort()).toEqual(['Basic', 'Dedicated', 'Standard']);
});

test('the cluster list needs an environment the credential can see', async () => {
  const emulator = await emulatorForTest();
  for (const query of ['', '?environment=', '?page_size=5']) {
    const response = await emulator.call('GET', `/cmk/v2/clusters${query}`);
    expect(response.status, query).toBe(400);
    expect((await json(response)).errors?.[0]).toMatchObject({
      status: '400',
      source: { parameter: 'environment' },
      detail: expect.stringMatching(/^environment is required/),
    });
  }
  const unknown = await emulator.call(
    'GET',
    '/cmk/v2/clusters?environment=env-nope',
  );
  expect(unknown.status).toBe(403);
  expect((await json(unknown)).errors?.[0]).toMatchObject({
    code: 'user_unauthorized',
    detail: expect.stringMatching(/environment env-nope does not exist/),
  });
});

test('the cluster list’s next link keeps the environment, and the CLI’s way of paging works too', async () => {
  const emulator = await emulatorForTest();
  const environments = (
    await json(await emulator.call('GET', '/org/v2/environments'))
  ).data as { id: string; display_name: string }[];
  const nonProduction = environments.find(
    (e) => e.display_name === 'non-production',
  )!.id;
  const first = await json(
    await emulator.call(
      'GET',
      `/cmk/v2/clusters?environment=${nonProduction}&page_size=1`,
    ),
  );
  expect(meta(first).total_size).toBe(2);
  expect(meta(first).first).toBe(
    `${emulator.url}/cmk/v2/clusters?page_size=1&environment=${nonProduction}`,
  );
  const next = meta(first).next!;
  expect(next).toMatch(
    new RegExp(
      `^${emulator.url}/cmk/v2/clusters\\?page_token=[\\w.-]+&environment=${nonProduction}$`,
    ),
  );
  const second = await json(
    await emulator.call('GET', next.slice(emulator.url.length)),
  );
  expect(meta(second).next).toBeUndefined();
  const ids = [...(first.data as Json[]), ...(second.data as Json[])].map(
    (c) => c.id,
  );
  expect(new Set(ids).size).toBe(2);
  // The CLI takes the token out of next and resends its own query.
  const token = new URL(next).searchParams.get('page_token')!;
  const again = await json(
    await emulator.call(
      'GET',
      `/cmk/v2/clusters?environment=${nonProduction}&page_size=1&page_token=${token}`,
    ),
  );
  expect(again.data).toEqual(second.data);
  // A token is for its environment's list only.
  const production = environments.find(
    (e) => e.display_name === 'production',
  )!.id;
  const foreign = await emulator.call(
    'GET',
    `/cmk/v2/clusters?environment=${production}&page_token=${token}`,
  );
  expect(foreign.status).toBe(400);
  expect((await json(foreign)).errors?.[0]?.source?.parameter).toBe(
    'page_token',
  );
});

test('users are u-… with e-mail, name and how they sign in; lists page like every other', async () => {
  const emulator = await emulatorForTest();
  const list = await json(
    await emulator.call('GET', '/iam/v2/users?page_size=4'),
  );
  expect(list).toMatchObject({ api_version: 'iam/v2', kind: 'UserList' });
  expect(meta(list).total_size).toBe(6);
  const first = list.data as Json[];
  expect(first).toHaveLength(4);
  expect(first[0]).toMatchObject({
    api_version: 'iam/v2',
    kind: 'User',
    id: expect.stringMatching(/^u-[0-9a-z]{6}$/),
    email: 'alice.moreau@acme.example',
    full_name: 'Alice Moreau',
    auth_type: 'AUTH_TYPE_SSO',
    metadata: {
      resource_name: expect.stringMatching(
        /^crn:\/\/confluent\.cloud\/user=u-/,
      ),
    },
  });
  const rest = await json(
    await emulator.call('GET', meta(list).next!.slice(emulator.url.length)),
  );
  expect(rest.data as Json[]).toHaveLength(2);
  expect(meta(rest).next).toBeUndefined();
  for (const path of [
    '/iam/v2/users',
    '/org/v2/environments',
    '/org/v2/organizations',
  ]) {
    const tooBig = await emulator.call('GET', `${path}?page_size=101`);
    expect(tooBig.status, path).toBe(400);
    expect((await json(tooBig)).errors?.[0]?.source?.parameter).toBe(
      'page_size',
    );
  }
});

test('the directory answers only with credentials, and is there on the empty seed too', async () => {
  const emulator = await emulatorForTest();
  for (const path of [
    '/org/v2/organizations',
    '/org/v2/environments',
    '/cmk/v2/clusters?environment=env-1',
    '/iam/v2/users',
  ]) {
    const response = await emulator.call('GET', path, { auth: null });
    expect(response.status, path).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeTruthy();
  }
  await emulator.call('POST', '/_emulator/reset', { body: { seed: 'empty' } });
  expect(
    meta(await json(await emulator.call('GET', '/org/v2/environments')))
      .total_size,
  ).toBe(2);
  expect(
    meta(await json(await emulator.call('GET', '/iam/v2/users'))).total_size,
  ).toBe(6);
});
