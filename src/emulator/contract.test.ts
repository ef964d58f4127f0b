import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { matchUpstreamRoute, UPSTREAM_ROUTES } from '#contract/routes.ts';
import { makeChain } from '#filter/testing/certificates.ts';
import { emulatorForTest, providerIdByIssuer } from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, ResponseSpec> };
};
type Operation = { responses: Record<string, ResponseSpec | { $ref: string }> };
type ResponseSpec = {
  headers?: Record<string, unknown>;
  content?: { 'application/json'?: { schema: unknown } };
};

const doc = parse(readFileSync('src/contract/openapi.yaml', 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: 'openapi.json' });

function responseSpec(
  method: string,
  path: string,
  status: number,
): ResponseSpec {
  const match = matchUpstreamRoute(method, path);
  if (!match) throw new Error(`${method} ${path} is not a contract route`);
  const operation = doc.paths[match.route.path]?.[method.toLowerCase()];
  const declared = operation?.responses[String(status)];
  if (!declared) {
    throw new Error(`${match.route.operationId} does not declare ${status}`);
  }
  return '$ref' in declared
    ? doc.components.responses[String(declared.$ref).split('/').pop()!]!
    : declared;
}

/** Calls the emulator and checks status, declared headers and body against openapi.yaml. */
async function conforms(
  emulator: TestEmulator,
  method: string,
  path: string,
  expectedStatus: number,
  options: Parameters<TestEmulator['call']>[2] = {},
): Promise<unknown> {
  const response = await emulator.call(method, path, options);
  expect(response.status, `${method} ${path}`).toBe(expectedStatus);
  const spec = responseSpec(method, path.split('?')[0]!, response.status);
  for (const header of Object.keys(spec.headers ?? {})) {
    // Location on 409 is the only optional header we declare.
    if (header === 'Location' && expectedStatus === 409) continue;
    expect(
      response.headers.get(header),
      `${header} on ${method} ${path}`,
    ).not.toBeNull();
  }
  const text = await response.text();
  const schema = spec.content?.['application/json']?.schema;
  if (!schema) return text;
  const body: unknown = JSON.parse(text);
  const validate = ajv.compile({
    $ref: '#/$defs/s',
    $defs: { s: rewrite(schema) },
  });
  const valid = validate(body);
  expect(
    validate.errors ?? [],
    `${method} ${path} → ${expectedStatus}`,
  ).toEqual([]);
  expect(valid).toBe(true);
  return body;
}

function rewrite(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replaceAll(
      '"#/components/',
      '"openapi.json#/components/',
    ),
  );
}

const POOL = {
  display_name: 'conformance',
  description: '',
  identity_claim: 'claims.sub',
  filter: 'claims.aud == "kafka"',
};

test('every emulator answer matches the contract: status, headers and body schema', async () => {
  const emulator = await emulatorForTest({
    quotas: { poolsPerProvider: 1000, providersPerOrg: 7 },
  });
  const okta = await providerIdByIssuer(emulator, 'okta.com');
  const providers = '/iam/v2/identity-providers';
  const pools = `${providers}/${okta}/identity-pools`;

  await conforms(emulator, 'GET', providers, 200);
  await conforms(emulator, 'GET', `${providers}?page_size=0`, 400);
  await conforms(emulator, 'GET', providers, 401, { auth: null });
  await conforms(emulator, 'GET', `${providers}/${okta}`, 200);
  await conforms(emulator, 'GET', `${providers}/op-none`, 404);
  const provider = (await conforms(emulator, 'POST', providers, 201, {
    body: {
      display_name: 'p',
      description: 'd',
      issuer: 'https://issuer.example',
      jwks_uri: 'https://issuer.example/jwks',
    },
  })) as { id: string };
  await conforms(emulator, 'POST', providers, 409, {
    body: {
      display_name: 'p',
      description: 'd',
      issuer: 'https://issuer.example',
      jwks_uri: 'https://issuer.example/k',
    },
  });
  await conforms(emulator, 'POST', providers, 402, {
    body: {
      display_name: 'q',
      description: 'd',
      issuer: 'https://other.example',
      jwks_uri: 'https://other.example/k',
    },
  });
  await conforms(emulator, 'POST', providers, 422, { body: {} });
  await conforms(emulator, 'PATCH', `${providers}/${provider.id}`, 200, {
    body: { description: 'changed' },
  });
  await conforms(emulator, 'PATCH', `${providers}/${provider.id}/jwks`, 200, {
    body: { spec: { jwks_status: 'REFRESHED' } },
  });
  await conforms(emulator, 'DELETE', `${providers}/${provider.id}`, 204);

  const page = (await conforms(
    emulator,
    'GET',
    `${pools}?page_size=100`,
    200,
  )) as {
    data: { id: string }[];
  };
  await conforms(emulator, 'GET', `${pools}?page_token=forged`, 400);
  await conforms(emulator, 'GET', `${providers}/op-none/identity-pools`, 404);
  const pool = (await conforms(emulator, 'POST', pools, 201, {
    body: POOL,
  })) as { id: string };
  await conforms(emulator, 'POST', pools, 422, {
    body: { ...POOL, filter: 'claims.x > 1' },
  });
  await conforms(emulator, 'GET', `${pools}/${page.data[0]!.id}`, 200);
  await conforms(emulator, 'GET', `${pools}/pool-none`, 404);
  await conforms(emulator, 'PATCH', `${pools}/${pool.id}`, 200, {
    body: { filter: 'true' },
  });
  await conforms(emulator, 'DELETE', `${pools}/${pool.id}`, 204);

  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 500 }, times: 1 },
  });
  await conforms(emulator, 'GET', pools, 500);
  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 429, retryAfter: 3 }, times: 1 },
  });
  await conforms(emulator, 'GET', pools, 429);
});

test('every answer of the access routes matches the contract: directory lists and role bindings', async () => {
  const emulator = await emulatorForTest();
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const roleBindings = '/iam/v2/role-bindings';

  await conforms(emulator, 'GET', '/org/v2/organizations', 200);
  await conforms(emulator, 'GET', '/org/v2/organizations?page_size=0', 400);
  await conforms(emulator, 'GET', '/org/v2/organizations', 401, {
    auth: null,
  });
  const environments = (await conforms(
    emulator,
    'GET',
    '/org/v2/environments',
    200,
  )) as { data: { id: string }[] };
  await conforms(emulator, 'GET', '/org/v2/environments?page_token=x', 400);
  const environment = environments.data[0]!.id;
  const clusters = (await conforms(
    emulator,
    'GET',
    `/cmk/v2/clusters?environment=${environment}`,
    200,
  )) as { data: { id: string }[] };
  await conforms(emulator, 'GET', '/cmk/v2/clusters', 400);
  await conforms(emulator, 'GET', '/cmk/v2/clusters?environment=env-no', 403);
  const users = (await conforms(
    emulator,
    'GET',
    '/iam/v2/users?page_size=100',
    200,
  )) as { data: { id: string }[] };
  await conforms(emulator, 'GET', '/iam/v2/users?page_size=x', 400);

  const everything = `${roleBindings}?crn_pattern=${encodeURIComponent(`${org}/*`)}&page_size=1000`;
  await conforms(emulator, 'GET', everything, 200);
  await conforms(emulator, 'GET', roleBindings, 400);
  const principal = `User:${users.data.at(-1)!.id}`;
  const topic = `${org}/environment=${environment}/cloud-cluster=${clusters.data[0]!.id}/kafka=${clusters.data[0]!.id}/topic=contract*`;
  const created = (await conforms(emulator, 'POST', roleBindings, 201, {
    body: { principal, role_name: 'DeveloperRead', crn_pattern: topic },
  })) as { id: string };
  await conforms(emulator, 'POST', roleBindings, 409, {
    body: { principal, role_name: 'DeveloperRead', crn_pattern: topic },
  });
  // Refused grant (ErrorCodeBody 40002) and malformed body (Failure).
  await conforms(emulator, 'POST', roleBindings, 400, {
    body: { principal, role_name: 'OrganizationAdmin', crn_pattern: topic },
  });
  await conforms(emulator, 'POST', roleBindings, 400, { body: {} });
  await conforms(emulator, 'POST', roleBindings, 403, {
    body: {
      principal: 'User:u-nobody',
      role_name: 'MetricsViewer',
      crn_pattern: org,
    },
  });
  await conforms(emulator, 'GET', `${roleBindings}/${created.id}`, 200);
  await conforms(emulator, 'DELETE', `${roleBindings}/${created.id}`, 200);
  await conforms(emulator, 'GET', `${roleBindings}/${created.id}`, 403);
  await conforms(emulator, 'DELETE', `${roleBindings}/${created.id}`, 403);

  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 500 }, times: 1 },
  });
  await conforms(emulator, 'GET', everything, 500);
  await emulator.call('POST', '/_emulator/faults', {
    body: { respond: { status: 429, retryAfter: 2 }, times: 1 },
  });
  await conforms(emulator, 'POST', roleBindings, 429, {
    body: { principal, role_name: 'DeveloperRead', crn_pattern: topic },
  });
});

test('every answer of the federation routes matches the contract: group mappings, certificate authorities and pools, quotas', async () => {
  const emulator = await emulatorForTest({
    quotas: {
      groupMappingsPerOrg: 5,
      certificateAuthoritiesPerOrg: 2,
      poolsPerCertificateAuthority: 4,
    },
  });
  const mappings = '/iam/v2/sso/group-mappings';
  await conforms(emulator, 'GET', mappings, 200);
  await conforms(emulator, 'GET', `${mappings}?page_size=2`, 200);
  await conforms(emulator, 'GET', `${mappings}?page_size=0`, 400);
  await conforms(emulator, 'GET', mappings, 401, { auth: null });
  const mapping = (await conforms(emulator, 'POST', mappings, 201, {
    body: { display_name: 'm', description: '', filter: '"a" in groups' },
  })) as { id: string };
  await conforms(emulator, 'POST', mappings, 402, {
    body: { display_name: 'n', description: '', filter: 'true' },
  });
  await conforms(emulator, 'POST', mappings, 422, { body: { filter: 'x' } });
  await conforms(emulator, 'GET', `${mappings}/${mapping.id}`, 200);
  await conforms(emulator, 'GET', `${mappings}/group-none`, 404);
  await conforms(emulator, 'PATCH', `${mappings}/${mapping.id}`, 200, {
    body: { id: mapping.id, filter: 'true' },
  });
  await conforms(emulator, 'PATCH', `${mappings}/${mapping.id}`, 422, {
    body: { filter: 'claims.sub == "x"' },
  });
  await conforms(emulator, 'PATCH', `${mappings}/group-none`, 404, {
    body: { filter: 'true' },
  });
  await conforms(emulator, 'DELETE', `${mappings}/${mapping.id}`, 204);
  await conforms(emulator, 'DELETE', `${mappings}/${mapping.id}`, 404);

  const authorities = '/iam/v2/certificate-authorities';
  const [, ...chain] = await makeChain(3);
  const authorityBody = {
    display_name: 'ca',
    description: '',
    certificate_chain: chain.join('\n'),
    certificate_chain_filename: 'chain.pem',
    crl_url: '',
    crl_chain: '',
    require_crl_on_client_certificate: false,
  };
  await conforms(emulator, 'GET', authorities, 200);
  await conforms(emulator, 'GET', `${authorities}?page_token=x`, 400);
  const authority = (await conforms(emulator, 'POST', authorities, 201, {
    body: authorityBody,
  })) as { id: string };
  await conforms(emulator, 'POST', authorities, 402, { body: authorityBody });
  await conforms(emulator, 'POST', authorities, 422, {
    body: { ...authorityBody, certificate_chain: 'not PEM' },
  });
  await conforms(emulator, 'GET', `${authorities}/${authority.id}`, 200);
  await conforms(emulator, 'GET', `${authorities}/op-none`, 404);
  await conforms(emulator, 'PUT', `${authorities}/${authority.id}`, 200, {
    body: {
      display_name: 'renamed',
      description: '',
      crl_url: 'https://pki.example.com/ca.crl',
      require_crl_on_client_certificate: true,
    },
  });
  await conforms(emulator, 'PUT', `${authorities}/${authority.id}`, 422, {
    body: { display_name: '', description: '' },
  });
  await conforms(emulator, 'PUT', `${authorities}/op-none`, 404, {
    body: authorityBody,
  });

  const pools = `${authorities}/${authority.id}/identity-pools`;
  const poolBody = {
    display_name: 'p',
    description: '',
    external_identifier: 'CN',
    filter: "CN.startsWith('svc-')",
  };
  await conforms(emulator, 'GET', pools, 200);
  await conforms(emulator, 'GET', `${authorities}/op-none/identity-pools`, 404);
  const pool = (await conforms(emulator, 'POST', pools, 201, {
    body: poolBody,
  })) as { id: string };
  await conforms(emulator, 'POST', `${pools}?assigned_resource_owner=x`, 400, {
    body: poolBody,
  });
  await conforms(emulator, 'POST', pools, 422, {
    body: { ...poolBody, external_identifier: '' },
  });
  for (let i = 0; i < 3; i += 1) {
    await conforms(emulator, 'POST', pools, 201, { body: poolBody });
  }
  await conforms(emulator, 'POST', pools, 402, { body: poolBody });
  await conforms(emulator, 'GET', `${pools}?page_size=2`, 200);
  await conforms(emulator, 'GET', `${pools}/${pool.id}`, 200);
  await conforms(emulator, 'GET', `${pools}/pool-none`, 404);
  await conforms(emulator, 'PUT', `${pools}/${pool.id}`, 200, {
    body: { id: pool.id, ...poolBody, filter: '' },
  });
  await conforms(emulator, 'PUT', `${pools}/${pool.id}`, 422, {
    body: { display_name: 'p' },
  });
  await conforms(emulator, 'DELETE', `${pools}/${pool.id}`, 200);
  await conforms(emulator, 'DELETE', `${pools}/${pool.id}`, 404);
  await conforms(emulator, 'DELETE', `${authorities}/${authority.id}`, 200);

  const quotas = '/service-quota/v1/applied-quotas';
  for (const scope of [
    'organization',
    'IDENTITY_PROVIDER',
    'certificate_authority',
  ]) {
    await conforms(emulator, 'GET', `${quotas}?scope=${scope}`, 200);
  }
  await conforms(emulator, 'GET', quotas, 400);
  await conforms(emulator, 'GET', quotas, 401, { auth: null });
  await emulator.call('POST', '/_emulator/faults', {
    body: {
      match: { path: '^/service-quota/' },
      respond: { status: 429, retryAfter: 1 },
      times: 1,
    },
  });
  await conforms(emulator, 'GET', `${quotas}?scope=organization`, 429);
});

test('the emulator serves every operation of the contract', async () => {
  const emulator = await emulatorForTest();
  const missing: string[] = [];
  for (const route of UPSTREAM_ROUTES) {
    // Any id fills a path parameter; a 404 Failure from the route itself
    // differs from the "No route" answer of an unregistered one.
    const path = route.path.replaceAll(/\{[^}]+\}/g, 'x-1');
    const response = await emulator.call(route.method, path, {
      body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
    });
    const text = await response.text();
    if (text.includes('No route')) missing.push(`${route.method} ${path}`);
  }
  expect(missing).toEqual([]);
});

test('the contract check itself catches a body that drifts from the schema', () => {
  const validate = ajv.compile({
    $ref: '#/$defs/s',
    $defs: {
      s: rewrite({ $ref: '#/components/schemas/IdentityPoolResponse' }),
    },
  });
  expect(
    validate({ api_version: 'iam/v2', kind: 'IdentityPool', id: 'pool-1' }),
  ).toBe(false);
});

test('list envelopes as the live service sends them validate: no api_version, data null or left out', () => {
  const validate = (schema: string, body: unknown) => {
    const check = ajv.compile({
      $ref: '#/$defs/s',
      $defs: { s: rewrite({ $ref: `#/components/schemas/${schema}` }) },
    });
    const valid = check(body);
    expect(check.errors ?? [], `${schema} ${JSON.stringify(body)}`).toEqual([]);
    return valid;
  };
  const self = 'https://confluent.cloud/api/iam/v2/identity-providers';
  const provider = {
    id: 'op-Xy1',
    metadata: { self: `${self}/op-Xy1` },
    display_name: 'recorded',
    description: '',
    state: 'ENABLED',
    issuer: 'https://login.example.com/v2.0',
    jwks_uri: 'https://login.example.com/keys',
  };
  const pool = {
    id: 'pool-AbC1',
    metadata: { self: `${self}/op-Xy1/identity-pools/pool-AbC1` },
    display_name: 'recorded',
    description: '',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "kafka"',
    principal: 'pool-AbC1',
    state: 'ENABLED',
  };
  // The shape recorded from the live API is kind, metadata.self and data;
  // the service may also leave out a null field, or send it as null.
  for (const data of [{ data: [pool] }, { data: null }, {}]) {
    expect(
      validate('IdentityPoolList', {
        kind: 'IdentityPoolList',
        metadata: { self: `${self}/op-Xy1/identity-pools` },
        ...data,
      }),
    ).toBe(true);
  }
  for (const data of [{ data: [provider] }, { data: null }, {}]) {
    expect(
      validate('IdentityProviderList', {
        kind: 'IdentityProviderList',
        metadata: { self },
        ...data,
      }),
    ).toBe(true);
  }
});

test('role bindings and directory lists as Terraform recorded them validate: no api_version, terse metadata', () => {
  const check = (schema: string, body: unknown) => {
    const validate = ajv.compile({
      $ref: '#/$defs/s',
      $defs: { s: rewrite({ $ref: `#/components/schemas/${schema}` }) },
    });
    const valid = validate(body);
    expect(validate.errors ?? [], schema).toEqual([]);
    return valid;
  };
  const org =
    'crn://confluent.cloud/organization=1111aaaa-11aa-11aa-11aa-111111aaaaaa';
  expect(
    check('RoleBindingResponse', {
      kind: 'RoleBinding',
      id: 'rb-OOXL7',
      metadata: {
        self: 'https://api.confluent.cloud/iam/v2/role-bindings/rb-OOXL7',
        resource_name: `${org}/rolebinding=rb-OOXL7`,
        created_at: '2021-08-08T18:23:41.849685Z',
      },
      principal: 'User:sa-xyz123',
      role_name: 'CloudClusterAdmin',
      crn_pattern: `${org}/environment=env-dlgnq/cloud-cluster=lkc-1111aaa`,
    }),
  ).toBe(true);
  expect(
    check('EnvironmentList', {
      api_version: 'org/v2',
      kind: 'EnvironmentList',
      metadata: {},
      data: [
        {
          id: 'env-1jrymj',
          display_name: 'test_env',
          metadata: {
            self: 'https://api.confluent.cloud/org/v2/environments/env-1jrymj',
          },
        },
      ],
    }),
  ).toBe(true);
  expect(
    check('UserList', {
      api_version: 'iam/v2',
      kind: 'UserList',
      metadata: {},
    }),
  ).toBe(true);
});
