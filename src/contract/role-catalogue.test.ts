import { expect, test } from 'vitest';
import { buildCrn, parseCrn } from './crn.ts';
import {
  bindingRefusal,
  findRole,
  GRANULAR_RBAC_CLUSTER_KINDS,
  hasGranularRbac,
  ROLE_CATALOGUE,
  ROLE_TARGETS,
  roleActsOn,
  rolesForScope,
  UNKNOWN_ROLE,
  type BindingScope,
  type RoleEffect,
  type RoleTarget,
} from './role-catalogue.ts';

const ORG =
  'crn://confluent.cloud/organization=1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const ENV = `${ORG}/environment=env-1jrymj`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-19ynpv`;
const KAFKA = `${CLUSTER}/kafka=lkc-19ynpv`;
const SR = `${ENV}/schema-registry=lsrc-7x2k0`;

// One CRN for each level a binding can name, and for the levels it cannot.
const AT: Record<BindingScope, string> = {
  organization: ORG,
  environment: ENV,
  'cloud-cluster': CLUSTER,
  topic: `${KAFKA}/topic=orders`,
  group: `${KAFKA}/group=orders-*`,
  'transactional-id': `${KAFKA}/transactional-id=orders-tx`,
  subject: `${SR}/subject=orders-value`,
  kek: `${SR}/kek=orders-kek`,
  connector: `${CLUSTER}/connector=orders-sink`,
  ksql: `${CLUSTER}/ksql=orders-ksql`,
  'compute-pool': `${ENV}/flink-region=aws.us-east-1/compute-pool=lfcp-1`,
  'service-account': `${ORG}/service-account=sa-1`,
  'identity-pool': `${ORG}/identity-provider=op-1/identity-pool=pool-1`,
};
const NEVER = [
  KAFKA,
  SR,
  `${ENV}/flink-region=aws.us-east-1`,
  `${ORG}/identity-provider=op-1`,
];

test('the sample CRNs name the level they stand for', () => {
  for (const [scope, crn] of Object.entries(AT)) {
    const parsed = parseCrn(crn);
    expect(parsed.ok && parsed.crn.scope, crn).toBe(scope);
  }
});

test('the catalogue has each predefined role once, with at least one scope', () => {
  const names = ROLE_CATALOGUE.map((role) => role.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(
    expect.arrayContaining([
      'OrganizationAdmin',
      'AccountAdmin',
      'NetworkAdmin',
      'MetricsViewer',
      'EnvironmentAdmin',
      'DataDiscovery',
      'CloudClusterAdmin',
      'DeveloperRead',
      'DeveloperWrite',
      'DeveloperManage',
      'ResourceOwner',
      'FlinkDeveloper',
      'Assigner',
    ]),
  );
  for (const role of ROLE_CATALOGUE) {
    expect(role.scopes.length, role.name).toBeGreaterThan(0);
    expect(role.summary, role.name).not.toBe('');
  }
});

test('every role is allowed at each of its scopes and refused at every other, in Confluent’s words', () => {
  for (const role of ROLE_CATALOGUE) {
    for (const [scope, crn] of Object.entries(AT)) {
      const refusal = bindingRefusal(role.name, crn);
      if ((role.scopes as readonly string[]).includes(scope)) {
        expect(refusal, `${role.name} at ${scope}`).toBeUndefined();
      } else {
        expect(refusal, `${role.name} at ${scope}`).toMatch(
          new RegExp(
            `^Role ${role.name} must be bound at scope .+, but was bound at ${scope}$`,
          ),
        );
      }
    }
    for (const crn of NEVER) {
      expect(bindingRefusal(role.name, crn), `${role.name} at ${crn}`).toMatch(
        /must be bound at scope/,
      );
    }
  }
});

test('the scopes of the roles Confluent was seen binding', () => {
  const scopes = (name: string) => findRole(name)?.scopes;
  expect(scopes('OrganizationAdmin')).toEqual(['organization']);
  expect(scopes('EnvironmentAdmin')).toEqual(['environment']);
  expect(scopes('CloudClusterAdmin')).toEqual(['cloud-cluster']);
  expect(scopes('MetricsViewer')).toEqual(
    expect.arrayContaining(['organization', 'environment']),
  );
  expect(scopes('DeveloperRead')).toEqual(
    expect.arrayContaining(['topic', 'group', 'transactional-id', 'subject']),
  );
  expect(scopes('DeveloperRead')).not.toContain('cloud-cluster');
  expect(scopes('DeveloperWrite')).toContain('topic');
  expect(scopes('ResourceOwner')).toEqual(
    expect.arrayContaining(['topic', 'group', 'subject', 'identity-pool']),
  );
  expect(scopes('Assigner')).toEqual(['service-account']);
  expect(scopes('FlinkDeveloper')).toEqual(['environment', 'compute-pool']);
});

test('the refusals read as the live service wrote them', () => {
  expect(bindingRefusal('OrganizationAdmin', ENV)).toBe(
    'Role OrganizationAdmin must be bound at scope organization, but was bound at environment',
  );
  expect(bindingRefusal('EnvironmentAdmin', CLUSTER)).toBe(
    'Role EnvironmentAdmin must be bound at scope environment, but was bound at cloud-cluster',
  );
  expect(bindingRefusal('MetricsViewer', AT.topic)).toBe(
    'Role MetricsViewer must be bound at scope organization, environment or cloud-cluster, but was bound at topic',
  );
  // DeveloperRead on a cluster CRN was a 400 from the live service.
  expect(bindingRefusal('DeveloperRead', CLUSTER)).toMatch(
    /^Role DeveloperRead must be bound at scope topic, group, .+, but was bound at cloud-cluster$/,
  );
});

test('an unknown role, or a known one in the wrong case, is refused by name', () => {
  expect(bindingRefusal('Superuser', ORG)).toBe(
    'Invalid role name : Superuser',
  );
  expect(bindingRefusal('developerread', AT.topic)).toBe(
    'Invalid role name : developerread',
  );
  expect(findRole('DeveloperRead')?.name).toBe('DeveloperRead');
  expect(findRole('developerRead')).toBeUndefined();
});

test('a malformed pattern is refused with the reason', () => {
  expect(bindingRefusal('DeveloperRead', `${CLUSTER}/topic=orders`)).toBe(
    `Invalid crn_pattern ${CLUSTER}/topic=orders: topic cannot follow cloud-cluster; it belongs under kafka`,
  );
  expect(bindingRefusal('OrganizationAdmin', 'organization=o')).toMatch(
    /^Invalid crn_pattern organization=o: /,
  );
});

test('prefix and literal resources are judged alike; a parsed CRN works as well as text', () => {
  expect(
    bindingRefusal('DeveloperRead', `${KAFKA}/topic=orders*`),
  ).toBeUndefined();
  expect(bindingRefusal('DeveloperRead', `${SR}/subject=*`)).toBeUndefined();
  expect(bindingRefusal('ResourceOwner', `${KAFKA}/group=g*`)).toBeUndefined();
  const parsed = parseCrn(AT['identity-pool']);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(bindingRefusal('ResourceOwner', parsed.crn)).toBeUndefined();
  expect(bindingRefusal('DeveloperRead', parsed.crn)).toMatch(
    /but was bound at identity-pool$/,
  );
});

test('a Basic cluster refuses topic, group and transactional-id bindings; other types take them', () => {
  for (const scope of ['topic', 'group', 'transactional-id'] as const) {
    expect(
      bindingRefusal('DeveloperRead', AT[scope], { clusterKind: 'Basic' }),
    ).toBe(
      `Role DeveloperRead cannot be bound at scope ${scope} on Basic cluster lkc-19ynpv: bindings on topics, groups and transactional ids need a Standard, Enterprise, Dedicated or Freight cluster`,
    );
    for (const kind of GRANULAR_RBAC_CLUSTER_KINDS) {
      expect(
        bindingRefusal('DeveloperRead', AT[scope], { clusterKind: kind }),
        kind,
      ).toBeUndefined();
    }
  }
  // Cluster-level roles and connectors are fine on Basic.
  expect(
    bindingRefusal('CloudClusterAdmin', CLUSTER, { clusterKind: 'Basic' }),
  ).toBeUndefined();
  expect(
    bindingRefusal('DeveloperRead', AT.connector, { clusterKind: 'Basic' }),
  ).toBeUndefined();
  // The scope is checked first: a wrong scope says so, whatever the cluster.
  expect(
    bindingRefusal('CloudClusterAdmin', AT.topic, { clusterKind: 'Basic' }),
  ).toMatch(/must be bound at scope cloud-cluster/);
  expect(hasGranularRbac('Basic')).toBe(false);
  expect(hasGranularRbac('Dedicated')).toBe(true);
});

test('rolesForScope offers what can be bound there', () => {
  const names = (scope: BindingScope, kind?: string) =>
    rolesForScope(scope, kind).map((role) => role.name);
  expect(names('topic')).toEqual([
    'DeveloperRead',
    'DeveloperWrite',
    'DeveloperManage',
    'ResourceOwner',
  ]);
  expect(names('topic', 'Basic')).toEqual([]);
  expect(names('topic', 'Standard')).toEqual(names('topic'));
  expect(names('cloud-cluster', 'Basic')).toEqual([
    'MetricsViewer',
    'Operator',
    'CloudClusterAdmin',
  ]);
  expect(names('identity-pool')).toEqual(['ResourceOwner']);
  expect(names('organization')).toContain('OrganizationAdmin');
  for (const scope of Object.keys(AT) as BindingScope[]) {
    for (const role of rolesForScope(scope)) {
      const crn = AT[scope];
      expect(bindingRefusal(role.name, crn), `${role.name} ${crn}`).toBe(
        undefined,
      );
    }
  }
});

test('a grant built from the catalogue and buildCrn is accepted', () => {
  const crn = buildCrn({
    organization: '1111aaaa-11aa-11aa-11aa-111111aaaaaa',
    environment: 'env-1jrymj',
    cloudCluster: 'lkc-19ynpv',
    kafkaCluster: 'lkc-19ynpv',
    resource: { type: 'topic', name: 'payments.', isPrefix: true },
  });
  expect(
    bindingRefusal('DeveloperRead', crn, { clusterKind: 'Dedicated' }),
  ).toBe(undefined);
});

// What each role gives where, as the "who can reach" page reads it;
// `undefined` is nothing.
const EFFECTS: [string, RoleTarget, RoleEffect | undefined][] = [
  ['OrganizationAdmin', 'topic', 'full control'],
  ['OrganizationAdmin', 'identity-pool', 'full control'],
  ['EnvironmentAdmin', 'topic', 'full control'],
  ['EnvironmentAdmin', 'subject', 'full control'],
  ['EnvironmentAdmin', 'compute-pool', 'full control'],
  ['EnvironmentAdmin', 'cluster', 'full control'],
  // Identity pools and service accounts are the organization's.
  ['EnvironmentAdmin', 'identity-pool', undefined],
  ['CloudClusterAdmin', 'cluster', 'full control'],
  ['CloudClusterAdmin', 'topic', 'full control'],
  ['CloudClusterAdmin', 'group', 'full control'],
  ['CloudClusterAdmin', 'transactional-id', 'full control'],
  ['CloudClusterAdmin', 'connector', 'full control'],
  // The Schema Registry is the environment's, not the cluster's.
  ['CloudClusterAdmin', 'subject', undefined],
  ['CloudClusterAdmin', 'compute-pool', undefined],
  ['MetricsViewer', 'topic', undefined],
  ['MetricsViewer', 'subject', undefined],
  ['MetricsViewer', 'cluster', 'metrics only'],
  ['BillingAdmin', 'topic', undefined],
  ['BillingAdmin', 'cluster', undefined],
  ['NetworkAdmin', 'topic', undefined],
  ['NetworkAdmin', 'cluster', undefined],
  ['AccountAdmin', 'topic', undefined],
  ['AccountAdmin', 'service-account', 'manages'],
  ['AccountAdmin', 'identity-pool', 'manages'],
  ['Operator', 'cluster', 'operates'],
  ['Operator', 'connector', 'operates'],
  ['Operator', 'topic', undefined],
  ['DataDiscovery', 'topic', undefined],
  ['DataDiscovery', 'subject', 'reads metadata'],
  ['DataSteward', 'subject', 'manages'],
  ['DataSteward', 'topic', undefined],
  ['FlinkAdmin', 'compute-pool', 'manages'],
  ['FlinkAdmin', 'topic', undefined],
  ['FlinkDeveloper', 'compute-pool', 'uses'],
  ['FlinkDeveloper', 'topic', undefined],
  ['DeveloperRead', 'topic', 'reads'],
  ['DeveloperRead', 'group', 'reads'],
  ['DeveloperRead', 'connector', 'reads'],
  ['DeveloperRead', 'cluster', undefined],
  ['DeveloperWrite', 'topic', 'writes'],
  ['DeveloperWrite', 'transactional-id', 'writes'],
  ['DeveloperWrite', 'subject', 'writes'],
  ['DeveloperWrite', 'group', undefined],
  ['DeveloperManage', 'topic', 'manages'],
  ['DeveloperManage', 'group', 'manages'],
  ['ResourceOwner', 'topic', 'full control'],
  ['ResourceOwner', 'identity-pool', 'full control'],
  ['Assigner', 'service-account', 'uses'],
  ['Assigner', 'topic', undefined],
];

test.each(EFFECTS)('roleActsOn(%s, %s) is %s', (role, target, effect) => {
  expect(roleActsOn(role, target)).toBe(effect);
});

test('OrganizationAdmin gives full control on everything', () => {
  for (const target of ROLE_TARGETS) {
    expect(roleActsOn('OrganizationAdmin', target), target).toBe(
      'full control',
    );
  }
});

test('BillingAdmin and NetworkAdmin give nothing on anything the page asks about', () => {
  for (const role of ['BillingAdmin', 'NetworkAdmin']) {
    for (const target of ROLE_TARGETS) {
      expect(roleActsOn(role, target), `${role} ${target}`).toBeUndefined();
    }
  }
});

test('a role bound on a resource gives something on that resource', () => {
  for (const role of ROLE_CATALOGUE) {
    for (const scope of role.scopes) {
      if (!(ROLE_TARGETS as readonly string[]).includes(scope)) continue;
      expect(
        roleActsOn(role.name, scope as RoleTarget),
        `${role.name} on ${scope}`,
      ).toBeDefined();
    }
  }
});

test('of the roles bound at a scope, only the three admins reach Kafka data', () => {
  const broad = ROLE_CATALOGUE.filter((role) =>
    role.scopes.some((scope) =>
      ['organization', 'environment', 'cloud-cluster'].includes(scope),
    ),
  );
  for (const target of ['topic', 'group', 'transactional-id'] as const) {
    expect(
      broad
        .filter((role) => roleActsOn(role.name, target) !== undefined)
        .map((role) => role.name),
      target,
    ).toEqual(['OrganizationAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin']);
  }
});

test('every effect names a known target', () => {
  for (const role of ROLE_CATALOGUE) {
    for (const target of Object.keys(role.effects)) {
      expect(ROLE_TARGETS, `${role.name} ${target}`).toContain(target);
    }
  }
});

test('an unknown role, or a known one in the wrong case, answers as unknown on every target', () => {
  for (const target of ROLE_TARGETS) {
    expect(roleActsOn('Superuser', target)).toBe(UNKNOWN_ROLE);
    expect(roleActsOn('developerwrite', target)).toBe(UNKNOWN_ROLE);
  }
  expect(roleActsOn('', 'topic')).toBe(UNKNOWN_ROLE);
});
