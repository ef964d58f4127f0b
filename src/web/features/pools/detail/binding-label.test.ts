import { expect, test } from 'vitest';
import { bindingResourceLabel } from './binding-label.ts';

const ORG =
  'crn://confluent.cloud/organization=1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const CLUSTER = `${ORG}/environment=env-1/cloud-cluster=lkc-1`;

test('scopes and resources read as an administrator says them', () => {
  expect(bindingResourceLabel(ORG)).toBe('the organization');
  expect(bindingResourceLabel(`${ORG}/environment=env-1`)).toBe(
    'environment env-1',
  );
  expect(bindingResourceLabel(CLUSTER)).toBe('Kafka cluster lkc-1 (env-1)');
  expect(bindingResourceLabel(`${CLUSTER}/kafka=lkc-1/topic=orders`)).toBe(
    'topic “orders” in Kafka cluster lkc-1 (env-1)',
  );
  expect(bindingResourceLabel(`${CLUSTER}/kafka=lkc-1/group=app-*`)).toBe(
    'consumer groups starting with “app-” in Kafka cluster lkc-1 (env-1)',
  );
  expect(
    bindingResourceLabel(
      `${ORG}/environment=env-1/schema-registry=lsrc-1/subject=*`,
    ),
  ).toBe('every subject in Schema Registry lsrc-1 (env-1)');
  expect(
    bindingResourceLabel(
      `${ORG}/identity-provider=op-1/identity-pool=pool-AzXR`,
    ),
  ).toBe('identity pool “pool-AzXR” in identity provider op-1');
});

test('a pattern that does not parse is shown as written', () => {
  expect(bindingResourceLabel('crn://elsewhere/x=y')).toBe(
    'crn://elsewhere/x=y',
  );
});
