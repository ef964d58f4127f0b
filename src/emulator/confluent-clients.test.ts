// Requests shaped as Confluent's own clients send them (the CLI and the
// Terraform provider, both through the Go SDK, which serialises every field
// it was given a pointer to, "" included). docs/decisions/014 says where
// each shape comes from.
import { expect, test } from 'vitest';
import { pageTokenOf } from '#contract/page-token.ts';
import {
  demoDirectory,
  emulatorForTest,
  json,
  providerIdByIssuer,
  ROLE_BINDINGS,
} from './test-fixture.ts';

const PROVIDERS = '/iam/v2/identity-providers';
// The Go SDK's own headers; the emulator must not depend on them either way.
const SDK_HEADERS = {
  accept: 'application/json',
  'user-agent':
    'Confluent-CLI/v4.40.0 (https://confluent.io; support@confluent.io)',
};

test('`confluent iam pool create` without --resource-owner or --description: an empty assigned_resource_owner and description', async () => {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const response = await emulator.call(
    'POST',
    `${PROVIDERS}/${providerId}/identity-pools?assigned_resource_owner=`,
    {
      headers: SDK_HEADERS,
      body: {
        display_name: 'cli-pool',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    },
  );
  expect(response.status).toBe(201);
  expect(await json(response)).toMatchObject({
    display_name: 'cli-pool',
    description: '',
    identity_claim: 'claims.sub',
    filter: 'true',
  });
  // A non-empty owner is still checked.
  const bad = await emulator.call(
    'POST',
    `${PROVIDERS}/${providerId}/identity-pools?assigned_resource_owner=alice`,
    {
      body: {
        display_name: 'cli-pool-2',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    },
  );
  expect(bad.status).toBe(400);
});

test('`confluent iam provider create` without --identity-claim: an empty identity_claim stores the default claims.sub', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', PROVIDERS, {
    headers: SDK_HEADERS,
    body: {
      display_name: 'cli-provider',
      description: '',
      identity_claim: '',
      issuer: 'https://company.provider.com',
      jwks_uri: 'https://company.provider.com/oauth2/v1/keys',
    },
  });
  expect(response.status).toBe(201);
  const created = await json(response);
  expect(created).toMatchObject({
    description: '',
    identity_claim: 'claims.sub',
  });
  const read = await json(
    await emulator.call('GET', `${PROVIDERS}/${String(created.id)}`),
  );
  expect(read.identity_claim).toBe('claims.sub');
});

test('Terraform 2.24–2.39 without identity_claim: an empty one on create, and on every later apply a PATCH with it empty, which changes nothing', async () => {
  const emulator = await emulatorForTest();
  const created = await json(
    await emulator.call('POST', PROVIDERS, {
      body: {
        display_name: 'tf-provider',
        description: 'managed by terraform',
        issuer: 'https://tf.example.com',
        jwks_uri: 'https://tf.example.com/keys',
        identity_claim: '',
      },
    }),
  );
  expect(created.identity_claim).toBe('claims.sub');
  const path = `${PROVIDERS}/${String(created.id)}`;
  const patched = await emulator.call('PATCH', path, {
    body: { identity_claim: '' },
  });
  expect(patched.status).toBe(200);
  expect((await json(patched)).identity_claim).toBe('claims.sub');

  // Empty is "not given", not "back to the default": a claim set on
  // purpose survives a PATCH that sends it empty.
  await emulator.call('PATCH', path, {
    body: { identity_claim: 'claims.email' },
  });
  const again = await emulator.call('PATCH', path, {
    body: { description: 'still terraform', identity_claim: '' },
  });
  expect(await json(again)).toMatchObject({
    description: 'still terraform',
    identity_claim: 'claims.email',
  });
});

test('`confluent iam pool update` and `iam provider update` send the id in the body; it is ignored', async () => {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const pools = `${PROVIDERS}/${providerId}/identity-pools`;
  const pool = await json(
    await emulator.call('POST', pools, {
      body: {
        display_name: 'cli-pool',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    }),
  );
  const poolId = String(pool.id);
  const poolUpdate = await emulator.call('PATCH', `${pools}/${poolId}`, {
    headers: SDK_HEADERS,
    body: { id: poolId, description: 'updated description' },
  });
  expect(poolUpdate.status).toBe(200);
  expect(await json(poolUpdate)).toMatchObject({
    id: poolId,
    description: 'updated description',
  });

  const providerUpdate = await emulator.call(
    'PATCH',
    `${PROVIDERS}/${providerId}`,
    {
      headers: SDK_HEADERS,
      body: { id: providerId, display_name: 'updated-name' },
    },
  );
  expect(providerUpdate.status).toBe(200);
  expect(await json(providerUpdate)).toMatchObject({
    id: providerId,
    display_name: 'updated-name',
  });
});

// Role bindings, as the CLI's `iam rbac role-binding` commands and
// Terraform's `confluent_role_binding` send them (docs/confluent-api.md §19).

/** Go's url.Values.Encode: keys sorted, QueryEscape (`:` `/` `=` `*` escaped). */
function goQuery(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map(
      (key) =>
        `${key}=${encodeURIComponent(values[key]!).replaceAll('*', '%2A')}`,
    )
    .join('&');
}

test('`confluent iam rbac role-binding list --principal User:pool-… --inclusive`: page_size=100 resent with each page_token, filters escaped as Go escapes them', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const everything = await json(
    await emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${goQuery({ crn_pattern: `${directory.org}/*`, page_size: '1000' })}`,
    ),
  );
  // The demo principal with the most bindings.
  const counts = new Map<string, number>();
  for (const binding of everything.data as { principal: string }[]) {
    counts.set(binding.principal, (counts.get(binding.principal) ?? 0) + 1);
  }
  const [principal] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const query = {
    crn_pattern: `${directory.org}/*`,
    page_size: '2',
    principal,
  };
  expect(goQuery(query)).toMatch(
    /^crn_pattern=crn%3A%2F%2Fconfluent\.cloud%2Forganization%3D[\w-]+%2F%2A&page_size=2&principal=User%3A/,
  );
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const response = await emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${goQuery(token ? { ...query, page_token: token } : query)}`,
      { headers: SDK_HEADERS },
    );
    expect(response.status).toBe(200);
    const page = await json(response);
    for (const binding of page.data as { id: string; principal: string }[]) {
      expect(binding.principal).toBe(principal);
      seen.push(binding.id);
    }
    token = pageTokenOf((page.metadata as { next?: string }).next);
  } while (token);
  expect(seen).toHaveLength(counts.get(principal)!);
  expect(new Set(seen).size).toBe(seen.length);
});

test('`confluent iam rbac role-binding create` and `delete --prefix`: the delete lists by the exact prefix pattern, then deletes by id', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const principal = `User:${directory.userId('farah.haddad@acme.example')}`;
  const prefix = directory.inKafka('orders-prod', 'topic=abc*');
  const literal = directory.inKafka('orders-prod', 'topic=abc');
  for (const crn_pattern of [prefix, literal]) {
    const created = await emulator.call('POST', ROLE_BINDINGS, {
      headers: SDK_HEADERS,
      body: { principal, role_name: 'DeveloperRead', crn_pattern },
    });
    expect(created.status).toBe(201);
  }
  // `… delete --principal … --role DeveloperRead --environment … --cloud-cluster … --kafka-cluster … --resource Topic:abc --prefix`
  const found = await json(
    await emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${goQuery({ crn_pattern: prefix, page_size: '100', principal, role_name: 'DeveloperRead' })}`,
      { headers: SDK_HEADERS },
    ),
  );
  const matches = (found.data as { id: string; crn_pattern: string }[]).filter(
    (binding) => binding.crn_pattern === prefix,
  );
  expect(matches).toHaveLength(1);
  expect(found.data).toHaveLength(1);
  const deleted = await emulator.call(
    'DELETE',
    `${ROLE_BINDINGS}/${matches[0]!.id}`,
    { headers: SDK_HEADERS },
  );
  expect(deleted.status).toBe(200);
  // The literal binding is still there.
  const rest = await json(
    await emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${goQuery({ crn_pattern: `${directory.clusterCrn('orders-prod')}/*`, principal })}`,
    ),
  );
  expect(
    (rest.data as { crn_pattern: string }[]).map((b) => b.crn_pattern),
  ).toEqual([literal]);
});

test("the CLI's --resource TransactionalId:x writes transactionalid=; Terraform's docs write transactional-id=; both are granted, as two patterns", async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const principal = `User:${directory.userId('farah.haddad@acme.example')}`;
  const cli = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal,
      role_name: 'DeveloperWrite',
      crn_pattern: directory.inKafka('orders-prod', 'transactionalid=tx-*'),
    },
  });
  expect(cli.status).toBe(201);
  const terraform = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal,
      role_name: 'DeveloperWrite',
      crn_pattern: directory.inKafka('orders-prod', 'transactional-id=tx-*'),
    },
  });
  // Patterns compare as text (only %3A is read as :), so the two
  // spellings are two bindings.
  expect(terraform.status).toBe(201);
});

test("Terraform's confluent_role_binding: create with the three fields, read by id, destroy, then a read that finds it gone", async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const pool = await json(
    await emulator.call('POST', `${PROVIDERS}/${providerId}/identity-pools`, {
      body: {
        display_name: 'tf-pool',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'claims.aud == "kafka"',
      },
    }),
  );
  // principal = "User:${confluent_identity_pool.example.id}",
  // crn_pattern = confluent_environment.example.resource_name
  const body = {
    principal: `User:${String(pool.id)}`,
    role_name: 'EnvironmentAdmin',
    crn_pattern: directory.environment('non-production'),
  };
  const created = await emulator.call('POST', ROLE_BINDINGS, {
    headers: { 'user-agent': 'terraform-provider-confluent/2.83.0' },
    body,
  });
  expect(created.status).toBe(201);
  const binding = await json(created);
  expect(binding).toMatchObject(body);
  const path = `${ROLE_BINDINGS}/${String(binding.id)}`;
  expect(await json(await emulator.call('GET', path))).toMatchObject(body);
  expect((await emulator.call('DELETE', path)).status).toBe(200);
  // Terraform's destroy check accepts 403 or 404 here.
  expect([403, 404]).toContain((await emulator.call('GET', path)).status);
});

test('a subject whose name holds a colon: sent with %3A it is kept as sent, and the same subject with : is a duplicate', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const principal = `User:${directory.userId('farah.haddad@acme.example')}`;
  const subject = `${directory.environment('production')}/schema-registry=lsrc-abc12/subject=`;
  const escaped = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal,
      role_name: 'DeveloperRead',
      crn_pattern: `${subject}urn%3Aorders-value`,
    },
  });
  expect(escaped.status).toBe(201);
  expect((await json(escaped)).crn_pattern).toBe(
    `${subject}urn%3Aorders-value`,
  );
  const plain = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal,
      role_name: 'DeveloperRead',
      crn_pattern: `${subject}urn:orders-value`,
    },
  });
  expect(plain.status).toBe(409);
  const listed = await json(
    await emulator.call(
      'GET',
      `${ROLE_BINDINGS}?${goQuery({ crn_pattern: `${subject}urn:orders-value`, principal })}`,
    ),
  );
  expect(listed.data).toHaveLength(1);
});

test('the directory lists as the CLI reads them: page_size=100, clusters with their environment', async () => {
  const emulator = await emulatorForTest();
  const environments = await json(
    await emulator.call('GET', '/org/v2/environments?page_size=100', {
      headers: SDK_HEADERS,
    }),
  );
  for (const environment of environments.data as { id: string }[]) {
    const clusters = await emulator.call(
      'GET',
      `/cmk/v2/clusters?${goQuery({ environment: environment.id, page_size: '100' })}`,
      { headers: SDK_HEADERS },
    );
    expect(clusters.status).toBe(200);
  }
  const users = await emulator.call('GET', '/iam/v2/users?page_size=100', {
    headers: SDK_HEADERS,
  });
  expect(users.status).toBe(200);
  expect((await json(users)).data).toHaveLength(6);
});
