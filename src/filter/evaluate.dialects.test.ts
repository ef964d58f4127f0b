import { expect, test } from 'vitest';
import { compileFilter, evaluateFilter } from './evaluate.ts';

// --- group mapping ------------------------------------------------------------

const SPEC = '"kafka" in groups && "all" in groups || "everyone" in groups';

test('the spec example maps by group membership, condition by condition', () => {
  expect(
    evaluateFilter(SPEC, { groups: ['kafka', 'all'] }, 'group-mapping'),
  ).toEqual({
    ok: true,
    matches: true,
    conditions: [
      {
        from: 0,
        to: 36,
        text: '"kafka" in groups && "all" in groups',
        result: 'true',
      },
      { from: 40, to: 60, text: '"everyone" in groups', result: 'false' },
    ],
  });
  expect(
    evaluateFilter(SPEC, { groups: ['kafka'] }, 'group-mapping'),
  ).toMatchObject({ ok: true, matches: false });
  expect(
    evaluateFilter(SPEC, { groups: ['everyone'] }, 'group-mapping'),
  ).toMatchObject({ ok: true, matches: true });
});

test('group names match exactly, case included', () => {
  expect(
    evaluateFilter(
      '"Engineering" in groups',
      { groups: ['engineering'] },
      'group-mapping',
    ),
  ).toMatchObject({ matches: false });
});

test('`true` maps a user with no groups; a negation maps them too', () => {
  expect(evaluateFilter('true', { groups: [] }, 'group-mapping')).toMatchObject(
    { matches: true },
  );
  expect(
    evaluateFilter(
      '!("contractors" in groups)',
      { groups: [] },
      'group-mapping',
    ),
  ).toMatchObject({ matches: true });
});

test('a user without a groups list is an error the tester can show', () => {
  expect(evaluateFilter('"a" in groups', {}, 'group-mapping')).toEqual({
    ok: true,
    matches: false,
    conditions: [
      {
        from: 0,
        to: 13,
        text: '"a" in groups',
        result: 'error',
        error: 'The user has no `groups` list',
      },
    ],
  });
  expect(
    evaluateFilter('"a" in groups', { groups: 'a' }, 'group-mapping'),
  ).toMatchObject({
    conditions: [
      { result: 'error', error: 'groups is a string, not an array' },
    ],
  });
  // `||` absorbs the error when the other side decides, as CEL does.
  expect(
    evaluateFilter('"a" in groups || true', {}, 'group-mapping'),
  ).toMatchObject({ matches: true });
});

test('an invalid group-mapping filter reports the check’s problems', () => {
  expect(
    evaluateFilter('claims.group == "a"', { groups: ['a'] }, 'group-mapping'),
  ).toMatchObject({
    ok: false,
    problems: [
      {
        message:
          'Group mapping filters use `groups`, not `claims`: write `"engineering" in groups`',
      },
    ],
  });
});

// --- certificate pool -----------------------------------------------------------

const SUBJECT = { CN: 'orders-svc', O: 'Acme', OU: 'payments', C: 'DE' };

test('Confluent’s example matches on country and organisation', () => {
  const filter = "C=='Canada' && O=='Confluent'";
  expect(
    evaluateFilter(
      filter,
      { C: 'Canada', O: 'Confluent', CN: 'x' },
      'certificate-pool',
    ),
  ).toMatchObject({ ok: true, matches: true });
  expect(
    evaluateFilter(filter, { C: 'canada', O: 'Confluent' }, 'certificate-pool'),
  ).toMatchObject({
    ok: true,
    matches: false,
    conditions: [{ text: "C=='Canada'", result: 'false' }, { result: 'true' }],
  });
});

test('every allowed operator evaluates on the subject', () => {
  const cases: [string, boolean][] = [
    ['CN == "orders-svc"', true],
    ['CN != "orders-svc"', false],
    ['OU in ["payments", "billing"]', true],
    ['!(OU in ["billing"])', true],
    ['CN.startsWith("orders-")', true],
    ['CN.endsWith("-svc")', true],
    ['O.contains("cm")', true],
    ['O.contains("CM")', false],
    ['"DE" == C', true],
    ['true', true],
    ['false', false],
  ];
  for (const [filter, matches] of cases) {
    expect(
      evaluateFilter(filter, SUBJECT, 'certificate-pool'),
      filter,
    ).toMatchObject({ ok: true, matches });
  }
});

test('a condition on an attribute the certificate lacks is an error', () => {
  expect(
    evaluateFilter(
      'CN.startsWith("orders") && UID == "u1"',
      SUBJECT,
      'certificate-pool',
    ),
  ).toEqual({
    ok: true,
    matches: false,
    conditions: [
      { from: 0, to: 23, text: 'CN.startsWith("orders")', result: 'true' },
      {
        from: 27,
        to: 38,
        text: 'UID == "u1"',
        result: 'error',
        error: 'The certificate has no UID',
      },
    ],
  });
});

test('an empty certificate filter matches no certificate, and says so', () => {
  for (const source of ['', '  // not yet\n']) {
    expect(evaluateFilter(source, SUBJECT, 'certificate-pool')).toEqual({
      ok: true,
      matches: false,
      conditions: [
        {
          from: 0,
          to: source.length,
          text: source,
          result: 'false',
          note: 'An empty filter matches no certificate',
        },
      ],
    });
  }
});

test('`true` matches any certificate of the authority, even an empty subject', () => {
  expect(evaluateFilter('true', {}, 'certificate-pool')).toMatchObject({
    matches: true,
  });
});

test('a subject that is not a record is an error, not a crash', () => {
  expect(evaluateFilter('CN == "a"', 'CN=a', 'certificate-pool')).toMatchObject(
    {
      conditions: [
        {
          result: 'error',
          error:
            "The certificate's subject is a string, not a record of attributes",
        },
      ],
    },
  );
});

test('the compiled-filter cache keeps dialects apart', () => {
  // The same text is valid as a certificate filter and not as a pool filter.
  const text = 'CN == "a"';
  expect(compileFilter(text, 'certificate-pool')({ CN: 'a' })).toMatchObject({
    ok: true,
    matches: true,
  });
  expect(compileFilter(text)({ CN: 'a' })).toMatchObject({ ok: false });
  expect(compileFilter(text, 'certificate-pool')).toBe(
    compileFilter(text, 'certificate-pool'),
  );
  expect(compileFilter('', 'certificate-pool')({})).toMatchObject({
    ok: true,
  });
  expect(compileFilter('')({})).toMatchObject({ ok: false });
});
