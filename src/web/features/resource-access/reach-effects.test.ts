import { expect, test } from 'vitest';
import {
  indexBindings,
  whoReaches,
  type AccessBinding,
} from '#contract/effective-access.ts';
import { splitByEffect } from './reach-effects.ts';

const ORG = 'crn://confluent.cloud/organization=o-1';
const ENV = `${ORG}/environment=env-1`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-1`;
const KAFKA = `${CLUSTER}/kafka=lkc-1`;
const SR = `${ENV}/schema-registry=lsrc-1`;

const BINDINGS: AccessBinding[] = [
  ['admin', 'OrganizationAdmin', ORG],
  ['metrics', 'MetricsViewer', ORG],
  ['billing', 'BillingAdmin', ORG],
  ['discovery', 'DataDiscovery', ENV],
  ['flink', 'FlinkDeveloper', ENV],
  ['operator', 'Operator', CLUSTER],
  ['custom', 'SomeFutureRole', ENV],
  ['writer', 'DeveloperWrite', `${KAFKA}/topic=orders`],
  ['reader', 'DeveloperRead', `${KAFKA}/topic=ord*`],
  ['schemas', 'DeveloperRead', `${SR}/subject=orders-value`],
].map(([id, role_name, crn_pattern]) => ({
  id: id!,
  principal: `User:pool-${id!}`,
  role_name: role_name!,
  crn_pattern: crn_pattern!,
}));

const INDEX = indexBindings(BINDINGS);

function split(crn: string, asked: Parameters<typeof splitByEffect>[1]) {
  const { acting, inert } = splitByEffect(whoReaches(INDEX, crn), asked);
  return {
    acting: acting.map((reach) => [reach.binding.id, reach.effect]),
    inert: inert.map((reach) => reach.binding.id),
  };
}

test('on a topic, only roles that act on topics reach it; the rest stand apart, in order', () => {
  expect(split(`${KAFKA}/topic=orders`, 'topic')).toEqual({
    acting: [
      ['writer', 'writes'],
      ['reader', 'reads'],
      ['custom', 'unknown role'],
      ['admin', 'full control'],
    ],
    inert: ['operator', 'discovery', 'flink', 'metrics', 'billing'],
  });
});

test('on the cluster itself, metrics and operation count, and a binding inside by its own type', () => {
  expect(split(CLUSTER, 'cluster')).toEqual({
    acting: [
      ['operator', 'operates'],
      ['custom', 'unknown role'],
      ['admin', 'full control'],
      ['metrics', 'metrics only'],
      ['writer', 'writes'],
      ['reader', 'reads'],
    ],
    inert: ['discovery', 'flink', 'billing'],
  });
});

test('on a subject, DataDiscovery reads metadata', () => {
  const { acting, inert } = split(`${SR}/subject=orders-value`, 'subject');
  expect(acting).toContainEqual(['discovery', 'reads metadata']);
  expect(acting).toContainEqual(['schemas', 'reads']);
  expect(inert).toEqual(
    expect.arrayContaining(['metrics', 'flink', 'billing']),
  );
  expect(inert).not.toContain('operator');
});
