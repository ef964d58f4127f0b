import { expect, test } from 'vitest';
import {
  builderOperators,
  builderToFilter,
  emptyBuilder,
  filterToBuilder,
  isCanonical,
  validateBuilder,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderItem,
  type BuilderOperator,
} from './builder.ts';

function cond(
  claim: string,
  operator: BuilderOperator,
  value: string | string[],
): BuilderCondition {
  return { kind: 'condition', claim, operator, value };
}

function all(...items: BuilderItem[]): BuilderGroup {
  return { kind: 'group', join: 'all', items };
}

function any(...items: BuilderItem[]): BuilderGroup {
  return { kind: 'group', join: 'any', items };
}

// --- group mapping ------------------------------------------------------------

test('group-mapping rows are membership and non-membership', () => {
  expect(builderOperators('group-mapping')).toEqual([
    'contains-value',
    'not-contains-value',
  ]);
  expect(emptyBuilder('group-mapping')).toEqual(
    all(cond('groups', 'contains-value', '')),
  );
});

test('group-mapping rows print as `in groups`', () => {
  const model = all(
    any(
      cond('groups', 'contains-value', 'kafka'),
      cond('groups', 'contains-value', 'platform'),
    ),
    cond('groups', 'not-contains-value', 'contractors'),
  );
  const text =
    '("kafka" in groups || "platform" in groups) && !("contractors" in groups)';
  expect(builderToFilter(model, 'group-mapping')).toBe(text);
  expect(filterToBuilder(text, 'group-mapping')).toEqual({
    ok: true,
    model,
    canonical: text,
  });
  expect(isCanonical(text, 'group-mapping')).toBe(true);
});

test('the spec example and `true` read into the builder', () => {
  expect(
    filterToBuilder(
      '"kafka" in groups && "all" in groups || "everyone" in groups',
      'group-mapping',
    ),
  ).toMatchObject({
    ok: true,
    model: any(
      all(
        cond('groups', 'contains-value', 'kafka'),
        cond('groups', 'contains-value', 'all'),
      ),
      cond('groups', 'contains-value', 'everyone'),
    ),
  });
  expect(filterToBuilder('true', 'group-mapping')).toEqual({
    ok: true,
    model: all(),
    canonical: 'true',
  });
  expect(filterToBuilder("'ops' in groups", 'group-mapping')).toEqual({
    ok: true,
    model: all(cond('groups', 'contains-value', 'ops')),
    canonical: '"ops" in groups',
  });
});

test('group-mapping validation asks for a group and a membership operator', () => {
  expect(
    validateBuilder(
      all(
        cond('groups', 'contains-value', ''),
        cond('groups', 'equals', 'a'),
        cond('roles', 'contains-value', 'a'),
      ),
      'group-mapping',
    ),
  ).toEqual([
    { path: [0], message: 'Enter a value' },
    {
      path: [1],
      message:
        'Choose whether the user must or must not be a member of the group',
    },
    { path: [2], message: 'Group mapping conditions test the user’s `groups`' },
  ]);
});

test('an invalid group-mapping filter is refused with the check’s reason', () => {
  expect(filterToBuilder('claims.group == "a"', 'group-mapping')).toEqual({
    ok: false,
    reason:
      'Group mapping filters use `groups`, not `claims`: write `"engineering" in groups`',
  });
});

// --- certificate pool -----------------------------------------------------------

test('certificate rows are attribute, operator and value', () => {
  expect(builderOperators('certificate-pool')).toEqual([
    'equals',
    'not-equals',
    'in',
    'not-in',
    'starts-with',
    'not-starts-with',
    'ends-with',
    'not-ends-with',
    'contains',
    'not-contains',
  ]);
  expect(emptyBuilder('certificate-pool')).toEqual(
    all(cond('CN', 'equals', '')),
  );
});

test('certificate rows print with the bare attribute', () => {
  const model = all(
    cond('O', 'equals', 'Acme'),
    cond('OU', 'in', ['payments', 'orders']),
    cond('CN', 'starts-with', 'svc-'),
    cond('CN', 'not-ends-with', '.test'),
    cond('UID', 'not-in', ['u0']),
  );
  const text =
    'O == "Acme" && OU in ["payments", "orders"] && CN.startsWith("svc-") && !CN.endsWith(".test") && !(UID in ["u0"])';
  expect(builderToFilter(model, 'certificate-pool')).toBe(text);
  expect(filterToBuilder(text, 'certificate-pool')).toEqual({
    ok: true,
    model,
    canonical: text,
  });
});

test('Confluent’s single-quoted example reads into the builder, reformatted', () => {
  expect(
    filterToBuilder("C=='Canada' && O=='Confluent'", 'certificate-pool'),
  ).toEqual({
    ok: true,
    model: all(cond('C', 'equals', 'Canada'), cond('O', 'equals', 'Confluent')),
    canonical: 'C == "Canada" && O == "Confluent"',
  });
});

test('an empty certificate filter has no builder rows', () => {
  expect(filterToBuilder('// later', 'certificate-pool')).toEqual({
    ok: false,
    reason:
      'An empty filter matches no certificate, and the builder has no rows for that',
  });
});

test('certificate validation wants a known attribute, spelt exactly', () => {
  expect(
    validateBuilder(
      all(
        cond('cn', 'equals', 'a'),
        cond('E', 'equals', 'a'),
        cond('', 'equals', 'a'),
        cond('CN', 'present', ''),
        cond('OU', 'in', []),
      ),
      'certificate-pool',
    ),
  ).toEqual([
    { path: [0], message: 'Attribute names are case-sensitive: write `CN`' },
    {
      path: [1],
      message:
        'Choose one of the subject attributes CN, L, ST, O, OU, C, STREET, DC, UID',
    },
    { path: [2], message: 'Choose a subject attribute, e.g. `CN`' },
    { path: [3], message: 'Choose an operator' },
    { path: [4], message: 'Add at least one value' },
  ]);
});

test('the identity-pool builder is the default', () => {
  expect(emptyBuilder()).toEqual(all(cond('', 'equals', '')));
  expect(builderToFilter(all(cond('sub', 'equals', 'a')))).toBe(
    'claims.sub == "a"',
  );
});
