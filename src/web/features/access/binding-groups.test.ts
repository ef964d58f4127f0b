import { expect, test } from 'vitest';
import { buildCrn } from '#contract/crn.ts';
import type { Cluster, RoleBinding } from './api/access.ts';
import {
  describePlace,
  describeTarget,
  groupBindings,
  viewBinding,
} from './binding-groups.ts';

const ORG = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const inCluster = (cluster: string, environment = 'env-1') => ({
  organization: ORG,
  environment,
  cloudCluster: cluster,
});

let counter = 0;
function binding(role: string, crn: string): RoleBinding {
  counter += 1;
  return {
    id: `rb-${counter}`,
    principal: 'User:pool-1',
    role_name: role,
    crn_pattern: crn,
  };
}

function cluster(
  id: string,
  name: string,
  kind: 'Basic' | 'Standard',
): Cluster {
  return {
    id,
    metadata: { self: `https://api.confluent.cloud/cmk/v2/clusters/${id}` },
    spec: {
      display_name: name,
      availability: 'SINGLE_ZONE',
      cloud: 'AWS',
      region: 'us-east-1',
      config: { kind },
      environment: { id: 'env-1' },
    },
    status: { phase: 'PROVISIONED' },
  };
}

test('a topic prefix reads as its type, its name with * and Prefix', () => {
  const view = viewBinding(
    binding(
      'DeveloperRead',
      buildCrn({
        ...inCluster('lkc-1'),
        kafkaCluster: 'lkc-1',
        resource: { type: 'topic', name: 'orders.', isPrefix: true },
      }),
    ),
  );
  expect(view).toMatchObject({
    resourceType: 'Topic',
    resourceName: 'orders.*',
    match: 'prefix',
  });
  expect(describeTarget(view)).toBe('topics starting with “orders.”');
});

test('literal resources, every resource and whole scopes read apart', () => {
  const literal = viewBinding(
    binding(
      'DeveloperWrite',
      buildCrn({
        ...inCluster('lkc-1'),
        kafkaCluster: 'lkc-1',
        resource: { type: 'transactional-id', name: 'tx-1' },
      }),
    ),
  );
  expect(literal.match).toBe('literal');
  expect(describeTarget(literal)).toBe('transactional id “tx-1”');

  const every = viewBinding(
    binding(
      'DeveloperManage',
      buildCrn({
        organization: ORG,
        environment: 'env-1',
        schemaRegistry: 'lsrc-1',
        resource: { type: 'subject', name: '', isPrefix: true },
      }),
    ),
  );
  expect(every).toMatchObject({
    resourceType: 'Schema subject',
    resourceName: '*',
  });
  expect(describeTarget(every)).toBe('every schema subject');

  const scope = viewBinding(
    binding(
      'EnvironmentAdmin',
      buildCrn({ organization: ORG, environment: 'env-1' }),
    ),
  );
  expect(scope).toMatchObject({
    resourceType: 'The whole environment',
    resourceName: '',
    match: 'scope',
  });
  expect(describeTarget(scope)).toBe('the whole environment');
});

test('bindings group organization, environment, cluster, with names beside ids', () => {
  const groups = groupBindings(
    [
      binding(
        'DeveloperRead',
        buildCrn({
          ...inCluster('lkc-2'),
          kafkaCluster: 'lkc-2',
          resource: { type: 'topic', name: 'b' },
        }),
      ),
      binding('MetricsViewer', buildCrn({ organization: ORG })),
      binding('CloudClusterAdmin', buildCrn(inCluster('lkc-1'))),
      binding(
        'DeveloperRead',
        buildCrn({
          ...inCluster('lkc-2'),
          kafkaCluster: 'lkc-2',
          resource: { type: 'group', name: 'a-', isPrefix: true },
        }),
      ),
      binding(
        'DataDiscovery',
        buildCrn({ organization: ORG, environment: 'env-1' }),
      ),
      binding(
        'EnvironmentAdmin',
        buildCrn({ organization: ORG, environment: 'env-9' }),
      ),
      binding('Weird', 'crn://elsewhere/x'),
    ],
    {
      environments: [{ id: 'env-1', display_name: 'production' }],
      clusters: [
        cluster('lkc-1', 'sandbox', 'Basic'),
        cluster('lkc-2', 'orders', 'Standard'),
      ],
    },
  );
  expect(groups.count).toBe(7);
  expect(groups.organization.map((view) => view.binding.role_name)).toEqual([
    'MetricsViewer',
  ]);
  expect(groups.unreadable.map((view) => view.binding.role_name)).toEqual([
    'Weird',
  ]);
  // Named environments first by name; an unknown one by its id.
  expect(groups.environments.map((each) => [each.id, each.name])).toEqual([
    ['env-9', undefined],
    ['env-1', 'production'],
  ]);
  const production = groups.environments[1]!;
  expect(production.bindings.map((view) => view.binding.role_name)).toEqual([
    'DataDiscovery',
  ]);
  expect(
    production.clusters.map((each) => [each.id, each.name, each.kind]),
  ).toEqual([
    ['lkc-2', 'orders', 'Standard'],
    ['lkc-1', 'sandbox', 'Basic'],
  ]);
  expect(
    production.clusters[0]!.bindings.map((view) => view.resourceType),
  ).toEqual(['Consumer group', 'Topic']);
});

test('a place names the cluster and environment, or their ids alone', () => {
  const view = viewBinding(
    binding(
      'DeveloperRead',
      buildCrn({
        ...inCluster('lkc-1'),
        kafkaCluster: 'lkc-1',
        resource: { type: 'topic', name: 'x' },
      }),
    ),
  );
  expect(
    describePlace(view, {
      environments: [{ id: 'env-1', display_name: 'production' }],
      clusters: [cluster('lkc-1', 'orders', 'Standard')],
    }),
  ).toBe('in cluster orders (lkc-1) of environment production (env-1)');
  expect(describePlace(view, {})).toBe('in cluster lkc-1 of environment env-1');
  expect(
    describePlace(
      viewBinding(binding('MetricsViewer', buildCrn({ organization: ORG }))),
      {},
    ),
  ).toBe('in the organization');
});
