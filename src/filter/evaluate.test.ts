import { expect, test } from 'vitest';
import {
  compileFilter,
  describeClaimValue,
  evaluateFilter,
  formatClaimPath,
  lookupClaim,
} from './evaluate.ts';
import type { FilterEvaluation } from './evaluate.ts';

const TOKEN = {
  iss: 'https://login.example.com',
  sub: 'svc-payments',
  aud: 'kafka',
  email: 'ann@payments.example.com',
  groups: ['kafka-producers', 'admins'],
  scp: ['read', 'write'],
  tid: '3f2b',
  n: 42,
  flag: true,
  nothing: null,
  empty: '',
  ext: { uid: 'u-1', team: { name: 'ledger' }, n: 7 },
  realm_access: { roles: ['admin'] },
  'tenant-id': 't1',
  name: 'Zoë 名前 😀',
  pair_a: ['x', 1, { k: [true, null] }],
  pair_b: ['x', 1, { k: [true, null] }],
};

const LIST_AUD = { ...TOKEN, aud: ['kafka', 'billing'] };

/** Per condition: `true`, `false`, or the message of an error. */
type Expected = string[];

const CASES: [string, unknown, boolean, Expected][] = [
  // Literals and negation
  ['true', TOKEN, true, ['true']],
  ['false', TOKEN, false, ['false']],
  ['!false', TOKEN, true, ['true']],
  ['!true', TOKEN, false, ['false']],
  // Equality and inequality, either way round, both quote styles
  ['claims.sub == "svc-payments"', TOKEN, true, ['true']],
  ["claims.sub == 'svc-payments'", TOKEN, true, ['true']],
  ['claims.sub == "svc-ledger"', TOKEN, false, ['false']],
  ['"svc-payments" == claims.sub', TOKEN, true, ['true']],
  ['claims.sub != "x"', TOKEN, true, ['true']],
  ['claims.sub != "svc-payments"', TOKEN, false, ['false']],
  ['claims.sub == "SVC-PAYMENTS"', TOKEN, false, ['false']],
  ['claims.sub == "svc\\u002dpayments"', TOKEN, true, ['true']],
  ['claims.empty == ""', TOKEN, true, ['true']],
  // A list never equals a string (CEL), so == on a list claim is false
  ['claims.aud == "kafka"', TOKEN, true, ['true']],
  ['claims.aud == "kafka"', LIST_AUD, false, ['false']],
  ['claims.aud != "kafka"', LIST_AUD, true, ['true']],
  ['claims.scp == "read"', TOKEN, false, ['false']],
  // Other types never equal a string either
  ['claims.n == "42"', TOKEN, false, ['false']],
  ['claims.flag == "true"', TOKEN, false, ['false']],
  ['claims.nothing == "null"', TOKEN, false, ['false']],
  ['claims.ext == "u-1"', TOKEN, false, ['false']],
  // Claim against claim compares JSON values deeply
  ['claims.sub == claims.aud', TOKEN, false, ['false']],
  ['claims.pair_a == claims.pair_b', TOKEN, true, ['true']],
  ['claims.pair_a != claims.pair_b', TOKEN, false, ['false']],
  ['claims.ext == claims.realm_access', TOKEN, false, ['false']],
  ['claims.n == claims.ext.n', TOKEN, false, ['false']],
  // Membership in a literal list
  ['claims.tid in ["3f2b", "8d1e"]', TOKEN, true, ['true']],
  ["claims.tid in ['x']", TOKEN, false, ['false']],
  ['claims.tid in []', TOKEN, false, ['false']],
  ['claims.n in ["42"]', TOKEN, false, ['false']],
  ['claims.groups in ["admins"]', TOKEN, false, ['false']],
  [
    'claims.missing in ["a"]',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  // Membership in an array claim
  ['"admins" in claims.groups', TOKEN, true, ['true']],
  ['"nobody" in claims.groups', TOKEN, false, ['false']],
  ['"kafka" in claims.aud', LIST_AUD, true, ['true']],
  ['"admin" in claims.realm_access.roles', TOKEN, true, ['true']],
  ['claims.sub in claims.groups', TOKEN, false, ['false']],
  [
    '"kafka" in claims.aud',
    TOKEN,
    false,
    ['claims.aud is a string, not an array'],
  ],
  ['"4" in claims.n', TOKEN, false, ['claims.n is a number, not an array']],
  [
    '"x" in claims.nothing',
    TOKEN,
    false,
    ['claims.nothing is null, not an array'],
  ],
  [
    '"x" in claims.groupz',
    TOKEN,
    false,
    ['claims.groupz is absent from the token'],
  ],
  // `in` on an object claim tests its keys, as CEL does for maps
  ['"uid" in claims.ext', TOKEN, true, ['true']],
  ['"zzz" in claims.ext', TOKEN, false, ['false']],
  // has(): present, absent, nested; only a missing parent is an error, as
  // in CEL, where has() tests the last field and selects the rest
  ['has(claims.sub)', TOKEN, true, ['true']],
  ['has(claims.missing)', TOKEN, false, ['false']],
  ['!has(claims.revoked)', TOKEN, true, ['true']],
  ['has(claims.ext.uid)', TOKEN, true, ['true']],
  ['has(claims.ext.team.name)', TOKEN, true, ['true']],
  ['has(claims.ext.missing)', TOKEN, false, ['false']],
  [
    'has(claims.missing.deeper)',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  [
    '!has(claims.missing.deeper)',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  [
    'has(claims.sub.x.y)',
    TOKEN,
    false,
    ['claims.sub is a string, not an object'],
  ],
  ['has(claims.sub.x)', TOKEN, false, ['false']],
  ['has(claims.nothing.x)', TOKEN, false, ['false']],
  ['has(claims.nothing)', TOKEN, true, ['true']],
  ['has(claims.empty)', TOKEN, true, ['true']],
  // String methods
  ['claims.sub.startsWith("svc-")', TOKEN, true, ['true']],
  ['claims.sub.startsWith("usr-")', TOKEN, false, ['false']],
  ['claims.sub.startsWith("")', TOKEN, true, ['true']],
  ['claims.email.endsWith("@payments.example.com")', TOKEN, true, ['true']],
  ['claims.email.endsWith("@example.org")', TOKEN, false, ['false']],
  ['claims.sub.contains("pay")', TOKEN, true, ['true']],
  [
    'claims.n.startsWith("4")',
    TOKEN,
    false,
    ['claims.n is a number, not a string'],
  ],
  [
    'claims.groups.contains("admins")',
    TOKEN,
    false,
    ['claims.groups is an array, not a string'],
  ],
  [
    'claims.flag.endsWith("e")',
    TOKEN,
    false,
    ['claims.flag is a boolean, not a string'],
  ],
  [
    'claims.missing.startsWith("x")',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  // Nested claims and bracket access
  ['claims.ext.uid == "u-1"', TOKEN, true, ['true']],
  ['claims.ext.team.name == "ledger"', TOKEN, true, ['true']],
  ['claims["tenant-id"] == "t1"', TOKEN, true, ['true']],
  ["claims['ext']['uid'] == 'u-1'", TOKEN, true, ['true']],
  ['claims.ext["team"].name.startsWith("led")', TOKEN, true, ['true']],
  [
    'claims.ext.missing == "x"',
    TOKEN,
    false,
    ['claims.ext.missing is absent from the token'],
  ],
  [
    'claims.missing.uid == "x"',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  [
    'claims.sub.x == "a"',
    TOKEN,
    false,
    ['claims.sub is a string, not an object'],
  ],
  [
    'claims.groups.x == "a"',
    TOKEN,
    false,
    ['claims.groups is an array, not an object'],
  ],
  [
    'claims["no-such"] == "a"',
    TOKEN,
    false,
    ['claims["no-such"] is absent from the token'],
  ],
  // Unicode is compared exactly, without normalisation
  ['claims.name == "Zoë 名前 😀"', TOKEN, true, ['true']],
  ['claims.name.contains("😀")', TOKEN, true, ['true']],
  ['claims.name.startsWith("Zoe")', TOKEN, false, ['false']],
  ["claims.name.endsWith('名前 😀')", TOKEN, true, ['true']],
  // && chains: every operand is a condition; false absorbs an error
  [
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
    TOKEN,
    true,
    ['true', 'true'],
  ],
  [
    'claims.aud == "kafka" && claims.sub == "x"',
    TOKEN,
    false,
    ['true', 'false'],
  ],
  [
    'claims.missing == "x" && claims.sub == "x"',
    TOKEN,
    false,
    ['claims.missing is absent from the token', 'false'],
  ],
  [
    'claims.missing == "x" && claims.sub == "svc-payments"',
    TOKEN,
    false,
    ['claims.missing is absent from the token', 'true'],
  ],
  [
    'claims.aud == "kafka" && has(claims.email) && !has(claims.revoked)',
    TOKEN,
    true,
    ['true', 'true', 'true'],
  ],
  // || chains: true absorbs an error
  [
    'claims.missing == "x" || claims.sub == "svc-payments"',
    TOKEN,
    true,
    ['claims.missing is absent from the token', 'true'],
  ],
  [
    'claims.missing == "x" || true',
    TOKEN,
    true,
    ['claims.missing is absent from the token', 'true'],
  ],
  [
    'claims.missing == "x" || claims.sub == "nope"',
    TOKEN,
    false,
    ['claims.missing is absent from the token', 'false'],
  ],
  [
    'claims.sub == "a" || claims.sub == "b" || claims.sub == "svc-payments"',
    TOKEN,
    true,
    ['false', 'false', 'true'],
  ],
  // && binds tighter than ||, so the root here is ||
  [
    'claims.sub == "a" || claims.aud == "kafka" && claims.tid == "3f2b"',
    TOKEN,
    true,
    ['false', 'true'],
  ],
  // Grouping: a parenthesised group is one condition
  [
    '(claims.sub == "a" || claims.sub == "svc-payments") && "admins" in claims.groups',
    TOKEN,
    true,
    ['true', 'true'],
  ],
  [
    'claims.aud == "kafka" && (claims.missing == "x" || claims.tid == "3f2b")',
    TOKEN,
    true,
    ['true', 'true'],
  ],
  [
    'claims.aud == "kafka" && (claims.missing == "x" || claims.tid == "nope")',
    TOKEN,
    false,
    ['true', 'claims.missing is absent from the token'],
  ],
  [
    'claims.aud == "kafka" && (claims.sub == "svc-payments" && claims.tid == "x")',
    TOKEN,
    false,
    ['true', 'false'],
  ],
  ['((claims.sub == "svc-payments"))', TOKEN, true, ['true']],
  // Negation
  ['!(claims.sub == "svc-payments")', TOKEN, false, ['false']],
  ['!!(claims.sub == "svc-payments")', TOKEN, true, ['true']],
  [
    '!(claims.missing == "x")',
    TOKEN,
    false,
    ['claims.missing is absent from the token'],
  ],
  ['!(claims.missing == "x" || true)', TOKEN, false, ['false']],
  ['!(claims.missing == "x" && false)', TOKEN, true, ['true']],
  ['!claims.sub.startsWith("usr-")', TOKEN, true, ['true']],
  ['!("nobody" in claims.groups)', TOKEN, true, ['true']],
  // Layout: comments, line breaks and spaces
  [
    'claims.sub == "a" // the admin\n  || claims.aud == "kafka"',
    TOKEN,
    true,
    ['false', 'true'],
  ],
  ['claims . sub . startsWith ( "svc-" )', TOKEN, true, ['true']],
  ['r"svc-payments" == claims.sub', TOKEN, true, ['true']],
];

function outcomes(evaluation: FilterEvaluation): string[] {
  if (!evaluation.ok) throw new Error('Expected a valid filter');
  return evaluation.conditions.map((condition) =>
    condition.result === 'error' ? condition.error : condition.result,
  );
}

test('the table covers every construct', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});

test.each(CASES)('%s', (source, claims, matches, expected) => {
  const evaluation = evaluateFilter(source, claims);
  expect(evaluation.ok && evaluation.matches).toBe(matches);
  expect(outcomes(evaluation)).toEqual(expected);
  if (!evaluation.ok) return;
  for (const condition of evaluation.conditions) {
    expect(condition.text).toBe(source.slice(condition.from, condition.to));
  }
});

test('conditions are the top-level operands with their parentheses', () => {
  const source =
    '(claims.sub == "a" || claims.sub == "b") && claims.aud == "kafka" && !has(claims.x)';
  const evaluation = evaluateFilter(source, TOKEN);
  expect(evaluation).toEqual({
    ok: true,
    matches: false,
    conditions: [
      {
        from: 0,
        to: source.indexOf(' &&'),
        text: '(claims.sub == "a" || claims.sub == "b")',
        result: 'false',
      },
      {
        from: source.indexOf('claims.aud'),
        to: source.indexOf('claims.aud') + 'claims.aud == "kafka"'.length,
        text: 'claims.aud == "kafka"',
        result: 'true',
      },
      {
        from: source.indexOf('!has'),
        to: source.length,
        text: '!has(claims.x)',
        result: 'true',
      },
    ],
  });
});

test('a root in parentheses is one condition spanning them', () => {
  const source = ' ( claims.sub == "svc-payments" ) ';
  const evaluation = evaluateFilter(source, TOKEN);
  expect(evaluation.ok && evaluation.conditions).toEqual([
    {
      from: 1,
      to: source.length - 1,
      text: '( claims.sub == "svc-payments" )',
      result: 'true',
    },
  ]);
});

test('a parenthesised chain at the root is split into its operands', () => {
  const evaluation = evaluateFilter('(claims.sub == "a" || true)', TOKEN);
  expect(outcomes(evaluation)).toEqual(['false', 'true']);
});

test('an invalid filter reports checkFilter problems', () => {
  expect(evaluateFilter('claims.sub == 5', TOKEN)).toEqual({
    ok: false,
    problems: [
      {
        from: 14,
        to: 15,
        message:
          'Numbers are not supported in identity pool filters; compare claims with strings',
      },
    ],
  });
  expect(evaluateFilter('', TOKEN).ok).toBe(false);
  expect(evaluateFilter('claims.sub ==', TOKEN).ok).toBe(false);
  expect(evaluateFilter('claims.sub.matches("x")', TOKEN).ok).toBe(false);
});

test('claims are read as own properties only', () => {
  expect(outcomes(evaluateFilter('claims.constructor == "x"', {}))).toEqual([
    'claims.constructor is absent from the token',
  ]);
  expect(
    outcomes(evaluateFilter('has(claims.toString)', { sub: 'a' })),
  ).toEqual(['false']);
  // JSON.parse makes `__proto__` an ordinary own property.
  const parsed: unknown = JSON.parse('{"__proto__": "x"}');
  expect(outcomes(evaluateFilter('claims.__proto__ == "x"', parsed))).toEqual([
    'true',
  ]);
  expect(
    outcomes(
      evaluateFilter(
        'claims.sub == "a"',
        Object.assign(Object.create(null), {
          sub: 'a',
        }),
      ),
    ),
  ).toEqual(['true']);
});

test('a property holding undefined counts as absent', () => {
  expect(
    outcomes(evaluateFilter('claims.sub == "a"', { sub: undefined })),
  ).toEqual(['claims.sub is absent from the token']);
  expect(
    outcomes(evaluateFilter('has(claims.sub)', { sub: undefined })),
  ).toEqual(['false']);
});

test('claims that are not an object make every claim an error', () => {
  for (const [claims, kind] of [
    [null, 'null'],
    [undefined, 'absent'],
    ['{"sub":"a"}', 'a string'],
    [42, 'a number'],
    [[{ sub: 'a' }], 'an array'],
  ] as const) {
    expect(outcomes(evaluateFilter('claims.sub == "a"', claims))).toEqual([
      `The token's claims are ${kind}, not an object`,
    ]);
    expect(outcomes(evaluateFilter('has(claims.sub) || true', claims))).toEqual(
      ['false', 'true'],
    );
  }
});

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

test('never throws on odd claims', () => {
  const cyclic: Record<string, unknown> = { sub: 'a' };
  cyclic.self = cyclic;
  const otherCyclic: Record<string, unknown> = { sub: 'a' };
  otherCyclic.self = otherCyclic;
  const throwing = {
    get sub(): string {
      throw new Error('boom');
    },
  };
  const hostile = new Proxy(
    {},
    {
      has: () => {
        throw new Error('boom');
      },
      get: () => {
        throw new Error('boom');
      },
      getOwnPropertyDescriptor: () => {
        throw new Error('boom');
      },
    },
  );
  const oddClaims: unknown[] = [
    null,
    undefined,
    0,
    Number.NaN,
    '',
    'claims',
    true,
    [],
    [1, 2],
    Symbol('claims'),
    () => ({ sub: 'a' }),
    10n,
    new Date(0),
    new Map([['sub', 'a']]),
    cyclic,
    { x: cyclic, y: otherCyclic },
    { x: nested(10_000), y: nested(10_000) },
    { a: nested(10_000) },
    throwing,
    hostile,
    { sub: 10n, aud: [10n, Symbol('x')], ext: { uid: () => 1 } },
  ];
  const sources = [
    'true',
    'claims.sub == "a"',
    'claims.x == claims.y',
    '"a" in claims.aud',
    'claims.ext.uid.startsWith("a")',
    'has(claims.a.a.a.a)',
    'claims.self.self.sub == "a" || claims.sub in ["a"]',
    '!has(claims.sub) && claims.aud != "x"',
  ];
  for (const claims of oddClaims) {
    for (const source of sources) {
      let evaluation: FilterEvaluation | undefined;
      expect(() => {
        evaluation = evaluateFilter(source, claims);
      }).not.toThrow();
      expect(evaluation?.ok).toBe(true);
    }
  }
});

test('deeply nested and cyclic values are an error, not a crash', () => {
  const deep = { x: nested(10_000), y: nested(10_000) };
  expect(outcomes(evaluateFilter('claims.x == claims.y', deep))).toEqual([
    'claims.x is nested too deeply to compare',
  ]);
  const a: Record<string, unknown> = {};
  a.self = a;
  const b: Record<string, unknown> = {};
  b.self = b;
  expect(
    outcomes(evaluateFilter('claims.x == claims.y', { x: a, y: b })),
  ).toEqual(['claims.x is nested too deeply to compare']);
  // The same object is equal to itself without walking it.
  expect(
    outcomes(evaluateFilter('claims.x == claims.y', { x: a, y: a })),
  ).toEqual(['true']);
  expect(
    outcomes(evaluateFilter('claims.x in claims.list', { x: a, list: [b] })),
  ).toEqual(['claims.list is nested too deeply to compare']);
  expect(
    outcomes(evaluateFilter('has(claims.a.a.a.a.a)', { a: nested(10_000) })),
  ).toEqual(['true']);
});

test('a throwing getter is an error for its condition only', () => {
  const claims = {
    aud: 'kafka',
    get sub(): string {
      throw new Error('boom');
    },
  };
  expect(
    evaluateFilter('claims.aud == "kafka" || claims.sub == "a"', claims),
  ).toMatchObject({
    ok: true,
    matches: true,
    conditions: [
      { result: 'true' },
      {
        result: 'error',
        error: 'This condition could not be evaluated against these claims',
      },
    ],
  });
});

test('never throws on odd filters', () => {
  const sources = [
    "'",
    '"',
    '(((',
    'claims.',
    '\u0000',
    '\ud800',
    '!'.repeat(100_000),
    'x'.repeat(10_000),
    `claims${'.a'.repeat(5_000)} == "x"`,
    Array.from({ length: 5_000 }, () => 'claims.sub == "a"').join(' || '),
    'claims.__proto__ == "x"',
    'claims["constructor"]["name"] == "Object"',
  ];
  for (const source of sources) {
    expect(() => evaluateFilter(source, TOKEN)).not.toThrow();
  }
  expect(
    outcomes(evaluateFilter('claims["constructor"]["name"] == "Object"', {})),
  ).toEqual(['claims.constructor is absent from the token']);
});

test('a long generated chain evaluates', () => {
  const alternatives = Array.from(
    { length: 400 },
    (_, i) => `claims.sub == "svc-${i}"`,
  );
  const source = `${alternatives.join(' || ')} || claims.sub == "svc-payments"`;
  const evaluation = evaluateFilter(source, TOKEN);
  expect(evaluation.ok && evaluation.matches).toBe(true);
  expect(evaluation.ok && evaluation.conditions.length).toBe(401);
});

test('compileFilter returns a reusable, cached evaluator', () => {
  const source = 'claims.aud == "kafka" && "admins" in claims.groups';
  const compiled = compileFilter(source);
  expect(compileFilter(source)).toBe(compiled);
  expect(compiled(TOKEN)).toEqual(evaluateFilter(source, TOKEN));
  expect(compiled({ aud: 'kafka', groups: [] })).toMatchObject({
    ok: true,
    matches: false,
  });
  // Results are fresh objects, so callers may keep or change them.
  const first = compiled(TOKEN);
  expect(compiled(TOKEN)).not.toBe(first);
  expect(compileFilter('claims.sub ==')(TOKEN).ok).toBe(false);
});

// How fast, is the bench's to measure (the "Filter engine" suite).
test('a thousand pools evaluated again and again give the same answers', () => {
  const pools = Array.from(
    { length: 1_000 },
    (_, i) =>
      `claims.aud == "kafka" && (claims.sub == "svc-${i}" || "team-${i}" in claims.groups) && !has(claims.revoked)`,
  );
  for (const pool of pools) evaluateFilter(pool, TOKEN);
  let matched = 0;
  for (let round = 0; round < 10; round++) {
    for (const pool of pools) {
      const evaluation = evaluateFilter(pool, TOKEN);
      if (evaluation.ok && evaluation.matches) matched++;
    }
  }
  expect(matched).toBe(0);
});

test('lookupClaim says where a path leads', () => {
  expect(lookupClaim(TOKEN, ['ext', 'uid'])).toEqual({
    found: true,
    value: 'u-1',
  });
  expect(lookupClaim(TOKEN, ['ext', 'nope', 'x'])).toEqual({
    found: false,
    reason: 'absent',
    missing: ['ext', 'nope'],
  });
  expect(lookupClaim(TOKEN, ['sub', 'x'])).toEqual({
    found: false,
    reason: 'not-object',
    parent: ['sub'],
    value: 'svc-payments',
  });
  expect(lookupClaim(null, ['sub'])).toEqual({
    found: false,
    reason: 'not-object',
    parent: [],
    value: null,
  });
});

test('formatClaimPath writes paths as a filter would', () => {
  expect(formatClaimPath(['sub'])).toBe('claims.sub');
  expect(formatClaimPath(['ext', 'uid'])).toBe('claims.ext.uid');
  expect(formatClaimPath(['tenant-id'])).toBe('claims["tenant-id"]');
  expect(formatClaimPath(['in', 'x'])).toBe('claims["in"].x');
  expect(formatClaimPath(['https://x.io/t'])).toBe('claims["https://x.io/t"]');
});

test('describeClaimValue names JSON types', () => {
  expect(
    ['a', 1, true, null, [], {}, undefined].map(describeClaimValue),
  ).toEqual([
    'a string',
    'a number',
    'a boolean',
    'null',
    'an array',
    'an object',
    'absent',
  ]);
});
