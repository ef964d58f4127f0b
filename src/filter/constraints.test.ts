import { expect, test } from 'vitest';
import { filterConstrains } from './constraints.ts';

const SUB_OR_AUD = ['sub', 'aud'];

const CONSTRAINING = [
  'claims.aud == "x"',
  '"x" == claims.aud',
  "claims.sub == 'svc-payments'",
  'claims["sub"] == "x"',
  'claims.aud in ["a", "b"]',
  '"kafka" in claims.aud',
  'claims.sub.startsWith("svc-")',
  'claims.sub.endsWith("@clients")',
  'claims.aud.contains("kafka")',
  'claims.aud == "x" && claims.email.endsWith("@x.com")',
  '(claims.sub == "a" || claims.aud == "b") && has(claims.email)',
  'claims.aud=="confluent" && claims.group!="invalid_group"',
  '!(claims.sub != "x")',
  '!!(claims.sub == "x")',
  // De Morgan: both `!=` are negated, so this is sub == "a" && aud == "b".
  '!(claims.sub != "a" || claims.aud != "b")',
  // && binds tighter than ||, so both disjuncts constrain.
  'claims.sub == "a" || claims.x == "b" && claims.aud == "c"',
  'has(claims.email) && (claims.sub == "a" || claims.sub.startsWith("svc-"))',
  'claims.sub == "" && true',
];

for (const source of CONSTRAINING) {
  test(`${JSON.stringify(source)} constrains sub or aud`, () => {
    expect(filterConstrains(source, SUB_OR_AUD)).toBe(true);
  });
}

const NOT_CONSTRAINING = [
  'true',
  'false',
  'claims.sub == "a" || true',
  // `false` is not a constraint either; the check stays conservative.
  'claims.sub == "a" || false',
  'claims.sub != "x"',
  '!(claims.sub == "x")',
  '!claims.sub.startsWith("svc-")',
  '!("kafka" in claims.aud)',
  'has(claims.sub)',
  'has(claims.sub) && has(claims.aud)',
  'claims.sub.startsWith("")',
  'claims.aud in []',
  'claims.sub == claims.aud',
  'claims.email == "a@example.com"',
  'claims.sub.x == "a"',
  'claims.subject == "a"',
  '(claims.sub == "a" || claims.x == "b") && claims.y == "c"',
  'claims.sub == "a" || claims.email.endsWith("@x.com")',
  // De Morgan: this is sub == "a" || x != "b".
  '!(claims.sub != "a" && claims.x == "b")',
];

for (const source of NOT_CONSTRAINING) {
  test(`${JSON.stringify(source)} does not constrain sub or aud`, () => {
    expect(filterConstrains(source, SUB_OR_AUD)).toBe(false);
  });
}

test('invalid filters constrain nothing', () => {
  expect(filterConstrains('', SUB_OR_AUD)).toBe(false);
  expect(filterConstrains('claims.sub == ', SUB_OR_AUD)).toBe(false);
  expect(
    filterConstrains('claims.sub == "a" && claims.x.matches("y")', SUB_OR_AUD),
  ).toBe(false);
  expect(filterConstrains('claims.sub == 5', SUB_OR_AUD)).toBe(false);
});

test('the claim names are a parameter', () => {
  expect(filterConstrains('claims.scp == "kafka"', ['scp'])).toBe(true);
  expect(filterConstrains('claims.scp == "kafka"', SUB_OR_AUD)).toBe(false);
  expect(filterConstrains('claims.sub == "a"', [])).toBe(false);
  expect(filterConstrains('claims["tenant-id"] == "t1"', ['tenant-id'])).toBe(
    true,
  );
});

test('never throws on weird input', () => {
  for (const source of [
    "'",
    '"',
    '(((',
    'claims.',
    '\u0000',
    '!'.repeat(100_000),
    'x'.repeat(10_000),
    Array.from({ length: 5_000 }, () => 'claims.sub == "a"').join(' || '),
  ]) {
    expect(filterConstrains(source, SUB_OR_AUD)).toBe(false);
  }
});

test('a long filter that constrains on every path', () => {
  const alternatives = Array.from(
    { length: 400 },
    (_, i) => `claims.sub == "svc-${i}"`,
  ).join(' || ');
  const source = `(${alternatives}) && has(claims.email)`;
  expect(source.length).toBeGreaterThan(9_000);
  expect(filterConstrains(source, SUB_OR_AUD)).toBe(true);
});
