import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { matchUpstreamRoute, UPSTREAM_ROUTES } from './routes.ts';

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

const specSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
const operationSchema = z.object({ operationId: z.string() });

function routesInSpec(): string[] {
  const spec = specSchema.parse(
    parse(readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8')),
  );
  const routes: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [key, operation] of Object.entries(item)) {
      // Path items also hold `parameters`, `summary` etc.; only methods count.
      if (!HTTP_METHODS.includes(key)) continue;
      const { operationId } = operationSchema.parse(operation);
      routes.push(`${key.toUpperCase()} ${path} ${operationId}`);
    }
  }
  return routes.sort();
}

test('UPSTREAM_ROUTES lists exactly the operations of openapi.yaml', () => {
  const declared = UPSTREAM_ROUTES.map(
    ({ method, path, operationId }) => `${method} ${path} ${operationId}`,
  ).sort();
  expect(declared).toEqual(routesInSpec());
  expect(declared).toHaveLength(35);
});

test('matches a static route with no params', () => {
  const match = matchUpstreamRoute('GET', '/iam/v2/identity-providers');
  expect(match?.route.operationId).toBe('listIamV2IdentityProviders');
  expect(match?.params).toEqual({});
  expect(
    matchUpstreamRoute('POST', '/iam/v2/identity-providers')?.route.operationId,
  ).toBe('createIamV2IdentityProvider');
});

test('matches provider routes and names the param after the template', () => {
  expect(
    matchUpstreamRoute('DELETE', '/iam/v2/identity-providers/op-4EY'),
  ).toEqual({
    route: {
      method: 'DELETE',
      path: '/iam/v2/identity-providers/{id}',
      operationId: 'deleteIamV2IdentityProvider',
    },
    params: { id: 'op-4EY' },
  });
  const jwks = matchUpstreamRoute(
    'PATCH',
    '/iam/v2/identity-providers/op-4EY/jwks',
  );
  expect(jwks?.route.operationId).toBe('refreshIamV2JsonWebKeySet');
  expect(jwks?.params).toEqual({ provider_id: 'op-4EY' });
});

test('matches nested pool routes with both params', () => {
  const match = matchUpstreamRoute(
    'PATCH',
    '/iam/v2/identity-providers/op-4EY/identity-pools/pool-AzXR',
  );
  expect(match?.route.operationId).toBe('updateIamV2IdentityPool');
  expect(match?.params).toEqual({ provider_id: 'op-4EY', id: 'pool-AzXR' });
  expect(
    matchUpstreamRoute(
      'GET',
      '/iam/v2/identity-providers/op-4EY/identity-pools',
    )?.route.operationId,
  ).toBe('listIamV2IdentityPools');
});

test('matches the access routes: directory lists and role bindings', () => {
  for (const [pathname, operationId] of [
    ['/org/v2/organizations', 'listOrgV2Organizations'],
    ['/org/v2/environments', 'listOrgV2Environments'],
    ['/cmk/v2/clusters', 'listCmkV2Clusters'],
    ['/iam/v2/users', 'listIamV2Users'],
    ['/iam/v2/role-bindings', 'listIamV2RoleBindings'],
  ] as const) {
    expect(matchUpstreamRoute('GET', pathname)?.route.operationId).toBe(
      operationId,
    );
  }
  expect(
    matchUpstreamRoute('POST', '/iam/v2/role-bindings')?.route.operationId,
  ).toBe('createIamV2RoleBinding');
  const get = matchUpstreamRoute('GET', '/iam/v2/role-bindings/rb-OOXL7');
  expect(get?.route.operationId).toBe('getIamV2RoleBinding');
  expect(get?.params).toEqual({ id: 'rb-OOXL7' });
  expect(
    matchUpstreamRoute('DELETE', '/iam/v2/role-bindings/rb-OOXL7')?.route
      .operationId,
  ).toBe('deleteIamV2RoleBinding');
  // No update, and no single reads of the directory.
  expect(matchUpstreamRoute('PATCH', '/iam/v2/role-bindings/rb-OOXL7')).toBe(
    undefined,
  );
  expect(matchUpstreamRoute('GET', '/org/v2/environments/env-1')).toBe(
    undefined,
  );
  expect(matchUpstreamRoute('DELETE', '/iam/v2/role-bindings')).toBe(undefined);
});

test('every declared route matches a concrete path of its own', () => {
  for (const route of UPSTREAM_ROUTES) {
    const concrete = route.path.replaceAll(/\{[^}]+\}/g, 'x-1');
    expect(matchUpstreamRoute(route.method, concrete)?.route).toBe(route);
  }
});

test('a method the route does not declare is a miss', () => {
  expect(matchUpstreamRoute('PUT', '/iam/v2/identity-providers')).toBe(
    undefined,
  );
  expect(matchUpstreamRoute('DELETE', '/iam/v2/identity-providers')).toBe(
    undefined,
  );
  expect(
    matchUpstreamRoute('POST', '/iam/v2/identity-providers/op-4EY/jwks'),
  ).toBe(undefined);
  expect(matchUpstreamRoute('get', '/iam/v2/identity-providers')).toBe(
    undefined,
  );
});

test('extra, missing and empty segments are misses', () => {
  const misses = [
    '/iam/v2/identity-providers/op-4EY/identity-pools/pool-AzXR/extra',
    '/iam/v2/identity-providers/op-4EY/unknown',
    '/iam/v2',
    '/iam/v2/identity-providers//identity-pools',
    '//iam/v2/identity-providers',
    'iam/v2/identity-providers',
    '/iam/v3/identity-providers',
    '/IAM/v2/identity-providers',
    '',
    '/',
  ];
  for (const pathname of misses) {
    expect(matchUpstreamRoute('GET', pathname), pathname).toBe(undefined);
  }
});

test('a trailing slash is a miss', () => {
  expect(matchUpstreamRoute('GET', '/iam/v2/identity-providers/')).toBe(
    undefined,
  );
  expect(
    matchUpstreamRoute(
      'GET',
      '/iam/v2/identity-providers/op-4EY/identity-pools/',
    ),
  ).toBe(undefined);
});

test('params that a URL parser would reinterpret are misses', () => {
  const unsafe = [
    '..',
    '.',
    '%2e%2e',
    '.%2E',
    'a%2Fb',
    'a\\..\\b',
    'op-4EY?page_size=1',
    'op-4EY#x',
    'op 4EY',
    'x'.repeat(256),
  ];
  for (const id of unsafe) {
    expect(
      matchUpstreamRoute('GET', `/iam/v2/identity-providers/${id}`),
      id,
    ).toBe(undefined);
  }
  expect(
    matchUpstreamRoute(
      'GET',
      '/iam/v2/identity-providers/../identity-pools/pool-1',
    ),
  ).toBe(undefined);
});

test('params are passed through raw, up to 255 characters', () => {
  const longId = 'x'.repeat(255);
  expect(
    matchUpstreamRoute('GET', `/iam/v2/identity-providers/${longId}`)?.params,
  ).toEqual({ id: longId });
  expect(
    matchUpstreamRoute('GET', '/iam/v2/identity-providers/op.a_b~c-1')?.params,
  ).toEqual({ id: 'op.a_b~c-1' });
});
