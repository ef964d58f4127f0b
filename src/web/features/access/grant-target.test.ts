import { expect, test } from 'vitest';
import { findRole } from '#contract/role-catalogue.ts';
import {
  clusterTakesScope,
  EMPTY_GRANT,
  GRANTABLE_ROLES,
  grantableScopes,
  grantCrn,
  grantRefusal,
  roleOptionLabel,
} from './grant-target.ts';

const ORG = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';

test('the CRN of a topic prefix is the one Confluent writes', () => {
  expect(
    grantCrn(
      {
        ...EMPTY_GRANT,
        role: 'DeveloperRead',
        scope: 'topic',
        environment: 'env-1',
        cluster: 'lkc-1',
        name: 'orders.',
        isPrefix: true,
      },
      ORG,
    ),
  ).toEqual({
    crn: `crn://confluent.cloud/organization=${ORG}/environment=env-1/cloud-cluster=lkc-1/kafka=lkc-1/topic=orders.*`,
  });
});

test('scope-level CRNs stop at their scope; subjects go under the Schema Registry', () => {
  const base = { ...EMPTY_GRANT, environment: 'env-1', cluster: 'lkc-1' };
  expect(
    grantCrn({ ...base, role: 'MetricsViewer', scope: 'organization' }, ORG),
  ).toEqual({ crn: `crn://confluent.cloud/organization=${ORG}` });
  expect(
    grantCrn(
      { ...base, role: 'CloudClusterAdmin', scope: 'cloud-cluster' },
      ORG,
    ),
  ).toEqual({
    crn: `crn://confluent.cloud/organization=${ORG}/environment=env-1/cloud-cluster=lkc-1`,
  });
  expect(
    grantCrn(
      {
        ...base,
        role: 'DeveloperRead',
        scope: 'subject',
        schemaRegistry: 'lsrc-9',
        name: 'orders-value',
      },
      ORG,
    ),
  ).toEqual({
    crn: `crn://confluent.cloud/organization=${ORG}/environment=env-1/schema-registry=lsrc-9/subject=orders-value`,
  });
});

test('what is missing is said instead of a CRN', () => {
  expect(grantCrn(EMPTY_GRANT, ORG)).toEqual({ missing: 'Choose a role.' });
  expect(
    grantCrn({ ...EMPTY_GRANT, role: 'DeveloperRead', scope: 'topic' }, ORG),
  ).toEqual({ missing: 'Choose an environment.' });
  expect(
    grantCrn(
      {
        ...EMPTY_GRANT,
        role: 'DeveloperRead',
        scope: 'topic',
        environment: 'env-1',
        cluster: 'lkc-1',
      },
      ORG,
    ),
  ).toEqual({ missing: 'Enter the resource’s name, or turn on Prefix.' });
});

test('roles list only the scopes the form builds; service-account-only roles are left out', () => {
  expect(grantableScopes(findRole('ResourceOwner'))).toEqual([
    'topic',
    'group',
    'subject',
  ]);
  expect(GRANTABLE_ROLES.map((role) => role.name)).not.toContain('Assigner');
  expect(roleOptionLabel(findRole('CloudClusterAdmin')!)).toBe(
    'CloudClusterAdmin — Kafka cluster',
  );
});

test('Basic clusters take cluster-level roles only, and the refusal says so', () => {
  expect(clusterTakesScope('Basic', 'topic')).toBe(false);
  expect(clusterTakesScope('Basic', 'cloud-cluster')).toBe(true);
  expect(clusterTakesScope('Standard', 'group')).toBe(true);
  const crn = `crn://confluent.cloud/organization=${ORG}/environment=env-1/cloud-cluster=lkc-1/kafka=lkc-1/topic=x`;
  expect(grantRefusal('DeveloperRead', crn, 'Basic')).toMatch(
    /cannot be bound at scope topic on Basic cluster lkc-1/,
  );
  expect(grantRefusal('DeveloperRead', crn, 'Dedicated')).toBeUndefined();
  expect(
    grantRefusal('DeveloperRead', `${crn.slice(0, -1)}o*x`, undefined),
  ).toMatch(/\* may only end a resource name/);
});
