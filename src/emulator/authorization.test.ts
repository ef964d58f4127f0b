import { expect, onTestFinished, test } from 'vitest';
import { createEmulator } from './app.ts';
import { defaultEmulatorConfig } from './config.ts';
import { ROUTE_ACCESS } from './route-access.ts';
import {
  demoDirectory,
  emulatorForTest,
  json,
  ROLE_BINDINGS,
} from './test-fixture.ts';
import {
  bearerFor,
  createPool,
  grant,
  poolsOf,
  PROVIDERS,
} from './testing/pool-tokens.ts';

const POOL_BODY = {
  display_name: 'made-by-a-pool',
  description: '',
  identity_claim: 'claims.sub',
  filter: 'true',
};

const AS_POOL =
  '(an identity pool acting through an STS token) may not create identity pools';

async function expectForbidden(response: Response): Promise<string> {
  expect(response.status).toBe(403);
  const body = await json(response);
  expect(body.errors?.[0]).toMatchObject({
    status: '403',
    code: 'user_unauthorized',
    title: 'Forbidden',
  });
  return body.errors?.[0]?.detail ?? '';
}

test('a pool with AccountAdmin lists and creates pools', async () => {
  const emulator = await emulatorForTest();
  const { org } = await demoDirectory(emulator);
  const pool = await createPool(emulator, 'account-admin');
  await grant(emulator, pool.principal, 'AccountAdmin', org);
  const auth = await bearerFor(emulator, pool);
  const list = await emulator.call('GET', poolsOf(pool.providerId), { auth });
  expect(list.status).toBe(200);
  const created = await emulator.call('POST', poolsOf(pool.providerId), {
    auth,
    body: POOL_BODY,
  });
  expect(created.status).toBe(201);
});

test('a pool with only DeveloperRead on a topic gets 403 saying what it needs and holds', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const pool = await createPool(emulator, 'reader');
  const topic = directory.inKafka('orders-prod', 'topic=orders');
  await grant(emulator, pool.principal, 'DeveloperRead', topic);
  const auth = await bearerFor(emulator, pool);
  const create = await emulator.call('POST', poolsOf(pool.providerId), {
    auth,
    body: POOL_BODY,
  });
  expect(await expectForbidden(create)).toBe(
    `Forbidden Access: ${pool.principal} ${AS_POOL}: it needs OrganizationAdmin or AccountAdmin on the organization, and holds DeveloperRead on ${topic}.`,
  );
  const list = await emulator.call('GET', poolsOf(pool.providerId), { auth });
  expect(await expectForbidden(list)).toContain('may not list identity pools');
  const after = await json(
    await emulator.call('GET', `${poolsOf(pool.providerId)}?page_size=100`),
  );
  expect(JSON.stringify(after.data)).not.toContain(POOL_BODY.display_name);
});

test('a pool with OrganizationAdmin manages role bindings', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const admin = await createPool(emulator, 'org-admin');
  const other = await createPool(emulator, 'grantee');
  await grant(emulator, admin.principal, 'OrganizationAdmin', directory.org);
  const auth = await bearerFor(emulator, admin);
  const created = await emulator.call('POST', ROLE_BINDINGS, {
    auth,
    body: {
      principal: other.principal,
      role_name: 'EnvironmentAdmin',
      crn_pattern: directory.environment('production'),
    },
  });
  expect(created.status).toBe(201);
  const { id } = await json(created);
  const query = new URLSearchParams({
    crn_pattern: `${directory.org}/*`,
    principal: other.principal,
  });
  const listed = await emulator.call('GET', `${ROLE_BINDINGS}?${query}`, {
    auth,
  });
  expect(listed.status).toBe(200);
  expect((await json(listed)).data).toHaveLength(1);
  const path = `${ROLE_BINDINGS}/${String(id)}`;
  expect((await emulator.call('GET', path, { auth })).status).toBe(200);
  expect((await emulator.call('DELETE', path, { auth })).status).toBe(200);
});

test('an EnvironmentAdmin grants inside its environment, and nowhere else', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const admin = await createPool(emulator, 'env-admin');
  const grantee = await createPool(emulator, 'env-grantee');
  await grant(
    emulator,
    admin.principal,
    'EnvironmentAdmin',
    directory.environment('non-production'),
  );
  const auth = await bearerFor(emulator, admin);
  const bind = (crn: string) =>
    emulator.call('POST', ROLE_BINDINGS, {
      auth,
      body: {
        principal: grantee.principal,
        role_name: 'DeveloperRead',
        crn_pattern: crn,
      },
    });
  const inside = await bind(directory.inKafka('shared-staging', 'topic=t1'));
  expect(inside.status).toBe(201);
  const outsideCrn = directory.inKafka('orders-prod', 'topic=t1');
  const outside = await expectForbidden(await bind(outsideCrn));
  expect(outside).toContain(
    `may not create role bindings: it needs OrganizationAdmin or AccountAdmin on the organization, or EnvironmentAdmin, CloudClusterAdmin or ResourceOwner on ${outsideCrn} or on a scope holding it, and holds EnvironmentAdmin on ${directory.environment('non-production')}.`,
  );
  // A body that names no valid crn_pattern gets the route's own 400.
  expect((await bind('not-a-crn')).status).toBe(400);
  // Revoking what it granted, and reading its environment's directory.
  const { id } = await json(inside);
  const revoked = await emulator.call(
    'DELETE',
    `${ROLE_BINDINGS}/${String(id)}`,
    { auth },
  );
  expect(revoked.status).toBe(200);
  const clusters = (name: string) =>
    emulator.call(
      'GET',
      `/cmk/v2/clusters?environment=${directory.environmentId(name)}`,
      { auth },
    );
  expect((await clusters('non-production')).status).toBe(200);
  await expectForbidden(await clusters('production'));
  const bindings = (crn: string) =>
    emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${new URLSearchParams({ crn_pattern: crn })}`,
      { auth },
    );
  expect(
    (await bindings(`${directory.environment('non-production')}/*`)).status,
  ).toBe(200);
  await expectForbidden(await bindings(`${directory.org}/*`));
});

test('a CloudClusterAdmin grants inside its cluster only', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const admin = await createPool(emulator, 'cluster-admin');
  await grant(
    emulator,
    admin.principal,
    'CloudClusterAdmin',
    directory.clusterCrn('shared-staging'),
  );
  const auth = await bearerFor(emulator, admin);
  const bind = (crn: string) =>
    emulator.call('POST', ROLE_BINDINGS, {
      auth,
      body: {
        principal: admin.principal,
        role_name: 'DeveloperWrite',
        crn_pattern: crn,
      },
    });
  expect(
    (await bind(directory.inKafka('shared-staging', 'topic=t1'))).status,
  ).toBe(201);
  await expectForbidden(
    await bind(directory.inKafka('orders-prod', 'topic=t1')),
  );
});

test('a ResourceOwner of a pool reads, updates and grants on that pool, not another', async () => {
  const emulator = await emulatorForTest();
  const owner = await createPool(emulator, 'owner');
  const owned = await createPool(emulator, 'owned');
  const unowned = await createPool(emulator, 'unowned');
  await grant(emulator, owner.principal, 'ResourceOwner', owned.crn);
  const auth = await bearerFor(emulator, owner);
  const item = (id: string) => `${poolsOf(owned.providerId)}/${id}`;
  const update = { description: 'changed by its owner' };
  expect((await emulator.call('GET', item(owned.id), { auth })).status).toBe(
    200,
  );
  const patched = await emulator.call('PATCH', item(owned.id), {
    auth,
    body: update,
  });
  expect(patched.status).toBe(200);
  const refused = await expectForbidden(
    await emulator.call('PATCH', item(unowned.id), { auth, body: update }),
  );
  expect(refused).toContain(
    `may not update identity pools: it needs OrganizationAdmin or AccountAdmin on the organization, or ResourceOwner on ${unowned.crn} or on a scope holding it, and holds ResourceOwner on ${owned.crn}.`,
  );
  expect(
    (await emulator.call('GET', `${PROVIDERS}/${owned.providerId}`, { auth }))
      .status,
  ).toBe(200);
  await expectForbidden(
    await emulator.call('GET', poolsOf(owned.providerId), { auth }),
  );
  const granted = await emulator.call('POST', ROLE_BINDINGS, {
    auth,
    body: {
      principal: unowned.principal,
      role_name: 'ResourceOwner',
      crn_pattern: owned.crn,
    },
  });
  expect(granted.status).toBe(201);
  expect((await emulator.call('DELETE', item(owned.id), { auth })).status).toBe(
    204,
  );
});

test('any binding in the organization lets a pool see it and its environments, nothing more', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const member = await createPool(emulator, 'member');
  const stranger = await createPool(emulator, 'stranger');
  await grant(
    emulator,
    member.principal,
    'DeveloperRead',
    directory.inKafka('orders-prod', 'topic=orders'),
  );
  const memberAuth = await bearerFor(emulator, member);
  for (const path of ['/org/v2/organizations', '/org/v2/environments']) {
    expect(
      (await emulator.call('GET', path, { auth: memberAuth })).status,
    ).toBe(200);
  }
  await expectForbidden(
    await emulator.call('GET', '/iam/v2/users', { auth: memberAuth }),
  );
  const strangerAuth = await bearerFor(emulator, stranger);
  const refused = await expectForbidden(
    await emulator.call('GET', '/org/v2/environments', {
      auth: strangerAuth,
    }),
  );
  expect(refused).toBe(
    `Forbidden Access: ${stranger.principal} (an identity pool acting through an STS token) may not list environments: it needs any role binding in the organization, and holds no role binding in the organization.`,
  );
});

test('a pool may list and read its own role bindings', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const pool = await createPool(emulator, 'self-reader');
  const other = await createPool(emulator, 'someone-else');
  const id = await grant(
    emulator,
    pool.principal,
    'DeveloperRead',
    directory.inKafka('orders-prod', 'topic=orders'),
  );
  const otherId = await grant(
    emulator,
    other.principal,
    'DeveloperRead',
    directory.inKafka('orders-prod', 'topic=orders'),
  );
  const auth = await bearerFor(emulator, pool);
  const list = (principal: string) =>
    emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${new URLSearchParams({ crn_pattern: `${directory.org}/*`, principal })}`,
      { auth },
    );
  expect((await list(pool.principal)).status).toBe(200);
  expect(await expectForbidden(await list(other.principal))).toContain(
    `or to list only its own role bindings (principal=${pool.principal})`,
  );
  expect(
    (await emulator.call('GET', `${ROLE_BINDINGS}/${id}`, { auth })).status,
  ).toBe(200);
  await expectForbidden(
    await emulator.call('GET', `${ROLE_BINDINGS}/${otherId}`, { auth }),
  );
  await expectForbidden(
    await emulator.call('DELETE', `${ROLE_BINDINGS}/${id}`, { auth }),
  );
});

test('a refusal names at most five of the bindings a pool holds', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const pool = await createPool(emulator, 'many-bindings');
  for (let i = 0; i < 7; i += 1) {
    await grant(
      emulator,
      pool.principal,
      'DeveloperRead',
      directory.inKafka('orders-prod', `topic=t${i}`),
    );
  }
  const detail = await expectForbidden(
    await emulator.call('GET', '/iam/v2/users', {
      auth: await bearerFor(emulator, pool),
    }),
  );
  expect(detail.match(/DeveloperRead on /g)).toHaveLength(5);
  expect(detail).toMatch(/ and 2 more\.$/);
});

test('every route of the API has an access rule, and every rule a route', async () => {
  const config = defaultEmulatorConfig({ control: true });
  const { app } = createEmulator({ config, databaseFile: ':memory:' });
  onTestFinished(() => app.close());
  // A route of the API without a rule would stop ready() (authorization.ts).
  await app.ready();
  for (const key of Object.keys(ROUTE_ACCESS)) {
    const [method = '', url = ''] = key.split(' ');
    expect(app.hasRoute({ method, url }), key).toBe(true);
  }
});

test('a route of the API without an access rule stops the emulator from starting', async () => {
  const config = defaultEmulatorConfig();
  const { app } = createEmulator({ config, databaseFile: ':memory:' });
  onTestFinished(() => app.close());
  app.get('/iam/v2/service-accounts', async () => ({}));
  app.get('/healthz', async () => ({}));
  await expect(app.ready()).rejects.toThrow(
    'No access rule for GET /iam/v2/service-accounts, HEAD /iam/v2/service-accounts:',
  );
});
