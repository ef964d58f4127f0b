// Requests shaped as Confluent's own clients send them (the CLI and the
// Terraform provider, both through the Go SDK, which serialises every field
// it was given a pointer to, "" included). docs/decisions/014 says where
// each shape comes from.
import { expect, test } from 'vitest';
import { pageTokenOf } from '#contract/page-token.ts';
import {
  makeCertificateAuthority,
  makeChain,
} from '#filter/testing/certificates.ts';
import {
  demoDirectory,
  emulatorForTest,
  json,
  providerIdByIssuer,
  ROLE_BINDINGS,
} from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';
import { makeCrl, makeIntermediateAuthority } from './testing/certificates.ts';

const PROVIDERS = '/iam/v2/identity-providers';
// The Go SDK's own headers; the emulator must not depend on them either way.
const SDK_HEADERS = {
  accept: 'application/json',
  'user-agent':
    'Confluent-CLI/v4.40.0 (https://confluent.io; support@confluent.io)',
};

const TERRAFORM_HEADERS = {
  'user-agent': 'terraform-provider-confluent/2.83.0',
};

/** A call as the CLI makes it, with the Go SDK's headers. */
function cli(
  emulator: TestEmulator,
  method: string,
  path: string,
  body?: unknown,
) {
  return emulator.call(method, path, {
    headers: SDK_HEADERS,
    ...(body !== undefined && { body }),
  });
}

test('`confluent iam pool create` without --resource-owner or --description: an empty assigned_resource_owner and description', async () => {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const response = await cli(
    emulator,
    'POST',
    `${PROVIDERS}/${providerId}/identity-pools?assigned_resource_owner=`,
    {
      display_name: 'cli-pool',
      description: '',
      identity_claim: 'claims.sub',
      filter: 'true',
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
  const response = await cli(emulator, 'POST', PROVIDERS, {
    display_name: 'cli-provider',
    description: '',
    identity_claim: '',
    issuer: 'https://company.provider.com',
    jwks_uri: 'https://company.provider.com/oauth2/v1/keys',
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
  const poolUpdate = await cli(emulator, 'PATCH', `${pools}/${poolId}`, {
    id: poolId,
    description: 'updated description',
  });
  expect(poolUpdate.status).toBe(200);
  expect(await json(poolUpdate)).toMatchObject({
    id: poolId,
    description: 'updated description',
  });

  const providerUpdate = await cli(
    emulator,
    'PATCH',
    `${PROVIDERS}/${providerId}`,
    { id: providerId, display_name: 'updated-name' },
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
    const response = await cli(
      emulator,
      'GET',
      `${ROLE_BINDINGS}?${goQuery(token ? { ...query, page_token: token } : query)}`,
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
    const created = await cli(emulator, 'POST', ROLE_BINDINGS, {
      principal,
      role_name: 'DeveloperRead',
      crn_pattern,
    });
    expect(created.status).toBe(201);
  }
  // `… delete --principal … --role DeveloperRead --environment … --cloud-cluster … --kafka-cluster … --resource Topic:abc --prefix`
  const found = await json(
    await cli(
      emulator,
      'GET',
      `${ROLE_BINDINGS}?${goQuery({ crn_pattern: prefix, page_size: '100', principal, role_name: 'DeveloperRead' })}`,
    ),
  );
  const matches = (found.data as { id: string; crn_pattern: string }[]).filter(
    (binding) => binding.crn_pattern === prefix,
  );
  expect(matches).toHaveLength(1);
  expect(found.data).toHaveLength(1);
  const deleted = await cli(
    emulator,
    'DELETE',
    `${ROLE_BINDINGS}/${matches[0]!.id}`,
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
    headers: TERRAFORM_HEADERS,
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
    await cli(emulator, 'GET', '/org/v2/environments?page_size=100'),
  );
  for (const environment of environments.data as { id: string }[]) {
    const clusters = await cli(
      emulator,
      'GET',
      `/cmk/v2/clusters?${goQuery({ environment: environment.id, page_size: '100' })}`,
    );
    expect(clusters.status).toBe(200);
  }
  const users = await cli(emulator, 'GET', '/iam/v2/users?page_size=100');
  expect(users.status).toBe(200);
  expect((await json(users)).data).toHaveLength(6);
});

// SSO group mappings, certificate authorities and certificate pools, as
// the CLI's `iam group-mapping`, `iam certificate-authority` and `iam
// certificate-pool` commands and Terraform's resources send them
// (docs/confluent-api.md §27–§30).

const GROUP_MAPPINGS = '/iam/v2/sso/group-mappings';
const AUTHORITIES = '/iam/v2/certificate-authorities';

async function caChain(): Promise<string> {
  const [, ...authorities] = await makeChain(3);
  return authorities.join('\n');
}

test('`confluent iam group-mapping create` without --description, then `update --description` with the --filter default: id ignored, the filter reset to true as the CLI asks', async () => {
  const emulator = await emulatorForTest();
  const created = await cli(emulator, 'POST', GROUP_MAPPINGS, {
    display_name: 'demo',
    description: '',
    filter: '"demo" in groups',
  });
  expect(created.status).toBe(201);
  const mapping = await json(created);
  const path = `${GROUP_MAPPINGS}/${String(mapping.id)}`;
  // `confluent iam group-mapping update group-… --description "SREs"`
  const updated = await cli(emulator, 'PATCH', path, {
    id: mapping.id,
    description: 'SREs',
    filter: 'true',
  });
  expect(updated.status).toBe(200);
  expect(await json(updated)).toMatchObject({
    id: mapping.id,
    display_name: 'demo',
    description: 'SREs',
    filter: 'true',
  });
});

test('`confluent iam group-mapping list`: page_size=100, then page_size and page_token together until next is gone', async () => {
  const emulator = await emulatorForTest({
    quotas: { groupMappingsPerOrg: 300 },
  });
  for (let i = 0; i < 150; i += 1) {
    await emulator.call('POST', GROUP_MAPPINGS, {
      body: { display_name: `m-${i}`, description: '', filter: 'true' },
    });
  }
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const response = await cli(
      emulator,
      'GET',
      `${GROUP_MAPPINGS}?${goQuery(token ? { page_size: '100', page_token: token } : { page_size: '100' })}`,
    );
    expect(response.status).toBe(200);
    const page = await json(response);
    seen.push(...(page.data as { id: string }[]).map((each) => each.id));
    token = pageTokenOf((page.metadata as { next?: string }).next);
  } while (token);
  expect(seen).toHaveLength(154);
  expect(new Set(seen).size).toBe(154);
});

test("Terraform's confluent_group_mapping: create, a PATCH of the changed fields, destroy (204), then a read that finds it gone", async () => {
  const emulator = await emulatorForTest();
  const created = await json(
    await emulator.call('POST', GROUP_MAPPINGS, {
      headers: TERRAFORM_HEADERS,
      // description is Optional+Computed: sent as "" when unset.
      body: {
        display_name: 'Default',
        description: '',
        filter: '"engineering" in groups',
      },
    }),
  );
  const path = `${GROUP_MAPPINGS}/${String(created.id)}`;
  const patched = await emulator.call('PATCH', path, {
    body: { filter: '"devops" in groups' },
  });
  expect(await json(patched)).toMatchObject({
    display_name: 'Default',
    filter: '"devops" in groups',
  });
  // principal = "User:${confluent_group_mapping.x.id}"
  const directory = await demoDirectory(emulator);
  const binding = await emulator.call('POST', ROLE_BINDINGS, {
    body: {
      principal: `User:${String(created.id)}`,
      role_name: 'DataDiscovery',
      crn_pattern: directory.environment('production'),
    },
  });
  expect(binding.status).toBe(201);
  expect((await emulator.call('DELETE', path)).status).toBe(204);
  expect([403, 404]).toContain((await emulator.call('GET', path)).status);
});

test('`confluent iam certificate-authority create` without CRL flags: empty crl_url and crl_chain mean no CRL', async () => {
  const emulator = await emulatorForTest();
  const created = await cli(emulator, 'POST', AUTHORITIES, {
    display_name: 'my-ca',
    description: 'example',
    certificate_chain: await caChain(),
    certificate_chain_filename: 'certificate.pem',
    crl_url: '',
    crl_chain: '',
    require_crl_on_client_certificate: false,
  });
  expect(created.status).toBe(201);
  const authority = await json(created);
  expect(authority).toMatchObject({ require_crl_on_client_certificate: false });
  expect(authority).not.toHaveProperty('crl_source');
});

test('`confluent iam certificate-authority update --name`: a PUT of what it read, without certificate_chain, keeps the chain; turning the flag off sends crl_url "" and drops the CRL', async () => {
  const emulator = await emulatorForTest();
  const created = await json(
    await emulator.call('POST', AUTHORITIES, {
      body: {
        display_name: 'my-ca',
        description: 'example',
        certificate_chain: await caChain(),
        certificate_chain_filename: 'certificate.pem',
        crl_url: 'https://pki.example.com/ca.crl',
        crl_chain: '',
        require_crl_on_client_certificate: true,
      },
    }),
  );
  const path = `${AUTHORITIES}/${String(created.id)}`;
  const current = await json(await emulator.call('GET', path));
  const renamed = await cli(emulator, 'PUT', path, {
    id: current.id,
    display_name: 'renamed-ca',
    description: current.description,
    certificate_chain_filename: current.certificate_chain_filename,
    crl_url: current.crl_url,
    require_crl_on_client_certificate:
      current.require_crl_on_client_certificate,
  });
  expect(renamed.status).toBe(200);
  expect(await json(renamed)).toMatchObject({
    display_name: 'renamed-ca',
    fingerprints: created.fingerprints,
    crl_source: 'URL',
    crl_url: 'https://pki.example.com/ca.crl',
  });
  // `… update op-… --require-crl-on-client-certificate=false`
  const off = await json(
    await cli(emulator, 'PUT', path, {
      id: current.id,
      display_name: 'renamed-ca',
      description: current.description,
      certificate_chain_filename: current.certificate_chain_filename,
      crl_url: '',
      require_crl_on_client_certificate: false,
    }),
  );
  expect(off).toMatchObject({
    fingerprints: created.fingerprints,
    require_crl_on_client_certificate: false,
  });
  expect(off).not.toHaveProperty('crl_source');
});

test("Terraform's confluent_certificate_authority: the whole body on create and on every update, CRL fields only while require_crl_on_client_certificate is true", async () => {
  const emulator = await emulatorForTest();
  const root = await makeCertificateAuthority();
  const issuing = await makeIntermediateAuthority(root);
  const chain = `${issuing.pem}\n${root.pem}`;
  const base = {
    display_name: 'my-ca',
    description: 'example-description',
    certificate_chain: chain,
    certificate_chain_filename: 'certificate.pem',
  };
  const created = await emulator.call('POST', AUTHORITIES, {
    headers: TERRAFORM_HEADERS,
    body: {
      ...base,
      require_crl_on_client_certificate: true,
      crl_chain: await makeCrl(issuing),
    },
  });
  expect(created.status).toBe(201);
  const authority = await json(created);
  expect(authority).toMatchObject({
    crl_source: 'LOCAL',
    crl_url: 'Local file uploaded',
  });
  const path = `${AUTHORITIES}/${String(authority.id)}`;
  // require_crl_on_client_certificate = false: no CRL fields sent, and
  // Terraform expects crl_source and crl_url to be empty afterwards.
  const updated = await json(
    await emulator.call('PUT', path, {
      body: {
        ...base,
        description: 'example-description-new',
        require_crl_on_client_certificate: false,
      },
    }),
  );
  expect(updated).toMatchObject({
    description: 'example-description-new',
    fingerprints: authority.fingerprints,
    require_crl_on_client_certificate: false,
  });
  expect(updated).not.toHaveProperty('crl_source');
  expect((await emulator.call('DELETE', path)).status).toBe(200);
  expect([403, 404]).toContain((await emulator.call('GET', path)).status);
});

test('`confluent iam certificate-pool create --provider op-…` and `update`: an empty assigned_resource_owner, an empty description, then a PUT of what it read with the id', async () => {
  const emulator = await emulatorForTest();
  const authority = await json(
    await emulator.call('POST', AUTHORITIES, {
      body: {
        display_name: 'ca',
        description: '',
        certificate_chain: await caChain(),
        certificate_chain_filename: 'ca.pem',
      },
    }),
  );
  const pools = `${AUTHORITIES}/${String(authority.id)}/identity-pools`;
  const created = await cli(
    emulator,
    'POST',
    `${pools}?assigned_resource_owner=`,
    {
      display_name: 'cli-pool',
      description: '',
      external_identifier: 'CN',
      filter: 'true',
    },
  );
  expect(created.status).toBe(201);
  const pool = await json(created);
  // Without --external-identifier the CLI sends "", which is refused.
  const unnamed = await cli(emulator, 'POST', pools, {
    display_name: 'cli-pool',
    description: '',
    external_identifier: '',
    filter: 'true',
  });
  expect(unnamed.status).toBe(422);
  // `… update pool-… --provider op-… --filter "CN == 'svc'"`
  const path = `${pools}/${String(pool.id)}`;
  const current = await json(await emulator.call('GET', path));
  const updated = await cli(emulator, 'PUT', path, {
    id: current.id,
    display_name: current.display_name,
    description: current.description,
    external_identifier: current.external_identifier,
    filter: "CN == 'svc'",
  });
  expect(updated.status).toBe(200);
  expect(await json(updated)).toMatchObject({
    id: pool.id,
    display_name: 'cli-pool',
    filter: "CN == 'svc'",
  });
});

test("Terraform's confluent_certificate_pool: the four fields on create and update, imported as <CA id>/<pool id>, destroyed with 200", async () => {
  const emulator = await emulatorForTest();
  const authority = await json(
    await emulator.call('POST', AUTHORITIES, {
      body: {
        display_name: 'ca',
        description: 'd',
        certificate_chain: await caChain(),
        certificate_chain_filename: 'ca.pem',
      },
    }),
  );
  const pools = `${AUTHORITIES}/${String(authority.id)}/identity-pools`;
  const fields = {
    display_name: 'my-pool',
    description: 'example',
    external_identifier: 'UID',
    filter: "C=='Canada' && O=='Confluent'",
  };
  const pool = await json(
    await emulator.call('POST', pools, {
      headers: TERRAFORM_HEADERS,
      body: fields,
    }),
  );
  const path = `${pools}/${String(pool.id)}`;
  const updated = await emulator.call('PUT', path, {
    body: { ...fields, filter: "ST=='Spain' || O=='Confluent'" },
  });
  expect(updated.status).toBe(200);
  // `terraform import confluent_certificate_pool.x op-…/pool-…` reads the
  // pool under the authority the import id names.
  const imported = await emulator.call('GET', path);
  expect(await json(imported)).toMatchObject({
    ...fields,
    filter: "ST=='Spain' || O=='Confluent'",
  });
  expect((await emulator.call('DELETE', path)).status).toBe(200);
  expect([403, 404]).toContain((await emulator.call('GET', path)).status);
});

test('`confluent service-quota list identity-provider`: the scope in lower case, every filter sent empty', async () => {
  const emulator = await emulatorForTest();
  for (const scope of ['identity_provider', 'certificate_authority']) {
    const response = await cli(
      emulator,
      'GET',
      `/service-quota/v1/applied-quotas?${goQuery({ environment: '', id: '', kafka_cluster: '', network: '', scope })}`,
    );
    expect(response.status, scope).toBe(200);
    const quotas = (await json(response)).data as { scope: string }[];
    expect(quotas.length, scope).toBeGreaterThan(0);
    expect(quotas.every((quota) => quota.scope === scope)).toBe(true);
  }
});
