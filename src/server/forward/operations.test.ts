import { expect, onTestFinished, test } from 'vitest';
import { API_PREFIX } from '#contract/lifeguard-api.ts';
import { UPSTREAM_ROUTES } from '#contract/routes.ts';
import { offlineServer } from '../test-helpers.ts';
import { FORWARDED_OPERATIONS } from './operations.ts';

test('each contract operation is one route whose policy is what its line in the table declares', async () => {
  const app = offlineServer();
  onTestFinished(() => app.close());
  await app.ready();
  const declared = app.declaredRoutes();
  for (const route of UPSTREAM_ROUTES) {
    const operation = FORWARDED_OPERATIONS[route.operationId];
    const url = `${API_PREFIX}${route.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const matches = declared.filter((each) => each.url === url);
    // One method per route: no HEAD twin, no other method on the path.
    expect(
      matches.map((each) => each.method),
      route.operationId,
    ).toContain(route.method);
    const policy = matches.find((each) => each.method === route.method)!.policy;
    expect(policy.access, route.operationId).toBe(operation.access);
    expect(policy.api && policy.rateLimited, route.operationId).toBe(true);
    const target = policy.audit?.(route.method, {
      provider_id: 'op-1',
      id: 'x-1',
    });
    expect(target?.action, route.operationId).toBe(operation.audit?.action);
    expect(target?.readsBefore, route.operationId).toBe(
      operation.audit?.readsBefore,
    );
  }
  expect(Object.keys(FORWARDED_OPERATIONS).sort()).toEqual(
    UPSTREAM_ROUTES.map((route) => route.operationId).sort(),
  );
});

test('reads are open to every signed-in user and record nothing; every write needs a writing role and is recorded', () => {
  for (const route of UPSTREAM_ROUTES) {
    const operation = FORWARDED_OPERATIONS[route.operationId];
    if (route.method === 'GET') {
      expect(operation.access, route.operationId).toBe('signed-in');
      expect(operation.audit, route.operationId).toBeUndefined();
    } else {
      expect(operation.access, route.operationId).toBe('admin');
      expect(operation.audit, route.operationId).toBeDefined();
    }
    // A body goes with creates and updates only.
    expect(Boolean(operation.body), route.operationId).toBe(
      route.method === 'POST' ||
        route.method === 'PUT' ||
        route.method === 'PATCH',
    );
  }
});
