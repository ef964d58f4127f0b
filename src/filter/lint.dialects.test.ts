import { expect, test } from 'vitest';
import { lintFilter, type LintOptions, type LintRule } from './lint.ts';

const GROUP: LintOptions = { dialect: 'group-mapping' };
const CERTIFICATE: LintOptions = { dialect: 'certificate-pool' };

function rules(source: string, options: LintOptions): LintRule[] {
  return lintFilter(source, options).map((diagnostic) => diagnostic.rule);
}

// --- group mapping ------------------------------------------------------------

test('`true` maps every SSO user of the organisation', () => {
  expect(lintFilter('true', GROUP)).toEqual([
    {
      from: 0,
      to: 4,
      severity: 'warning',
      rule: 'matches-everything',
      message:
        'This filter maps every SSO user of the organisation; to map only some, test their groups, e.g. `"engineering" in groups`',
    },
  ]);
});

test('a filter that never reads groups but is always true maps everyone too', () => {
  expect(rules('!false || false', GROUP)).toEqual(['matches-everything']);
  expect(rules('"a" in groups || true', GROUP)).toEqual(['matches-everything']);
});

test('only negations map almost everyone', () => {
  expect(lintFilter('!("contractors" in groups)', GROUP)).toEqual([
    {
      from: 0,
      to: 26,
      severity: 'warning',
      rule: 'only-negations',
      message:
        'Not every way of matching this filter requires membership of a group, so it maps almost every SSO user (everyone outside the groups it excludes, and users with no groups); add a condition such as `"engineering" in groups`',
    },
  ]);
  // One branch without a membership test is enough to let everyone else in.
  expect(rules('"ops" in groups || !("contractors" in groups)', GROUP)).toEqual(
    ['only-negations'],
  );
});

test('filters that require a group are quiet', () => {
  for (const source of [
    '"engineering" in groups',
    '"kafka" in groups && "all" in groups || "everyone" in groups',
    '"a" in groups && !("contractors" in groups)',
  ]) {
    expect(lintFilter(source, GROUP), source).toEqual([]);
  }
});

test('contradictions and repeats work on groups', () => {
  expect(
    lintFilter('"a" in groups && !("a" in groups)', GROUP).map((d) => [
      d.rule,
      d.message,
    ]),
  ).toEqual([
    [
      'contradiction',
      '`!("a" in groups)` and `"a" in groups` can never both be true, so this can never match',
    ],
  ]);
  const repeated = lintFilter('"a" in groups && "a" in groups', GROUP);
  expect(repeated).toMatchObject([
    {
      rule: 'redundant',
      fix: { label: 'Remove the repeated condition', insert: '' },
    },
  ]);
});

test('an invalid group-mapping filter gives the check’s errors', () => {
  expect(lintFilter('claims.group == "a"', GROUP)).toEqual([
    {
      from: 0,
      to: 12,
      severity: 'error',
      rule: 'subset',
      message:
        'Group mapping filters use `groups`, not `claims`: write `"engineering" in groups`',
    },
  ]);
});

test('too-long works in every dialect', () => {
  const long = Array.from({ length: 20 }, (_, i) => `"g${i}" in groups`).join(
    ' || ',
  );
  expect(rules(long, GROUP)).toEqual(['too-long']);
  expect(rules(long, { ...GROUP, maxLength: 1000 })).toEqual([]);
});

// --- certificate pool -----------------------------------------------------------

test('`true` admits every certificate this authority issued', () => {
  expect(lintFilter('true', CERTIFICATE)).toEqual([
    {
      from: 0,
      to: 4,
      severity: 'warning',
      rule: 'matches-everything',
      message:
        'This filter matches every certificate this certificate authority issued; add a condition on the client’s identity, e.g. `CN == "…"`',
    },
  ]);
});

test('an empty certificate filter is valid and quiet', () => {
  expect(lintFilter('', CERTIFICATE)).toEqual([]);
});

test('no condition on CN or UID admits any client of the organisation', () => {
  expect(lintFilter("C=='Canada' && O=='Confluent'", CERTIFICATE)).toEqual([
    {
      from: 0,
      to: 29,
      severity: 'warning',
      rule: 'no-cn-or-uid',
      message:
        'Not every way of matching this filter requires a value of `CN` or `UID` (the client’s identity), so any certificate from this certificate authority with matching organisation attributes lands in this pool; add a condition such as `CN == "…"`',
    },
  ]);
  expect(rules('CN == "a" || OU == "ops"', CERTIFICATE)).toEqual([
    'no-cn-or-uid',
  ]);
  expect(rules('O == "Acme" && CN.startsWith("svc-")', CERTIFICATE)).toEqual(
    [],
  );
  expect(rules('UID in ["u1", "u2"]', CERTIFICATE)).toEqual([]);
  expect(rules('CN != "a"', CERTIFICATE)).toEqual(['no-cn-or-uid']);
});

test('contradictions on one attribute are found', () => {
  expect(
    lintFilter('CN == "a" && CN == "b"', CERTIFICATE).map((d) => d.message),
  ).toEqual([
    'No value of `CN` satisfies both `CN == "a"` and `CN == "b"`, so this can never match',
  ]);
});

test('a sample certificate shows which attributes it lacks', () => {
  expect(
    lintFilter('CN == "a" && OU == "b"', {
      ...CERTIFICATE,
      sampleClaims: { CN: 'a', O: 'Acme' },
    }),
  ).toEqual([
    {
      from: 13,
      to: 15,
      severity: 'warning',
      rule: 'absent-claim',
      message: 'The sample certificate has no `OU`',
    },
  ]);
});

test('lowercase attributes are errors with the right spelling', () => {
  expect(lintFilter('cn == "a"', CERTIFICATE)).toEqual([
    {
      from: 0,
      to: 2,
      severity: 'error',
      rule: 'subset',
      message:
        '`cn` is not an attribute name: names are case-sensitive, write `CN`',
    },
  ]);
});

test('identity-pool lints are unchanged without a dialect', () => {
  expect(rules('true', {})).toEqual(['matches-everything', 'no-sub-or-aud']);
});
