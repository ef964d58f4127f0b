import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { matchUpstreamRoute } from '#contract/routes.ts';
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
    quotas: { poolsPerProvider: 1000, providersPerOrg: 6 },
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
