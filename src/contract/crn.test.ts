import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  buildCrn,
  cloudClusterCrn,
  CRN_RESOURCE_TYPES,
  crnQueryMatches,
  inclusiveCrnQuery,
  normalizeCrn,
  parseCrn,
  PREFIXABLE_RESOURCE_TYPES,
  splitCrnQuery,
  type Crn,
  type CrnParts,
} from './crn.ts';

const ORG =
  'crn://confluent.cloud/organization=1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const ENV = `${ORG}/environment=env-1jrymj`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-19ynpv`;
const KAFKA = `${CLUSTER}/kafka=lkc-19ynpv`;
const SR = `${ENV}/schema-registry=lsrc-7x2k0`;

function parsed(text: string): Crn {
  const result = parseCrn(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.crn;
}

function refused(text: string): string {
  const result = parseCrn(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.error;
}

test('every scope Confluent binds at parses into its ids and level', () => {
  const organization = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
  expect(parsed(ORG)).toEqual({
    segments: [{ key: 'organization', value: organization }],
    organization,
    scope: 'organization',
  });
  expect(parsed(ENV)).toMatchObject({
    organization,
    environment: 'env-1jrymj',
    scope: 'environment',
  });
  expect(parsed(CLUSTER)).toMatchObject({
    environment: 'env-1jrymj',
    cloudCluster: 'lkc-19ynpv',
    scope: 'cloud-cluster',
  });
  expect(parsed(CLUSTER).kafkaCluster).toBeUndefined();
  // A cluster's own resource_name: a level of its own, where no role binds.
  expect(parsed(KAFKA)).toMatchObject({
    cloudCluster: 'lkc-19ynpv',
    kafkaCluster: 'lkc-19ynpv',
    scope: 'kafka-cluster',
  });
  expect(parsed(SR)).toMatchObject({
    environment: 'env-1jrymj',
    schemaRegistry: 'lsrc-7x2k0',
    scope: 'schema-registry',
  });
  expect(parsed(SR).resource).toBeUndefined();
});

test('every resource form of a binding parses, literal and prefix', () => {
  const cases: [string, Partial<Crn>][] = [
    [
      `${KAFKA}/topic=orders`,
      {
        scope: 'topic',
        cloudCluster: 'lkc-19ynpv',
        kafkaCluster: 'lkc-19ynpv',
        resource: { type: 'topic', name: 'orders', isPrefix: false },
      },
    ],
    [
      `${KAFKA}/topic=orders.*`,
      {
        scope: 'topic',
        resource: { type: 'topic', name: 'orders.', isPrefix: true },
      },
    ],
    [
      `${KAFKA}/group=confluent_cli_consumer_*`,
      {
        scope: 'group',
        resource: {
          type: 'group',
          name: 'confluent_cli_consumer_',
          isPrefix: true,
        },
      },
    ],
    [
      `${KAFKA}/transactional-id=payments-tx`,
      {
        scope: 'transactional-id',
        resource: {
          type: 'transactional-id',
          name: 'payments-tx',
          isPrefix: false,
        },
      },
    ],
    [
      `${CLUSTER}/connector=s3-sink`,
      {
        scope: 'connector',
        resource: { type: 'connector', name: 's3-sink', isPrefix: false },
      },
    ],
    [
      `${SR}/subject=orders-value`,
      {
        scope: 'subject',
        schemaRegistry: 'lsrc-7x2k0',
        resource: { type: 'subject', name: 'orders-value', isPrefix: false },
      },
    ],
    [
      `${SR}/subject=*`,
      {
        scope: 'subject',
        resource: { type: 'subject', name: '', isPrefix: true },
      },
    ],
    [
      `${SR}/kek=payments-kek`,
      {
        scope: 'kek',
        resource: { type: 'kek', name: 'payments-kek', isPrefix: false },
      },
    ],
    [
      `${CLUSTER}/ksql=orders-ksql`,
      {
        scope: 'ksql',
        resource: { type: 'ksql', name: 'orders-ksql', isPrefix: false },
      },
    ],
    [
      `${ENV}/flink-region=aws.us-east-1/compute-pool=lfcp-8m3x1`,
      {
        scope: 'compute-pool',
        flinkRegion: 'aws.us-east-1',
        resource: {
          type: 'compute-pool',
          name: 'lfcp-8m3x1',
          isPrefix: false,
        },
      },
    ],
    [
      `${ORG}/service-account=sa-9d8k2`,
      {
        scope: 'service-account',
        resource: {
          type: 'service-account',
          name: 'sa-9d8k2',
          isPrefix: false,
        },
      },
    ],
    [
      `${ORG}/identity-provider=op-4EY/identity-pool=pool-AzXR`,
      {
        scope: 'identity-pool',
        identityProvider: 'op-4EY',
        resource: {
          type: 'identity-pool',
          name: 'pool-AzXR',
          isPrefix: false,
        },
      },
    ],
  ];
  for (const [text, expected] of cases) {
    expect(parsed(text), text).toMatchObject(expected);
  }
  expect(new Set(cases.map(([text]) => parsed(text).resource?.type))).toEqual(
    new Set(CRN_RESOURCE_TYPES),
  );
  expect(parsed(`${ORG}/identity-provider=op-4EY`).scope).toBe(
    'identity-provider',
  );
  expect(parsed(`${ENV}/flink-region=aws.us-east-1`).scope).toBe(
    'flink-region',
  );
});

test("the CLI's transactionalid= is the same resource as Terraform's transactional-id=", () => {
  const cli = parsed(`${KAFKA}/transactionalid=tx-*`);
  expect(cli.scope).toBe('transactional-id');
  expect(cli.resource).toEqual({
    type: 'transactional-id',
    name: 'tx-',
    isPrefix: true,
  });
  // The segment keeps what was written.
  expect(cli.segments.at(-1)).toEqual({
    key: 'transactionalid',
    value: 'tx-*',
  });
});

test('a resource name runs to the end, so it may hold / = and :', () => {
  expect(parsed(`${SR}/subject=com.acme/orders=v1-value`).resource).toEqual({
    type: 'subject',
    name: 'com.acme/orders=v1-value',
    isPrefix: false,
  });
  expect(parsed(`${SR}/subject=urn:acme:orders`).resource?.name).toBe(
    'urn:acme:orders',
  );
});

test('%3A reads as : anywhere, in either case', () => {
  expect(parsed(`${SR}/subject=urn%3Aacme%3aorders`).resource?.name).toBe(
    'urn:acme:orders',
  );
  expect(normalizeCrn(`${SR}/subject=a%3Ab%2Fc`)).toBe(`${SR}/subject=a:b%2Fc`);
  expect(parsed('crn%3A//confluent.cloud/organization=o').organization).toBe(
    'o',
  );
});

test('malformed CRNs are refused with the reason', () => {
  expect(refused('organization=o')).toMatch(
    /starts with crn:\/\/confluent\.cloud\//,
  );
  expect(refused('crn://confluent.cloud/')).toMatch(/organization is missing/);
  expect(refused(`crn://confluent.cloud/environment=env-1`)).toMatch(
    /environment cannot follow the CRN root/,
  );
  expect(refused(`${ENV}/organization=o`)).toMatch(/must be the first/);
  expect(refused(`${ORG}/cloud-cluster=lkc-1`)).toMatch(
    /cloud-cluster cannot follow organization; it belongs under environment/,
  );
  expect(refused(`${CLUSTER}/topic=orders`)).toMatch(
    /topic cannot follow cloud-cluster; it belongs under kafka/,
  );
  expect(refused(`${KAFKA}/subject=x`)).toMatch(
    /belongs under schema-registry/,
  );
  expect(refused(`${ENV}/service-account=sa-1`)).toMatch(
    /belongs under organization/,
  );
  expect(refused(`${ORG}/widget=w`)).toMatch(/unknown segment "widget"/);
  expect(refused(`${ENV}/`)).toMatch(/does not end in \//);
  expect(refused(`${ORG}//environment=env-1`)).toMatch(/not a key=value/);
  expect(refused(`${ORG}/environment`)).toMatch(
    /"environment" is not a key=value/,
  );
  expect(refused(`${ORG}/*`)).toMatch(/"\*" is not a key=value/);
  expect(refused(`${ORG}/environment=`)).toMatch(/environment has no value/);
  expect(refused(`${KAFKA}/topic=`)).toMatch(/topic has no name/);
  expect(refused(`${ORG}/environment=env-*`)).toMatch(
    /only a resource can be a prefix/,
  );
  expect(refused(`${KAFKA}/topic=or*ders`)).toMatch(
    /\* may only end a resource name/,
  );
  expect(refused(`${KAFKA}/topic=orders**`)).toMatch(/\* may only end/);
  expect(refused(`${ORG}/service-account=sa-*`)).toMatch(
    /a service-account cannot be a prefix/,
  );
});

test('only topics, groups, transactional ids, subjects, keks and connectors can be prefixes', () => {
  const parents: Record<string, CrnParts> = {
    topic: {
      organization: 'o',
      environment: 'e',
      cloudCluster: 'c',
      kafkaCluster: 'c',
    },
    group: {
      organization: 'o',
      environment: 'e',
      cloudCluster: 'c',
      kafkaCluster: 'c',
    },
    'transactional-id': {
      organization: 'o',
      environment: 'e',
      cloudCluster: 'c',
      kafkaCluster: 'c',
    },
    subject: { organization: 'o', environment: 'e', schemaRegistry: 's' },
    kek: { organization: 'o', environment: 'e', schemaRegistry: 's' },
    connector: { organization: 'o', environment: 'e', cloudCluster: 'c' },
    ksql: { organization: 'o', environment: 'e', cloudCluster: 'c' },
    'compute-pool': {
      organization: 'o',
      environment: 'e',
      flinkRegion: 'aws.us-east-1',
    },
    'service-account': { organization: 'o' },
    'identity-pool': { organization: 'o', identityProvider: 'op-1' },
  };
  for (const type of CRN_RESOURCE_TYPES) {
    const literal = buildCrn({
      ...parents[type]!,
      resource: { type, name: 'x' },
    });
    expect(parseCrn(literal).ok, literal).toBe(true);
    const prefix = buildCrn({
      ...parents[type]!,
      resource: { type, name: 'x', isPrefix: true },
    });
    expect(parseCrn(prefix).ok, prefix).toBe(
      PREFIXABLE_RESOURCE_TYPES.includes(type),
    );
  }
});

test('buildCrn writes the segments in the order the CLI does', () => {
  const organization = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
  expect(buildCrn({ organization })).toBe(ORG);
  expect(buildCrn({ organization, environment: 'env-1jrymj' })).toBe(ENV);
  expect(
    buildCrn({
      environment: 'env-1jrymj',
      cloudCluster: 'lkc-19ynpv',
      organization,
    }),
  ).toBe(CLUSTER);
  expect(
    buildCrn({
      resource: { type: 'topic', name: 'orders', isPrefix: true },
      kafkaCluster: 'lkc-19ynpv',
      cloudCluster: 'lkc-19ynpv',
      environment: 'env-1jrymj',
      organization,
    }),
  ).toBe(`${KAFKA}/topic=orders*`);
  expect(
    buildCrn({
      organization,
      environment: 'env-1jrymj',
      schemaRegistry: 'lsrc-7x2k0',
      resource: { type: 'subject', name: 'orders-value' },
    }),
  ).toBe(`${SR}/subject=orders-value`);
  expect(
    buildCrn({
      organization,
      identityProvider: 'op-4EY',
      resource: { type: 'identity-pool', name: 'pool-AzXR' },
    }),
  ).toBe(`${ORG}/identity-provider=op-4EY/identity-pool=pool-AzXR`);
  expect(
    buildCrn({
      organization,
      environment: 'env-1jrymj',
      flinkRegion: 'aws.us-east-1',
      resource: { type: 'compute-pool', name: 'lfcp-1' },
    }),
  ).toBe(`${ENV}/flink-region=aws.us-east-1/compute-pool=lfcp-1`);
});

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const resourceName = fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/);

// Each scope's ids, shaped so that the built CRN nests as Confluent's do.
const partsArbitrary: fc.Arbitrary<CrnParts> = fc.oneof(
  fc.record({ organization: id }),
  fc.record({ organization: id, environment: id }),
  fc
    .record({ organization: id, environment: id, cloudCluster: id })
    .chain((parts) =>
      fc.oneof(
        fc.constant(parts),
        fc
          .record({
            type: fc.constantFrom(
              'topic',
              'group',
              'transactional-id' as const,
            ),
            name: resourceName,
            isPrefix: fc.boolean(),
          })
          .map((resource) => ({
            ...parts,
            kafkaCluster: parts.cloudCluster,
            resource,
          })),
      ),
    ),
  fc.record({
    organization: id,
    environment: id,
    schemaRegistry: id,
    resource: fc.record({
      type: fc.constantFrom('subject', 'kek' as const),
      name: resourceName,
      isPrefix: fc.boolean(),
    }),
  }),
);

test('parseCrn reads back what buildCrn wrote, for any ids and names', () => {
  fc.assert(
    fc.property(partsArbitrary, (parts) => {
      const crn = parsed(buildCrn(parts));
      expect(crn.organization).toBe(parts.organization);
      expect(crn.environment).toBe(parts.environment);
      expect(crn.cloudCluster).toBe(parts.cloudCluster);
      expect(crn.kafkaCluster).toBe(parts.kafkaCluster);
      expect(crn.schemaRegistry).toBe(parts.schemaRegistry);
      expect(crn.resource).toEqual(
        parts.resource && {
          ...parts.resource,
          isPrefix: parts.resource.isPrefix ?? false,
        },
      );
    }),
  );
});

test("cloudClusterCrn cuts a cluster's resource_name to the CRN cluster roles bind at", () => {
  expect(cloudClusterCrn(KAFKA)).toBe(CLUSTER);
  expect(cloudClusterCrn(CLUSTER)).toBeUndefined();
  expect(cloudClusterCrn(`${CLUSTER}/kafka=lkc-other`)).toBeUndefined();
  expect(cloudClusterCrn(`${KAFKA}/topic=x`)).toBeUndefined();
});

test('a query ending in /* is inclusive; anything else is exact', () => {
  expect(splitCrnQuery(`${ORG}/*`)).toEqual({ base: ORG, isInclusive: true });
  expect(splitCrnQuery(ORG)).toEqual({ base: ORG, isInclusive: false });
  expect(splitCrnQuery(`${KAFKA}/topic=abc*`)).toEqual({
    base: `${KAFKA}/topic=abc*`,
    isInclusive: false,
  });
  expect(inclusiveCrnQuery(ORG)).toBe(`${ORG}/*`);
});

test('an inclusive query matches its own scope and every scope below it', () => {
  const below = [
    ORG,
    ENV,
    CLUSTER,
    KAFKA,
    `${KAFKA}/topic=orders`,
    `${KAFKA}/topic=orders*`,
    `${SR}/subject=*`,
    `${ORG}/identity-provider=op-1/identity-pool=pool-1`,
  ];
  for (const pattern of below) {
    expect(crnQueryMatches(`${ORG}/*`, pattern), pattern).toBe(true);
  }
  expect(crnQueryMatches(`${CLUSTER}/*`, CLUSTER)).toBe(true);
  expect(crnQueryMatches(`${CLUSTER}/*`, `${KAFKA}/group=g`)).toBe(true);
  expect(crnQueryMatches(`${CLUSTER}/*`, ENV)).toBe(false);
  expect(crnQueryMatches(`${CLUSTER}/*`, ORG)).toBe(false);
  expect(crnQueryMatches(`${ENV}/*`, `${SR}/subject=x`)).toBe(true);
  // A sibling whose id merely starts the same is not below.
  expect(crnQueryMatches(`${CLUSTER}/*`, `${CLUSTER}0`)).toBe(false);
  expect(crnQueryMatches(`${CLUSTER}/*`, `${CLUSTER}0/kafka=lkc-19ynpv0`)).toBe(
    false,
  );
  // Another organization.
  expect(
    crnQueryMatches(`${ORG}/*`, 'crn://confluent.cloud/organization=other'),
  ).toBe(false);
});

test('an exact query matches only the same pattern; a prefix binding is found by its own pattern', () => {
  expect(crnQueryMatches(ENV, ENV)).toBe(true);
  expect(crnQueryMatches(ENV, CLUSTER)).toBe(false);
  expect(crnQueryMatches(ORG, ENV)).toBe(false);
  const prefix = `${KAFKA}/topic=abc*`;
  expect(crnQueryMatches(prefix, prefix)).toBe(true);
  expect(crnQueryMatches(prefix, `${KAFKA}/topic=abc`)).toBe(false);
  expect(crnQueryMatches(prefix, `${KAFKA}/topic=abcd`)).toBe(false);
  expect(crnQueryMatches(`${KAFKA}/topic=abc`, prefix)).toBe(false);
});

test('queries and patterns compare %3A and : alike', () => {
  const escaped = `${SR}/subject=urn%3Aorders`;
  const plain = `${SR}/subject=urn:orders`;
  expect(crnQueryMatches(escaped, plain)).toBe(true);
  expect(crnQueryMatches(plain, escaped)).toBe(true);
  expect(crnQueryMatches(`${SR}/*`, escaped)).toBe(true);
  expect(
    crnQueryMatches(`${SR}/subject=urn%2Forders`, `${SR}/subject=urn/orders`),
  ).toBe(false);
});
