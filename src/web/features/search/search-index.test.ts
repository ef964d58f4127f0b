import { expect, test } from 'vitest';
import type { components } from '#contract/schema.d.ts';
import {
  highlightSegments,
  indexCertificatePools,
  indexGroupMappings,
  indexPools,
  matchesTerms,
  parseTerms,
  searchPools,
  sortPools,
  type IndexedPool,
  type SearchCriteria,
  type Segment,
} from './search-index.ts';

type Pool = components['schemas']['IdentityPool'];

function pool(
  id: string,
  display_name: string,
  fields: Partial<Pool> & { updated_at?: string } = {},
): Pool {
  const { updated_at, ...rest } = fields;
  return {
    id,
    display_name,
    description: '',
    identity_claim: 'claims.sub',
    filter: 'true',
    principal: id,
    state: 'ENABLED',
    ...(updated_at === undefined ? {} : { metadata: { updated_at } }),
    ...rest,
  } as Pool;
}

const OKTA = { id: 'op-okta', display_name: 'Acme Okta' };
const GOOGLE = { id: 'op-goog', display_name: 'Google' };

function demo(): IndexedPool[] {
  return [
    ...indexPools(OKTA, [
      pool('pool-A1', 'payments-prod-settlement', {
        filter: 'claims.aud == "kafka-prod" && claims.sub == "svc-payments"',
        updated_at: '2024-03-01T10:00:00.000000Z',
      }),
      pool('pool-B2', 'Checkout-dev-cart', {
        identity_claim: 'claims.email',
        filter: 'claims.email.endsWith("@checkout.acme.example")',
        updated_at: '2024-05-01T10:00:00.123456Z',
      }),
      pool('pool-C3', 'legacy-catch-all', {
        updated_at: '2023-12-24T00:00:00Z',
      }),
    ]),
    ...indexPools(GOOGLE, [
      pool('pool-D4', 'ml-batch-jobs', {
        identity_claim: 'claims.email',
        filter: 'claims.email.endsWith("@acme-ml.iam.gserviceaccount.com")',
      }),
      pool('pool-E5', 'payments-dev-refunds', {
        filter: 'claims.sub.startsWith("svc-payments-")',
        updated_at: '2024-04-01T00:00:00Z',
      }),
    ]),
  ];
}

function names(entries: readonly IndexedPool[]): string[] {
  return entries.map((entry) => entry.item.display_name);
}

function search(query: string, extra: { parentId?: string } = {}) {
  return names(searchPools(demo(), { query, sort: 'display_name', ...extra }));
}

test('parseTerms lower-cases, splits on any whitespace and drops repeats', () => {
  expect(parseTerms('  Payments\tPROD\n payments ')).toEqual([
    'payments',
    'prod',
  ]);
  expect(parseTerms('   ')).toEqual([]);
});

test('a blank query matches every pool', () => {
  expect(search('')).toHaveLength(5);
});

test('matches a fragment of the name, id, identity claim or filter, ignoring case', () => {
  expect(search('SETTLEMENT')).toEqual(['payments-prod-settlement']);
  expect(search('pool-d4')).toEqual(['ml-batch-jobs']);
  expect(search('claims.email')).toEqual([
    'Checkout-dev-cart',
    'ml-batch-jobs',
  ]);
  expect(search('acme-ml.iam')).toEqual(['ml-batch-jobs']);
  expect(search('"kafka-prod"')).toEqual(['payments-prod-settlement']);
});

test('every word must match, each in any field', () => {
  // "payments" in the name of both; "prod" only in one's name and filter.
  expect(search('payments prod')).toEqual(['payments-prod-settlement']);
  // Name and filter words together.
  expect(search('refunds svc-payments-')).toEqual(['payments-dev-refunds']);
  expect(search('payments nothing-like-this')).toEqual([]);
});

test('description and provider name are not searched', () => {
  const entries = indexPools(OKTA, [
    pool('pool-X', 'x', { description: 'about payments' }),
  ]);
  expect(matchesTerms(entries[0]!, ['payments'])).toBe(false);
  expect(matchesTerms(entries[0]!, ['okta'])).toBe(false);
});

test('a provider narrows the search to its pools', () => {
  expect(search('payments', { parentId: 'op-goog' })).toEqual([
    'payments-dev-refunds',
  ]);
  expect(search('', { parentId: 'op-okta' })).toHaveLength(3);
});

test('names sort A→Z or Z→A, ignoring case', () => {
  expect(names(sortPools(demo(), 'display_name'))).toEqual([
    'Checkout-dev-cart',
    'legacy-catch-all',
    'ml-batch-jobs',
    'payments-dev-refunds',
    'payments-prod-settlement',
  ]);
  expect(names(sortPools(demo(), '-display_name'))).toEqual([
    'payments-prod-settlement',
    'payments-dev-refunds',
    'ml-batch-jobs',
    'legacy-catch-all',
    'Checkout-dev-cart',
  ]);
});

test('last update sorts newest or oldest first, pools without a time last either way', () => {
  expect(names(sortPools(demo(), '-updated_at'))).toEqual([
    'Checkout-dev-cart',
    'payments-dev-refunds',
    'payments-prod-settlement',
    'legacy-catch-all',
    'ml-batch-jobs',
  ]);
  expect(names(sortPools(demo(), 'updated_at'))).toEqual([
    'legacy-catch-all',
    'payments-prod-settlement',
    'payments-dev-refunds',
    'Checkout-dev-cart',
    'ml-batch-jobs',
  ]);
});

test('equal names keep a stable order: provider, then id', () => {
  const entries = [
    ...indexPools(GOOGLE, [pool('pool-2', 'same'), pool('pool-10', 'same')]),
    ...indexPools(OKTA, [pool('pool-1', 'same')]),
  ];
  expect(
    sortPools(entries, 'display_name').map(
      (entry) => `${entry.parentName}/${entry.item.id}`,
    ),
  ).toEqual(['Acme Okta/pool-1', 'Google/pool-2', 'Google/pool-10']);
});

test('sorting leaves its input alone', () => {
  const entries = demo();
  const before = names(entries);
  sortPools(entries, '-display_name');
  expect(names(entries)).toEqual(before);
});

function marked(segments: Segment[]): string {
  return segments
    .map((segment) => (segment.isMatch ? `[${segment.text}]` : segment.text))
    .join('');
}

test('highlights every occurrence of every term, keeping the original case', () => {
  expect(
    marked(highlightSegments('Payments-prod-PAYMENTS', ['payments', 'prod'])),
  ).toBe('[Payments]-[prod]-[PAYMENTS]');
});

test('overlapping and touching matches become one mark', () => {
  expect(marked(highlightSegments('kafka-prod', ['kafka-p', 'a-prod']))).toBe(
    '[kafka-prod]',
  );
  expect(marked(highlightSegments('abcdef', ['abc', 'def']))).toBe('[abcdef]');
  expect(marked(highlightSegments('aaaa', ['aa']))).toBe('[aaaa]');
});

test('no terms, or no match, leaves the text whole', () => {
  expect(highlightSegments('claims.sub', [])).toEqual([
    { text: 'claims.sub', isMatch: false },
  ]);
  expect(highlightSegments('claims.sub', ['aud'])).toEqual([
    { text: 'claims.sub', isMatch: false },
  ]);
  expect(highlightSegments('', ['a'])).toEqual([]);
});

test('text whose length changes when lower-cased is left unmarked rather than marked wrongly', () => {
  expect(highlightSegments('İstanbul-prod', ['prod'])).toEqual([
    { text: 'İstanbul-prod', isMatch: false },
  ]);
});

// How fast it is, is measured by the bench, not asserted here.
test('filtering 10,000 pools by three words finds the pools with every word', () => {
  const entries = indexPools(
    OKTA,
    Array.from({ length: 10_000 }, (_, i) =>
      pool(`pool-${i}`, `team-${i % 50}-env-${i % 5}-app-${i}`, {
        filter: `claims.aud == "kafka-${i % 5}" && claims.sub == "svc-${i}"`,
        updated_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      }),
    ),
  );
  const results = searchPools(entries, {
    query: 'team-7 env-2 kafka',
    sort: '-updated_at',
  });
  expect(results.length).toBeGreaterThan(0);
  for (const { item: found } of results) {
    expect(found.display_name).toContain('team-7');
    expect(found.display_name).toContain('env-2');
  }
});

type GroupMapping = components['schemas']['GroupMapping'];
type CertificatePool = components['schemas']['CertificateIdentityPool'];

const AUTHORITY = { id: 'op-ca1', display_name: 'Acme issuing CA' };

function mixed() {
  return [
    ...demo(),
    ...indexGroupMappings([
      {
        id: 'group-w4vP',
        display_name: 'Payments engineers',
        description: '',
        filter: '"payments" in groups',
        principal: 'group-w4vP',
        state: 'ENABLED',
        metadata: { updated_at: '2024-06-01T00:00:00Z' },
      } as GroupMapping,
      {
        id: 'group-Ev3r',
        display_name: 'Everyone',
        description: '',
        filter: 'true',
        principal: 'group-Ev3r',
        state: 'ENABLED',
      } as GroupMapping,
    ]),
    ...indexCertificatePools(AUTHORITY, [
      {
        id: 'pool-Crt1',
        display_name: 'payments-batch',
        description: '',
        external_identifier: 'UID',
        filter: "OU in ['payments', 'billing']",
        principal: 'pool-Crt1',
        state: 'ENABLED',
      } as CertificatePool,
    ]),
  ];
}

test('group mappings and certificate pools are indexed with their kind, parent and identity', () => {
  const entries = mixed();
  const mapping = entries.find((entry) => entry.item.id === 'group-w4vP')!;
  expect(mapping).toMatchObject({
    kind: 'group-mapping',
    parentId: undefined,
    parentName: undefined,
    identity: '',
  });
  expect(mapping.updatedAt).toBe(Date.parse('2024-06-01T00:00:00Z'));
  const pool = entries.find((entry) => entry.item.id === 'pool-Crt1')!;
  expect(pool).toMatchObject({
    kind: 'certificate-pool',
    parentId: 'op-ca1',
    parentName: 'Acme issuing CA',
    identity: 'UID',
  });
});

test('one search finds every kind; Kind and the parent narrow it', () => {
  const find = (query: string, extra: Partial<SearchCriteria> = {}) =>
    names(searchPools(mixed(), { query, sort: 'display_name', ...extra }));
  expect(find('payments').sort()).toEqual(
    [
      'Payments engineers',
      'payments-batch',
      'payments-dev-refunds',
      'payments-prod-settlement',
    ].sort(),
  );
  expect(find('payments', { kind: 'group-mapping' })).toEqual([
    'Payments engineers',
  ]);
  expect(find('payments', { kind: 'certificate-pool' })).toEqual([
    'payments-batch',
  ]);
  expect(find('', { parentId: 'op-ca1' })).toEqual(['payments-batch']);
  // A certificate pool's external identifier is its identity field.
  expect(find('uid')).toEqual(['payments-batch']);
  // Single-quoted filter text, as mTLS filters are written.
  expect(find("'billing'")).toEqual(['payments-batch']);
  expect(find('"payments" in groups')).toEqual(['Payments engineers']);
});

test('objects without a parent sort by name among the rest', () => {
  expect(names(sortPools(mixed(), 'display_name')).slice(0, 3)).toEqual([
    'Checkout-dev-cart',
    'Everyone',
    'legacy-catch-all',
  ]);
});
