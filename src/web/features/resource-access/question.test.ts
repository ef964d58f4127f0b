import { expect, test } from 'vitest';
import { describeScope } from '#contract/effective-access.ts';
import { paths } from '@/config/paths.ts';
import {
  missingPart,
  questionCrn,
  questionFromSearch,
  questionScope,
  questionSearch,
  type Question,
} from './question.ts';

const ORG = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const BASE = `crn://confluent.cloud/organization=${ORG}/environment=env-1`;
const KAFKA = `${BASE}/cloud-cluster=lkc-1/kafka=lkc-1`;

const TOPIC: Question = {
  environment: 'env-1',
  cluster: 'lkc-1',
  registry: '',
  kind: 'topic',
  name: 'orders',
  prefix: false,
};

function question(change: Partial<Question>): Question {
  return { ...TOPIC, ...change };
}

// Through the URL as the page writes it and reads it back.
function roundTrip(asked: Question): Question {
  const href = paths.resourceAccess.getHref(questionSearch(asked));
  return questionFromSearch(new URL(href, 'http://x').searchParams);
}

test('an empty query asks about a topic, with nothing chosen', () => {
  expect(questionFromSearch(new URLSearchParams())).toEqual({
    environment: '',
    cluster: '',
    registry: '',
    kind: 'topic',
    name: '',
    prefix: false,
  });
});

test('an unknown type falls back to a topic; prefix is on only as 1', () => {
  const read = (query: string) =>
    questionFromSearch(new URLSearchParams(query));
  expect(read('type=queue&name=a').kind).toBe('topic');
  expect(read('type=Topic').kind).toBe('topic');
  expect(read('type=group').kind).toBe('group');
  expect(read('prefix=1').prefix).toBe(true);
  expect(read('prefix=true').prefix).toBe(false);
  expect(read('prefix=').prefix).toBe(false);
});

test.each<[string, Partial<Question>, Record<string, string>]>([
  [
    'a topic keeps its cluster, drops a registry',
    { registry: 'lsrc-1', prefix: true },
    {
      environment: 'env-1',
      cluster: 'lkc-1',
      registry: '',
      type: 'topic',
      name: 'orders',
      prefix: '1',
    },
  ],
  [
    'a subject keeps its registry, trimmed, drops the cluster',
    { kind: 'subject', registry: ' lsrc-1 ', name: 'orders-value' },
    {
      environment: 'env-1',
      cluster: '',
      registry: 'lsrc-1',
      type: 'subject',
      name: 'orders-value',
      prefix: '',
    },
  ],
  [
    'the cluster itself drops name and prefix',
    { kind: 'cluster', prefix: true },
    {
      environment: 'env-1',
      cluster: 'lkc-1',
      registry: '',
      type: 'cluster',
      name: '',
      prefix: '',
    },
  ],
])('questionSearch: %s', (_, change, search) => {
  expect(questionSearch(question(change))).toEqual(search);
});

test('questionSearch has only the keys the URL knows', () => {
  const stray = { ...TOPIC, extra: 'x' } as Question;
  expect(Object.keys(questionSearch(stray)).sort()).toEqual(
    ['cluster', 'environment', 'name', 'prefix', 'registry', 'type'].sort(),
  );
});

test.each<[string, Partial<Question>]>([
  ['a topic', {}],
  ['a topic prefix', { name: 'ingest.', prefix: true }],
  ['every topic', { name: '', prefix: true }],
  ['a consumer group', { kind: 'group', name: 'reporting-' }],
  ['a transactional id', { kind: 'transactional-id', name: 'tx' }],
  [
    'a subject',
    { kind: 'subject', cluster: '', registry: 'lsrc-1', name: 'a:b' },
  ],
  ['the cluster itself', { kind: 'cluster', name: '' }],
])('%s round-trips through the URL', (_, change) => {
  const asked = question(change);
  expect(roundTrip(asked)).toEqual(asked);
});

test('what a kind ignores does not survive the round trip', () => {
  expect(
    roundTrip(question({ kind: 'cluster', name: 'orders', prefix: true })),
  ).toEqual(question({ kind: 'cluster', name: '', prefix: false }));
  expect(
    roundTrip(question({ kind: 'subject', registry: 'lsrc-1' })).cluster,
  ).toBe('');
});

test.each<[string, Partial<Question>, string | undefined]>([
  ['no environment', { environment: '' }, 'Choose an environment.'],
  [
    'no environment, whatever else is missing',
    { environment: '', cluster: '', name: '' },
    'Choose an environment.',
  ],
  ['a topic without a cluster', { cluster: '' }, 'Choose a Kafka cluster.'],
  [
    'a group without a cluster',
    { kind: 'group', cluster: '' },
    'Choose a Kafka cluster.',
  ],
  [
    'the cluster itself without one',
    { kind: 'cluster', cluster: '' },
    'Choose a Kafka cluster.',
  ],
  [
    'a subject without a registry',
    { kind: 'subject', registry: '' },
    'Enter the Schema Registry cluster id (lsrc-…).',
  ],
  [
    'a subject with a blank registry',
    { kind: 'subject', registry: '  ' },
    'Enter the Schema Registry cluster id (lsrc-…).',
  ],
  [
    'a topic without a name',
    { name: '' },
    'Enter a name, or tick Prefix to ask about every name.',
  ],
  [
    'a subject without a name',
    { kind: 'subject', registry: 'lsrc-1', name: '' },
    'Enter a name, or tick Prefix to ask about every name.',
  ],
  ['an empty prefix: every name', { name: '', prefix: true }, undefined],
  [
    'the cluster itself needs no name',
    { kind: 'cluster', name: '' },
    undefined,
  ],
  [
    'a subject needs no Kafka cluster',
    { kind: 'subject', cluster: '', registry: 'lsrc-1' },
    undefined,
  ],
  ['a whole topic question', {}, undefined],
])('missingPart: %s', (_, change, message) => {
  expect(missingPart(question(change))).toBe(message);
});

test.each<[string, Partial<Question>, string | undefined]>([
  ['a topic', {}, `${KAFKA}/topic=orders`],
  [
    'a topic prefix',
    { name: 'ingest.', prefix: true },
    `${KAFKA}/topic=ingest.*`,
  ],
  [
    'an empty prefix: every topic',
    { name: '', prefix: true },
    `${KAFKA}/topic=*`,
  ],
  ['a group', { kind: 'group', name: 'g' }, `${KAFKA}/group=g`],
  [
    'a subject, in its registry',
    {
      kind: 'subject',
      cluster: '',
      registry: ' lsrc-1 ',
      name: 'orders-value',
    },
    `${BASE}/schema-registry=lsrc-1/subject=orders-value`,
  ],
  [
    'the cluster itself',
    { kind: 'cluster', name: 'ignored' },
    `${BASE}/cloud-cluster=lkc-1`,
  ],
  ['an incomplete question', { name: '' }, undefined],
])('questionCrn: %s', (_, change, crn) => {
  expect(questionCrn(question(change), ORG)).toBe(crn);
});

test('questionScope: a topic, a prefix and every name', () => {
  expect(questionScope(TOPIC, ORG)).toEqual({
    kind: 'resources',
    organization: ORG,
    environment: 'env-1',
    clusterType: 'kafka',
    cluster: 'lkc-1',
    resourceType: 'topic',
    name: 'orders',
    isPrefix: false,
  });
  const names = new Map([
    ['lkc-1', 'orders-prod'],
    ['env-1', 'production'],
  ]);
  const said = (change: Partial<Question>) =>
    describeScope(questionScope(question(change), ORG), names);
  expect(said({})).toBe(
    'topic "orders" in cluster orders-prod (lkc-1) (environment production (env-1))',
  );
  expect(said({ name: 'ingest.', prefix: true })).toMatch(
    /^topics "ingest\.\*" in cluster orders-prod/,
  );
  expect(said({ name: '', prefix: true })).toMatch(
    /^every topic in cluster orders-prod/,
  );
});

test('questionScope: a subject is in its registry, the cluster is itself', () => {
  expect(
    questionScope(
      question({ kind: 'subject', cluster: 'lkc-1', registry: ' lsrc-1 ' }),
      ORG,
    ),
  ).toMatchObject({
    kind: 'resources',
    clusterType: 'schema-registry',
    cluster: 'lsrc-1',
    resourceType: 'subject',
  });
  expect(questionScope(question({ kind: 'cluster' }), ORG)).toEqual({
    kind: 'cluster',
    organization: ORG,
    environment: 'env-1',
    clusterType: 'kafka',
    cluster: 'lkc-1',
  });
});
