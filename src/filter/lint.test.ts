import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkFilter } from './check.ts';
import { evaluateFilter } from './evaluate.ts';
import { lintFilter } from './lint.ts';
import type { LintDiagnostic, LintFix, LintOptions, LintRule } from './lint.ts';

function byRule(
  source: string,
  rule: LintRule,
  options: LintOptions = {},
): LintDiagnostic[] {
  return lintFilter(source, options).filter(
    (diagnostic) => diagnostic.rule === rule,
  );
}

/** The range of the `nth` (0-based) occurrence of `fragment` in `source`. */
function rangeOf(
  source: string,
  fragment: string,
  nth = 0,
): { from: number; to: number } {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = source.indexOf(fragment, from + 1);
    if (from === -1) throw new Error(`${fragment} #${nth} is not in ${source}`);
  }
  return { from, to: from + fragment.length };
}

function whole(source: string): { from: number; to: number } {
  return { from: 0, to: source.length };
}

function applyFix(source: string, fix: LintFix | undefined): string {
  if (fix === undefined) throw new Error('Expected a fix');
  return source.slice(0, fix.from) + fix.insert + source.slice(fix.to);
}

// --- syntax and subset ------------------------------------------------------

test('an invalid filter gets only checkFilter errors, as syntax', () => {
  const source = `claims.aud == "${'x'.repeat(400)}" &&`;
  expect(lintFilter(source, { maxLength: 10, sharedIssuer: true })).toEqual([
    {
      from: source.length,
      to: source.length,
      severity: 'error',
      rule: 'syntax',
      message: 'Expected a condition after `&&`',
    },
  ]);
  expect(lintFilter('')).toEqual([
    {
      from: 0,
      to: 0,
      severity: 'error',
      rule: 'syntax',
      message:
        'The filter is empty; write `true` to match every token from this provider',
    },
  ]);
});

test('a filter outside the subset gets only checkFilter errors, as subset', () => {
  const source = 'true || claims.sub == 1 || claims.x.matches("y")';
  const check = checkFilter(source);
  if (check.valid) throw new Error('Expected an invalid filter');
  expect(lintFilter(source, { sharedIssuer: true })).toEqual(
    check.errors.map((error) => ({
      ...error,
      severity: 'error',
      rule: 'subset',
    })),
  );
  expect(check.errors).toHaveLength(2);
});

// --- matches-everything -----------------------------------------------------

test.each([
  ['true', 'true'],
  ['!false', '!false'],
  ['true || claims.sub == "a"', 'true'],
  ['claims.sub == "a" || true', 'true'],
  [
    // || is associative, so the group's `true` decides the whole filter.
    'claims.sub == "a" || (claims.aud == "b" || true)',
    'true',
  ],
  ['has(claims.x) || !has(claims.x)', 'has(claims.x) || !has(claims.x)'],
  [
    '(claims.sub == "a" || true) && !false',
    '(claims.sub == "a" || true) && !false',
  ],
])('%s matches every token', (source, fragment) => {
  expect(byRule(source, 'matches-everything')).toEqual([
    {
      ...rangeOf(source, fragment),
      severity: 'warning',
      rule: 'matches-everything',
      message:
        'This filter matches every token the provider issues; add conditions on claims such as `claims.aud` or `claims.sub`',
    },
  ]);
});

test('matching every token is an error when the issuer is shared', () => {
  expect(byRule('true', 'matches-everything', { sharedIssuer: true })).toEqual([
    {
      ...whole('true'),
      severity: 'error',
      rule: 'matches-everything',
      message:
        'This filter matches every token the provider issues, and the provider’s issuer is shared, so tokens issued to other organisations’ applications match too',
    },
  ]);
});

test.each([
  'false',
  'claims.sub == "a"',
  'true && claims.aud == "x"',
  '!true || claims.aud == "x"',
  // A token without `sub` matches neither side.
  'claims.sub == "a" || claims.sub != "a"',
  'has(claims.x) || !has(claims.y)',
  // A token without `ext` makes both sides an error.
  'has(claims.ext.x) || !has(claims.ext.x)',
])('%s does not match every token', (source) => {
  expect(byRule(source, 'matches-everything')).toEqual([]);
});

// --- no-sub-or-aud ----------------------------------------------------------

test('a filter without a sub or aud condition is a warning', () => {
  const source = 'claims.email.endsWith("@example.com")';
  expect(byRule(source, 'no-sub-or-aud')).toEqual([
    {
      ...whole(source),
      severity: 'warning',
      rule: 'no-sub-or-aud',
      message:
        'Not every way of matching this filter requires a value of `claims.sub` or `claims.aud`, so tokens the provider issues to other applications may match; add a condition such as `claims.aud == "…"`',
    },
  ]);
});

test('a filter without a sub or aud condition is an error for a shared issuer', () => {
  const source = 'claims.sub == "a" || claims.email == "b"';
  expect(byRule(source, 'no-sub-or-aud', { sharedIssuer: true })).toEqual([
    {
      ...whole(source),
      severity: 'error',
      rule: 'no-sub-or-aud',
      message:
        'This provider’s issuer is shared with other organisations, so Confluent refuses a filter that does not require a value of `claims.sub` or `claims.aud` on every path; add a condition such as `claims.aud == "…"`',
    },
  ]);
});

test.each([
  'claims.aud == "kafka"',
  'claims.sub.startsWith("svc-")',
  '"kafka" in claims.aud',
  'claims.aud == "kafka" && claims.email.endsWith("@example.com")',
])('%s constrains sub or aud', (source) => {
  expect(byRule(source, 'no-sub-or-aud', { sharedIssuer: true })).toEqual([]);
});

// --- eq-on-list -------------------------------------------------------------

const SAMPLE = {
  iss: 'https://accounts.example.com',
  sub: 'svc-payments',
  aud: ['kafka', 'billing'],
  groups: ['admins', 'kafka-producers'],
  teams: ['ledger'],
  email: 'ann@example.com',
  ext: { uid: 'u-1' },
};

test('== on a claim the sample holds as an array is a warning with a fix', () => {
  const source = 'claims.groups == "admins" && claims.sub == "svc-payments"';
  const [diagnostic, ...rest] = byRule(source, 'eq-on-list', {
    sampleClaims: SAMPLE,
  });
  expect(rest).toEqual([]);
  expect(diagnostic).toEqual({
    ...rangeOf(source, 'claims.groups == "admins"'),
    severity: 'warning',
    rule: 'eq-on-list',
    message:
      'In the sample token `claims.groups` is an array, and an array never equals a string, so this is always false; add `|| "admins" in claims.groups` so it works for a string and an array',
    fix: {
      label: 'Add `|| "admins" in claims.groups`',
      ...rangeOf(source, 'claims.groups == "admins"'),
      insert: '(claims.groups == "admins" || "admins" in claims.groups)',
    },
  });
  const fixed = applyFix(source, diagnostic?.fix);
  expect(fixed).toBe(
    '(claims.groups == "admins" || "admins" in claims.groups) && claims.sub == "svc-payments"',
  );
  expect(evaluateFilter(source, SAMPLE)).toMatchObject({ matches: false });
  expect(evaluateFilter(fixed, SAMPLE)).toMatchObject({ matches: true });
  expect(lintFilter(fixed, { sampleClaims: SAMPLE })).toEqual([]);
});

test.each([
  [
    "claims.teams == 'ledger'",
    "claims.teams == 'ledger' || 'ledger' in claims.teams",
  ],
  ['"kafka" == claims.aud', '"kafka" == claims.aud || "kafka" in claims.aud'],
  [
    '(claims.aud) == "kafka"',
    '(claims.aud) == "kafka" || "kafka" in claims.aud',
  ],
  [
    'claims.sub == "svc-payments" && (claims.groups == "admins")',
    'claims.sub == "svc-payments" && (claims.groups == "admins" || "admins" in claims.groups)',
  ],
  [
    'claims.sub == "x" || claims.aud == "kafka" && has(claims.email)',
    'claims.sub == "x" || (claims.aud == "kafka" || "kafka" in claims.aud) && has(claims.email)',
  ],
  [
    'claims.sub == "x" || claims.aud == "kafka"',
    'claims.sub == "x" || claims.aud == "kafka" || "kafka" in claims.aud',
  ],
  // Under `!` a `!=` lets tokens in, so its fix is the dual form.
  [
    '!(claims.groups != "admins")',
    '!(claims.groups != "admins" && !("admins" in claims.groups))',
  ],
  [
    '!(claims.sub == "x" || claims.groups != "admins")',
    '!(claims.sub == "x" || (claims.groups != "admins" && !("admins" in claims.groups)))',
  ],
])('the fix for %s gives %s', (source, expected) => {
  const [diagnostic] = byRule(source, 'eq-on-list', { sampleClaims: SAMPLE });
  expect(diagnostic?.severity).toBe('warning');
  const fixed = applyFix(source, diagnostic?.fix);
  expect(fixed).toBe(expected);
  expect(checkFilter(fixed)).toEqual({ valid: true });
  expect(byRule(fixed, 'eq-on-list', { sampleClaims: SAMPLE })).toEqual([]);
});

test.each([
  ['claims.aud != "kafka"', '!("kafka" in claims.aud)', 'true'],
  [
    'claims.sub == "svc-payments" && claims.groups != "banned"',
    '!("banned" in claims.groups)',
    'true',
  ],
  ['!(claims.groups == "admins")', '"admins" in claims.groups', 'false'],
])(
  'a comparison that keeps tokens out, %s, gets advice but no fix',
  (source, replacement, always) => {
    // Today every array passes it, and testing membership instead would shut
    // out the arrays that hold the value: no rewrite keeps every match.
    const [diagnostic] = byRule(source, 'eq-on-list', {
      sampleClaims: SAMPLE,
    });
    expect(diagnostic?.message).toContain(`so this is always ${always}`);
    expect(diagnostic?.message).toContain(
      `\`${replacement}\` would test the array's members, but no token whose claim is a string would match it`,
    );
    expect(diagnostic?.fix).toBeUndefined();
  },
);

test('== on a claim the sample holds as a string is fine', () => {
  expect(
    byRule('claims.aud == "kafka" && claims.groups == "admins"', 'eq-on-list', {
      sampleClaims: { aud: 'kafka', groups: 'admins' },
    }),
  ).toEqual([]);
});

test.each([
  ['claims.groups == "admins"', 'claims.groups'],
  ['claims.roles == "admin"', 'claims.roles'],
  ['"read" == claims.scp', 'claims.scp'],
  ['claims.realm_access.roles == "admin"', 'claims.realm_access.roles'],
])('without a sample, %s gets a hint to test membership', (source, claim) => {
  const [diagnostic, ...rest] = byRule(source, 'eq-on-list');
  expect(rest).toEqual([]);
  expect(diagnostic).toMatchObject({
    ...whole(source),
    severity: 'info',
    rule: 'eq-on-list',
  });
  expect(diagnostic?.message).toMatch(
    new RegExp(
      `^\`${claim}\` is usually an array, and an array never equals a string; if it is one in your tokens, add`,
    ),
  );
  expect(checkFilter(applyFix(source, diagnostic?.fix))).toEqual({
    valid: true,
  });
});

test('aud may be either, so it gets a hint, not a warning', () => {
  const source = 'claims.aud == "kafka"';
  expect(byRule(source, 'eq-on-list')).toEqual([
    {
      ...whole(source),
      severity: 'info',
      rule: 'eq-on-list',
      message:
        '`claims.aud` may be a string or an array of audiences; if your tokens carry an array, this is always false; add `|| "kafka" in claims.aud` so it works for a string and an array',
      fix: {
        label: 'Add `|| "kafka" in claims.aud`',
        ...whole(source),
        insert: 'claims.aud == "kafka" || "kafka" in claims.aud',
      },
    },
  ]);
});

test('a sample without the claim falls back to the hint', () => {
  expect(
    byRule('claims.roles == "admin"', 'eq-on-list', {
      sampleClaims: { sub: 'a' },
    }),
  ).toMatchObject([{ severity: 'info' }]);
});

test.each([
  'claims.email == "ann@example.com"',
  'claims.ext.aud == "kafka"',
  '"admins" in claims.groups',
  'claims.groups == claims.teams',
  'claims.groups.contains("admins")',
])('%s gets no eq-on-list', (source) => {
  expect(byRule(source, 'eq-on-list')).toEqual([]);
});

// --- absent-claim -----------------------------------------------------------

test('a claim the sample token lacks is a warning at the reference', () => {
  const source =
    'claims.aud == "kafka" && claims.tid == "t" && "x" in claims.roles';
  expect(byRule(source, 'absent-claim', { sampleClaims: SAMPLE })).toEqual([
    {
      ...rangeOf(source, 'claims.tid'),
      severity: 'warning',
      rule: 'absent-claim',
      message: 'The sample token has no `claims.tid` claim',
    },
    {
      ...rangeOf(source, 'claims.roles'),
      severity: 'warning',
      rule: 'absent-claim',
      message: 'The sample token has no `claims.roles` claim',
    },
  ]);
});

test('nested and bracketed claims are looked up along their path', () => {
  const source =
    'claims.ext.uid == "u-1" && claims.ext.team == "x" && claims["tenant-id"].startsWith("t")';
  expect(byRule(source, 'absent-claim', { sampleClaims: SAMPLE })).toEqual([
    {
      ...rangeOf(source, 'claims.ext.team'),
      severity: 'warning',
      rule: 'absent-claim',
      message: 'The sample token has no `claims.ext.team` claim',
    },
    {
      ...rangeOf(source, 'claims["tenant-id"]'),
      severity: 'warning',
      rule: 'absent-claim',
      message: 'The sample token has no `claims["tenant-id"]` claim',
    },
  ]);
});

test('a path through a value that is not an object is explained', () => {
  const source = 'claims.sub.id == "a"';
  expect(byRule(source, 'absent-claim', { sampleClaims: SAMPLE })).toEqual([
    {
      ...rangeOf(source, 'claims.sub.id'),
      severity: 'warning',
      rule: 'absent-claim',
      message:
        'In the sample token `claims.sub` is a string, so it has no `claims.sub.id`',
    },
  ]);
});

test('claims inside has() may be absent', () => {
  expect(
    byRule(
      'claims.aud == "kafka" && !has(claims.revoked) && has(claims.x.y)',
      'absent-claim',
      { sampleClaims: SAMPLE },
    ),
  ).toEqual([]);
});

test('absent-claim needs a sample token that is an object', () => {
  const source = 'claims.tid == "t"';
  for (const sampleClaims of [undefined, null, ['tid'], 'tid', 42]) {
    expect(byRule(source, 'absent-claim', { sampleClaims })).toEqual([]);
  }
  expect(byRule(source, 'absent-claim', { sampleClaims: {} })).toHaveLength(1);
});

// --- too-long ---------------------------------------------------------------

function filterOfLength(length: number): string {
  const head = 'claims.aud == "';
  return `${head}${'x'.repeat(length - head.length - 1)}"`;
}

test('a filter over 300 characters is a warning on the excess', () => {
  const source = filterOfLength(310);
  expect(byRule(source, 'too-long')).toEqual([
    {
      from: 300,
      to: 310,
      severity: 'warning',
      rule: 'too-long',
      message:
        "The filter is 310 characters long; Confluent accepts at most 300 unless your organisation's limit has been raised",
    },
  ]);
  expect(byRule(filterOfLength(300), 'too-long')).toEqual([]);
});

test('the limit can be raised or lowered', () => {
  const source = filterOfLength(310);
  expect(byRule(source, 'too-long', { maxLength: 1_000 })).toEqual([]);
  expect(byRule(source, 'too-long', { maxLength: 20 })).toMatchObject([
    { from: 20, to: 310 },
  ]);
  for (const maxLength of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
    expect(byRule(source, 'too-long', { maxLength })).toMatchObject([
      { from: 300, to: 310 },
    ]);
  }
});

test('a character split by the limit is underlined whole', () => {
  const head = 'claims.aud == "';
  const source = `${head}${'x'.repeat(299 - head.length)}😀"`;
  expect(source.charCodeAt(299)).toBe(0xd83d);
  expect(byRule(source, 'too-long')).toMatchObject([{ from: 299, to: 302 }]);
});

// --- contradiction ----------------------------------------------------------

test.each([
  [
    'claims.aud == "x" && claims.aud == "y"',
    'claims.aud == "y"',
    'No value of `claims.aud` satisfies both `claims.aud == "x"` and `claims.aud == "y"`, so this can never match',
  ],
  [
    'claims.aud == "x" && claims.aud != "x"',
    'claims.aud != "x"',
    '`claims.aud != "x"` and `claims.aud == "x"` can never both be true, so this can never match',
  ],
  [
    'claims.aud == \'x\' && !(claims.aud == "x")',
    '!(claims.aud == "x")',
    '`!(claims.aud == "x")` and `claims.aud == \'x\'` can never both be true, so this can never match',
  ],
  [
    'has(claims.a) && claims.sub == "s" && !has(claims.a)',
    '!has(claims.a)',
    '`!has(claims.a)` and `has(claims.a)` can never both be true, so this can never match',
  ],
  [
    'claims.sub.startsWith("a") && !claims.sub.startsWith("a")',
    '!claims.sub.startsWith("a")',
    '`!claims.sub.startsWith("a")` and `claims.sub.startsWith("a")` can never both be true, so this can never match',
  ],
  [
    'claims.sub in ["a", "b"] && claims.sub != "a" && claims.sub != "b"',
    'claims.sub != "b"',
    'No value of `claims.sub` satisfies both `claims.sub in ["a", "b"]` and `claims.sub != "b"`, so this can never match',
  ],
  [
    'claims.sub in ["a"] && claims.sub in ["b", "c"]',
    'claims.sub in ["b", "c"]',
    'No value of `claims.sub` satisfies both `claims.sub in ["a"]` and `claims.sub in ["b", "c"]`, so this can never match',
  ],
  [
    'claims.sub != "a" && claims.sub in ["a"]',
    'claims.sub in ["a"]',
    'No value of `claims.sub` satisfies both `claims.sub != "a"` and `claims.sub in ["a"]`, so this can never match',
  ],
  [
    '"x" == claims["aud"] && claims.aud == "y"',
    'claims.aud == "y"',
    'No value of `claims.aud` satisfies both `"x" == claims["aud"]` and `claims.aud == "y"`, so this can never match',
  ],
  [
    'claims.sub == "s" && claims.aud in []',
    'claims.aud in []',
    '`claims.aud in []` is never true, so this can never match',
  ],
  // Inside one branch of an ||: that branch can never match.
  [
    '(claims.aud == "x" && claims.aud == "y") || claims.sub == "s"',
    'claims.aud == "y"',
    'No value of `claims.aud` satisfies both `claims.aud == "x"` and `claims.aud == "y"`, so this can never match',
  ],
  // De Morgan: this is claims.aud == "x" && claims.aud == "y".
  [
    '!(claims.aud != "x" || claims.aud != "y")',
    'claims.aud != "y"',
    'No value of `claims.aud` satisfies both `claims.aud != "x"` and `claims.aud != "y"`, so this can never match',
  ],
])('%s is a contradiction', (source, fragment, message) => {
  expect(byRule(source, 'contradiction')).toEqual([
    {
      ...rangeOf(source, fragment),
      severity: 'error',
      rule: 'contradiction',
      message,
    },
  ]);
});

test.each([
  'claims.aud == "x" || claims.aud == "y"',
  'claims.aud == "x" && claims.sub == "x"',
  'claims.aud == "x" && claims.aud == "x"',
  'claims.aud != "x" && claims.aud != "y"',
  'claims.aud == "x" && claims.aud != "y"',
  'claims.sub in ["a", "b"] && claims.sub != "a"',
  'claims.aud == "x" && claims.ext.aud == "y"',
  // The inner && never holds, so its negation always does.
  '!(claims.aud == "x" && claims.aud == "y")',
  'has(claims.a) || !has(claims.a)',
  'true && false',
])('%s is no contradiction', (source) => {
  expect(byRule(source, 'contradiction')).toEqual([]);
});

// --- redundant --------------------------------------------------------------

const REPEATS: [string, string | [string, number], string][] = [
  [
    'claims.aud == "x" && claims.sub == "a" && claims.aud == \'x\'',
    "claims.aud == 'x'",
    'claims.aud == "x" && claims.sub == "a"',
  ],
  [
    'claims.sub == "p" || claims.sub == "p"',
    ['claims.sub == "p"', 1],
    'claims.sub == "p"',
  ],
  [
    '"p" == claims.sub || claims.sub == "p"',
    'claims.sub == "p"',
    '"p" == claims.sub',
  ],
  [
    'claims . aud=="x" && claims.aud == "x" // again',
    'claims.aud == "x"',
    'claims . aud=="x" // again',
  ],
  [
    'claims.sub in ["a", "b"] && claims.sub in [\'b\', "a", "a"]',
    'claims.sub in [\'b\', "a", "a"]',
    'claims.sub in ["a", "b"]',
  ],
  [
    'claims.aud == "x" && (claims.aud == "x" && claims.sub == "a")',
    ['claims.aud == "x"', 1],
    'claims.aud == "x" && (claims.sub == "a")',
  ],
  [
    '(claims.sub == "a" && claims.aud == "x") && claims.aud == "x"',
    ['claims.aud == "x"', 1],
    '(claims.sub == "a" && claims.aud == "x")',
  ],
  [
    '(claims.aud == "x") && (claims.aud == "x")',
    ['(claims.aud == "x")', 1],
    '(claims.aud == "x")',
  ],
  [
    'claims.x != "a" && claims.aud == "k" && !(claims.x == "a")',
    '!(claims.x == "a")',
    'claims.x != "a" && claims.aud == "k"',
  ],
  [
    '(claims.a == "1" || claims.b == "2") && (claims.b == "2" || claims.a == "1")',
    '(claims.b == "2" || claims.a == "1")',
    '(claims.a == "1" || claims.b == "2")',
  ],
  [
    'claims.sub == "a" && claims["sub"] == \'a\' && claims.aud == "k"',
    'claims["sub"] == \'a\'',
    'claims.sub == "a" && claims.aud == "k"',
  ],
];

test.each(REPEATS)('%s repeats a condition', (source, duplicate, expected) => {
  const [fragment, nth] =
    typeof duplicate === 'string' ? [duplicate, 0] : duplicate;
  const diagnostics = byRule(source, 'redundant');
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({
    ...rangeOf(source, fragment, nth),
    severity: 'warning',
    rule: 'redundant',
    fix: { label: 'Remove the repeated condition', insert: '' },
  });
  expect(diagnostics[0]?.message).toMatch(
    /^This repeats `.*` in the same `(&&|\|\|)` chain, so it changes nothing$/,
  );
  const fixed = applyFix(source, diagnostics[0]?.fix);
  expect(fixed).toBe(expected);
  expect(checkFilter(fixed)).toEqual({ valid: true });
});

test('the message names the first occurrence and the operator', () => {
  const source = 'claims.sub == "p" || claims.aud == "k" || claims.sub == "p"';
  expect(byRule(source, 'redundant')[0]?.message).toBe(
    'This repeats `claims.sub == "p"` in the same `||` chain, so it changes nothing',
  );
});

test('every repeat is reported and each fix stands alone', () => {
  const source = 'claims.aud == "x" && claims.aud == "x" && claims.aud == "x"';
  const diagnostics = byRule(source, 'redundant');
  expect(diagnostics.map(({ from, to }) => ({ from, to }))).toEqual([
    rangeOf(source, 'claims.aud == "x"', 1),
    rangeOf(source, 'claims.aud == "x"', 2),
  ]);
  for (const { fix } of diagnostics) {
    expect(applyFix(source, fix)).toBe(
      'claims.aud == "x" && claims.aud == "x"',
    );
  }
});

test.each([
  'claims.aud == "x" && claims.aud == "y"',
  'claims.sub == "a" || claims.sub == "b"',
  'claims.sub == "a" && claims.sub != "a"',
  // Absorption, but not a repeat within one chain.
  'claims.sub == "a" && (claims.sub == "a" || claims.aud == "b")',
  'claims.sub.startsWith("a") && claims.sub.endsWith("a")',
  'claims.sub in ["a", "b"] && claims.sub in ["a"]',
  'claims.a.b == "x" && claims["a.b"] == "x"',
])('%s repeats nothing', (source) => {
  expect(byRule(source, 'redundant')).toEqual([]);
});

// --- Overall ----------------------------------------------------------------

test('a good filter gets no diagnostics', () => {
  const source =
    'claims.aud == "kafka" && (claims.sub.startsWith("svc-") || "admins" in claims.groups) && !has(claims.revoked)';
  expect(
    lintFilter(source, {
      sampleClaims: { ...SAMPLE, aud: 'kafka' },
      sharedIssuer: true,
    }),
  ).toEqual([]);
});

test('diagnostics come in source order', () => {
  const source =
    'claims.groups == "a" && claims.email == "b" && claims.groups == "a" || true';
  const diagnostics = lintFilter(source, { sampleClaims: SAMPLE });
  // Sorted by start, then end: the whole-filter warning follows the first
  // condition's.
  expect(diagnostics.map((diagnostic) => diagnostic.rule)).toEqual([
    'eq-on-list',
    'no-sub-or-aud',
    'redundant',
    'eq-on-list',
    'matches-everything',
  ]);
  const starts = diagnostics.map((diagnostic) => diagnostic.from);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
});

test('never throws, and every range and fix lies inside the source', () => {
  const sources = [
    "'",
    '(((',
    '\u0000',
    '!'.repeat(100_000),
    'x'.repeat(10_000),
    Array.from({ length: 5_000 }, () => 'claims.sub == "a"').join(' || '),
    Array.from({ length: 400 }, (_, i) => `claims.sub == "s${i % 7}"`).join(
      ' && ',
    ),
    `(${Array.from({ length: 300 }, () => 'claims.groups == "a"').join(' || ')}) && true`,
    'claims.__proto__ == "x" && claims.constructor == "y"',
    '!(!(!(claims.a == "b" || !(claims.a != "b"))))',
  ];
  const samples = [undefined, null, SAMPLE, { __proto__: 'x' }, [], 'x'];
  for (const source of sources) {
    for (const sampleClaims of samples) {
      let diagnostics: LintDiagnostic[] = [];
      expect(() => {
        diagnostics = lintFilter(source, { sampleClaims, sharedIssuer: true });
      }).not.toThrow();
      for (const { from, to, fix, message } of diagnostics) {
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeGreaterThanOrEqual(from);
        expect(to).toBeLessThanOrEqual(source.length);
        expect(message.length).toBeGreaterThan(0);
        if (fix !== undefined) {
          expect(fix.from).toBeGreaterThanOrEqual(0);
          expect(fix.to).toBeLessThanOrEqual(source.length);
          expect(checkFilter(applyFix(source, fix))).toEqual({ valid: true });
        }
      }
    }
  }
});

// --- every quick fix keeps every match ---------------------------------------

// The claims quick fixes touch, each as a string, as arrays with and without
// the value, or absent, as Okta (string `aud`) and Entra or Keycloak (arrays)
// issue them.
const FIX_CLAIMS = ['aud', 'sub', 'groups', 'roles', 'scp'] as const;
const FIX_VALUES = ['kafka', 'admins'] as const;

const fixClaimValue = fc.oneof(
  fc.constantFrom<unknown>(...FIX_VALUES, 'other'),
  fc.array(fc.constantFrom(...FIX_VALUES, 'other'), { maxLength: 3 }),
);

const fixClaimSet = fc.record(
  {
    ...Object.fromEntries(FIX_CLAIMS.map((name) => [name, fixClaimValue])),
    realm_access: fc.record({ roles: fixClaimValue }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const fixClaim = fc.constantFrom(
  ...FIX_CLAIMS.map((name) => `claims.${name}`),
  'claims.realm_access.roles',
);
const fixValue = fc.constantFrom(...FIX_VALUES.map((v) => JSON.stringify(v)));

const fixAtom = fc.oneof(
  fc
    .tuple(fixClaim, fc.constantFrom('==', '!='), fixValue, fc.boolean())
    .map(([claim, op, value, flipped]) =>
      flipped ? `${value} ${op} ${claim}` : `${claim} ${op} ${value}`,
    ),
  fc.tuple(fixValue, fixClaim).map(([value, claim]) => `${value} in ${claim}`),
  fixClaim.map((claim) => `has(${claim})`),
);

const fixFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string }>(
  (tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fixAtom,
      tie('filter').map((f) => `!(${f})`),
      tie('filter').map((f) => `(${f})`),
      fc
        .tuple(tie('filter'), fc.constantFrom('&&', '||'), tie('filter'))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      // A repeat, for the `redundant` rule's fix.
      fc
        .tuple(tie('filter'), fc.constantFrom('&&', '||'), tie('filter'))
        .map(([a, op, b]) => `${a} ${op} ${b} ${op} ${a}`),
    ),
  }),
).filter;

const FIX_SAMPLES: LintOptions[] = [
  {},
  { sampleClaims: { aud: 'kafka', sub: 'kafka', groups: 'admins' } },
  { sampleClaims: SAMPLE },
  { sampleClaims: { aud: ['kafka'], roles: ['admins'], scp: ['kafka'] } },
];

/** Fails with the filter, the fix and the token it would shut out. */
function expectFixesKeepMatches(source: string, tokens: unknown[]): void {
  for (const options of FIX_SAMPLES) {
    for (const { fix, rule } of lintFilter(source, options)) {
      if (fix === undefined) continue;
      const fixed = applyFix(source, fix);
      expect(checkFilter(fixed), fixed).toEqual({ valid: true });
      for (const claims of tokens) {
        const before = evaluateFilter(source, claims);
        const after = evaluateFilter(fixed, claims);
        if (before.ok && before.matches) {
          expect(
            after.ok && after.matches,
            `${rule} fix ${JSON.stringify(fixed)} of ${JSON.stringify(source)} shuts out ${JSON.stringify(claims)}`,
          ).toBe(true);
        }
      }
    }
  }
}

// Every claim as a string and as arrays with and without the value.
const FIX_TOKENS: unknown[] = [
  { aud: 'kafka', sub: 'kafka', groups: 'admins', roles: 'admins' },
  { aud: 'other', sub: 'admins', groups: 'other', scp: 'kafka' },
  { aud: ['kafka'], sub: ['kafka'], groups: ['admins'], roles: ['admins'] },
  { aud: ['other', 'kafka'], groups: ['other', 'admins'], scp: ['kafka'] },
  { aud: ['other'], sub: ['other'], groups: ['other'], roles: [] },
  { aud: [], sub: 'other', groups: [], realm_access: { roles: ['admins'] } },
  { realm_access: { roles: 'admins' }, aud: 'admins' },
  {},
];

test.each([
  'claims.aud == "kafka"',
  '"kafka" == claims.aud',
  '!(claims.aud != "kafka")',
  'claims.groups == "admins" && claims.sub == "kafka"',
  'claims.sub == "kafka" || claims.groups == "admins" && has(claims.aud)',
  'claims.aud == "kafka" && claims.groups != "admins"',
  '!(claims.sub == "x" || claims.groups != "admins")',
  'claims.realm_access.roles == "admins"',
  '(claims.roles) == "admins" || claims.scp == "kafka"',
  'claims.aud == "kafka" && claims.sub == "kafka" && claims.aud == "kafka"',
  'claims.aud == "kafka" || claims.aud == "kafka"',
])('every quick fix for %s keeps every token that matched', (source) => {
  const fixes = FIX_SAMPLES.flatMap((options) =>
    lintFilter(source, options).filter(({ fix }) => fix !== undefined),
  );
  expect(fixes.length).toBeGreaterThan(0);
  expectFixesKeepMatches(source, FIX_TOKENS);
});

test('every quick fix on generated filters keeps every token that matched', () => {
  fc.assert(
    fc.property(
      fixFilter.filter((source) => checkFilter(source).valid),
      fc.array(fixClaimSet, { minLength: 1, maxLength: 8 }),
      (source, tokens) => {
        expectFixesKeepMatches(source, [...FIX_TOKENS, ...tokens]);
      },
    ),
    { seed: 1510, numRuns: 400 },
  );
});
