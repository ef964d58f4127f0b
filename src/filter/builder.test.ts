import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseFilterAst } from './ast.ts';
import {
  BUILDER_OPERATORS,
  builderToFilter,
  builderValueKind,
  claimNameFromPath,
  claimNameToPath,
  emptyBuilder,
  filterToBuilder,
  isCanonical,
  validateBuilder,
} from './builder.ts';
import type {
  BuilderCondition,
  BuilderGroup,
  BuilderItem,
  BuilderOperator,
} from './builder.ts';
import { checkFilter } from './check.ts';

function cond(
  claim: string,
  operator: BuilderOperator,
  value: string | string[] = '',
): BuilderCondition {
  return { kind: 'condition', claim, operator, value };
}

function all(...items: BuilderItem[]): BuilderGroup {
  return { kind: 'group', join: 'all', items };
}

function any(...items: BuilderItem[]): BuilderGroup {
  return { kind: 'group', join: 'any', items };
}

function modelOf(source: string): BuilderGroup {
  const result = filterToBuilder(source);
  if (!result.ok) throw new Error(`${source}: ${result.reason}`);
  return result.model;
}

/** The string value a one-comparison filter like `claims.x == "…"` holds. */
function valueIn(text: string): string {
  const parsed = parseFilterAst(text);
  if (!parsed.ok || parsed.root.kind !== 'binary') throw new Error(text);
  const { right } = parsed.root;
  if (right.kind !== 'string') throw new Error(text);
  return right.value;
}

// [source, canonical text]
const REPRESENTABLE: [string, string][] = [
  ['true', 'true'],
  ['(true)', 'true'],
  ['  true\n', 'true'],
  ['claims.sub == "a"', 'claims.sub == "a"'],
  ['claims.sub=="a"', 'claims.sub == "a"'],
  ["claims.sub == 'a'", 'claims.sub == "a"'],
  ['"a" == claims.sub', 'claims.sub == "a"'],
  ['claims["sub"] == "a"', 'claims.sub == "a"'],
  ['claims.group != "invalid_group"', 'claims.group != "invalid_group"'],
  ['"x" != claims.group', 'claims.group != "x"'],
  ['!(claims.iss == "x")', 'claims.iss != "x"'],
  ['!("x" == claims.iss)', 'claims.iss != "x"'],
  ['claims.appid in ["app1","app2"]', 'claims.appid in ["app1", "app2"]'],
  ['claims.appid in ["app1", "app2",]', 'claims.appid in ["app1", "app2"]'],
  ['claims.sub in ["a", "a"]', 'claims.sub in ["a", "a"]'],
  ['!(claims.appid in ["a"])', '!(claims.appid in ["a"])'],
  ['claims.sub in []', 'claims.sub in []'],
  ['"admins" in claims.groups', '"admins" in claims.groups'],
  ['!("admins" in claims.groups)', '!("admins" in claims.groups)'],
  ['claims.sub.startsWith("svc-")', 'claims.sub.startsWith("svc-")'],
  ['!claims.sub.startsWith("svc-")', '!claims.sub.startsWith("svc-")'],
  ['!(claims.sub.startsWith("svc-"))', '!claims.sub.startsWith("svc-")'],
  ['claims . sub . startsWith ( "svc-" )', 'claims.sub.startsWith("svc-")'],
  ['claims.email.endsWith("@x.com")', 'claims.email.endsWith("@x.com")'],
  ['!claims.email.endsWith("@x.com")', '!claims.email.endsWith("@x.com")'],
  ['claims.sub.contains("team")', 'claims.sub.contains("team")'],
  ['!claims.sub.contains("team")', '!claims.sub.contains("team")'],
  ['has(claims.scp)', 'has(claims.scp)'],
  ['!has(claims.scp)', '!has(claims.scp)'],
  ['! has( claims.scp )', '!has(claims.scp)'],
  ['has(claims.a.b)', 'has(claims.a.b)'],
  ['has(claims["a-b"].c)', 'has(claims["a-b"].c)'],
  ['claims.a.b == "x"', 'claims.a.b == "x"'],
  [
    'claims.realm_access.roles.contains("admin")',
    'claims.realm_access.roles.contains("admin")',
  ],
  ['claims["name-with-dash"] == "x"', 'claims["name-with-dash"] == "x"'],
  [
    "claims['https://example.com/tenant'] == 'acme'",
    'claims["https://example.com/tenant"] == "acme"',
  ],
  ['claims.a["b-c"].d == "x"', 'claims.a["b-c"].d == "x"'],
  ['claims["a"]["b"] == "x"', 'claims.a.b == "x"'],
  ['claims["in"] == "x"', 'claims["in"] == "x"'],
  ['claims["if"] == "x"', 'claims.if == "x"'],
  ['claims.claims.sub == "x"', 'claims.claims.sub == "x"'],
  ['claims[""] == ""', 'claims[""] == ""'],
  [
    'claims.aud=="confluent" && claims.group!="invalid_group"',
    'claims.aud == "confluent" && claims.group != "invalid_group"',
  ],
  [
    'claims.sub=="a" || claims.sub=="b"',
    'claims.sub == "a" || claims.sub == "b"',
  ],
  [
    'claims.aud == "a" && (claims.sub == "b" || claims.sub == "c")',
    'claims.aud == "a" && (claims.sub == "b" || claims.sub == "c")',
  ],
  [
    '(claims.aud == "a" || claims.aud == "b") && !(claims.sub == "c")',
    '(claims.aud == "a" || claims.aud == "b") && claims.sub != "c"',
  ],
  [
    'claims.a == "1" || (claims.b == "2" && claims.c == "3")',
    'claims.a == "1" || claims.b == "2" && claims.c == "3"',
  ],
  [
    'claims.a == "1" && (claims.b == "2" && claims.c == "3")',
    'claims.a == "1" && claims.b == "2" && claims.c == "3"',
  ],
  [
    '(claims.a == "1" && claims.b == "2") && claims.c == "3"',
    'claims.a == "1" && claims.b == "2" && claims.c == "3"',
  ],
  [
    '(claims.a == "1" || claims.b == "2") && (claims.c == "3" || claims.d == "4")',
    '(claims.a == "1" || claims.b == "2") && (claims.c == "3" || claims.d == "4")',
  ],
  [
    'claims.a == "1" && (claims.b == "2" || claims.c == "3" && (claims.d == "4" || claims.e == "5"))',
    'claims.a == "1" && (claims.b == "2" || claims.c == "3" && (claims.d == "4" || claims.e == "5"))',
  ],
  ['((claims.sub == "a"))', 'claims.sub == "a"'],
  [
    'claims.aud == "kafka"\n  && claims.sub.startsWith("svc-")',
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  ],
  [
    'has(claims.email) && claims.email.endsWith("@x.com") && !("banned" in claims.groups)',
    'has(claims.email) && claims.email.endsWith("@x.com") && !("banned" in claims.groups)',
  ],
  // Strings: quote style and escapes normalise; the value stays.
  ['r"a\\d" == claims.sub', 'claims.sub == "a\\\\d"'],
  ["claims.sub == '''x'''", 'claims.sub == "x"'],
  ['claims.sub == \'say "hi"\'', 'claims.sub == "say \\"hi\\""'],
  ["claims.sub == 'it\\'s'", 'claims.sub == "it\'s"'],
  ['claims.sub == "a\\\\b"', 'claims.sub == "a\\\\b"'],
  ['claims.sub == "a\\nb\\tc\\rd"', 'claims.sub == "a\\nb\\tc\\rd"'],
  ['claims.sub == "\\u00e9"', 'claims.sub == "é"'],
  ['claims.sub == "\\x41\\101"', 'claims.sub == "AA"'],
  ['claims.sub == "\\U0001f600"', 'claims.sub == "😀"'],
  ['claims.sub == "\\000"', 'claims.sub == "\\u0000"'],
  ['claims.sub == "\u202e"', 'claims.sub == "\\u202e"'],
  ['claims.sub == "a\u00a0b"', 'claims.sub == "a\\u00a0b"'],
  ['claims.name == "Zoë 😀 名前"', 'claims.name == "Zoë 😀 名前"'],
];

test('the round-trip table has at least 40 filters', () => {
  expect(REPRESENTABLE.length).toBeGreaterThanOrEqual(40);
});

for (const [source, canonical] of REPRESENTABLE) {
  test(`round trip of ${JSON.stringify(source)}`, () => {
    expect(checkFilter(source)).toEqual({ valid: true });
    const first = filterToBuilder(source);
    expect(first).toMatchObject({ ok: true, canonical });
    expect(builderToFilter(modelOf(source))).toBe(canonical);

    expect(checkFilter(canonical)).toEqual({ valid: true });
    const again = filterToBuilder(canonical);
    expect(again).toMatchObject({ ok: true, canonical });
    expect(builderToFilter(modelOf(canonical))).toBe(canonical);
    expect(modelOf(canonical)).toEqual(modelOf(source));

    expect(isCanonical(canonical)).toBe(true);
    expect(isCanonical(source)).toBe(source === canonical);
  });
}

test('models read from text', () => {
  expect(modelOf('true')).toEqual(all());
  expect(modelOf('claims.sub == "a"')).toEqual(all(cond('sub', 'equals', 'a')));
  expect(
    modelOf('(claims.aud == "a" || claims.aud == "b") && !(claims.sub == "c")'),
  ).toEqual(
    all(
      any(cond('aud', 'equals', 'a'), cond('aud', 'equals', 'b')),
      cond('sub', 'not-equals', 'c'),
    ),
  );
  expect(
    modelOf('claims.a == "1" || claims.b == "2" && claims.c == "3"'),
  ).toEqual(
    any(
      cond('a', 'equals', '1'),
      all(cond('b', 'equals', '2'), cond('c', 'equals', '3')),
    ),
  );
  expect(modelOf('claims.x in ["a", "b"] && !(claims.y in [])')).toEqual(
    all(cond('x', 'in', ['a', 'b']), cond('y', 'not-in', [])),
  );
  expect(
    modelOf(
      '"v" in claims.groups || !("w" in claims.groups) || has(claims.a.b) || !has(claims.c)',
    ),
  ).toEqual(
    any(
      cond('groups', 'contains-value', 'v'),
      cond('groups', 'not-contains-value', 'w'),
      cond('a.b', 'present'),
      cond('c', 'absent'),
    ),
  );
  expect(
    modelOf(
      'claims.a.startsWith("p") && !claims.a.endsWith("s") && claims.a.contains("c") && !claims.a.contains("d") && !claims.a.startsWith("e") && claims.a.endsWith("f")',
    ),
  ).toEqual(
    all(
      cond('a', 'starts-with', 'p'),
      cond('a', 'not-ends-with', 's'),
      cond('a', 'contains', 'c'),
      cond('a', 'not-contains', 'd'),
      cond('a', 'not-starts-with', 'e'),
      cond('a', 'ends-with', 'f'),
    ),
  );
});

test('claim names in models read from text', () => {
  const claimOf = (source: string) => {
    const [item] = modelOf(source).items;
    return item?.kind === 'condition' ? item.claim : undefined;
  };
  expect(claimOf('claims.ext.uid == "x"')).toBe('ext.uid');
  expect(claimOf('claims["https://example.com/roles"] == "x"')).toBe(
    'https://example.com/roles',
  );
  expect(claimOf('claims["tenant-id"] == "x"')).toBe('tenant-id');
  expect(claimOf('claims.ext["tenant-id"] == "x"')).toBe('ext["tenant-id"]');
  expect(claimOf('claims["a.b"] == "x"')).toBe('["a.b"]');
  expect(claimOf('claims["a.b"].c == "x"')).toBe('["a.b"].c');
  expect(claimOf('claims.claims.sub == "x"')).toBe('["claims"].sub');
  expect(claimOf('claims["claims.sub"] == "x"')).toBe('["claims.sub"]');
  expect(claimOf('claims[" sub"] == "x"')).toBe('[" sub"]');
  expect(claimOf('claims["a\\u200bb"] == "x"')).toBe('["a\\u200bb"]');
  expect(claimOf('claims["in"] == "x"')).toBe('in');
});

// [source, reason]
const UNREPRESENTABLE: [string, string][] = [
  ['false', '`false` matches no token and has no builder row'],
  [
    'claims.sub == "a" || false',
    '`false` matches no token and has no builder row',
  ],
  [
    'claims.sub == "a" && true',
    'A `true` inside a larger filter has no builder row; remove it',
  ],
  ['!true', '`!true` is a constant and has no builder row'],
  ['!false', '`!false` is a constant and has no builder row'],
  [
    'claims.sub == "a" // the admin',
    'The filter has a comment, which the builder cannot keep; remove it to switch',
  ],
  [
    '// allow everyone\ntrue',
    'The filter has a comment, which the builder cannot keep; remove it to switch',
  ],
  [
    'claims.sub == claims.aud',
    'Comparing two claims (`claims.sub == claims.aud`) has no builder row',
  ],
  [
    'claims.sub != claims.aud',
    'Comparing two claims (`claims.sub != claims.aud`) has no builder row',
  ],
  [
    '!(claims.sub == claims.aud)',
    'Comparing two claims (`claims.sub == claims.aud`) has no builder row',
  ],
  [
    'claims.sub in claims.allowed',
    'Testing a claim against another claim (`claims.sub in claims.allowed`) has no builder row',
  ],
  [
    '!(claims.a == "1" && claims.b == "2")',
    'Negating a group of conditions (`!(claims.a == "1" && claims.b =…`) has no builder row; the builder negates single conditions only',
  ],
  [
    '!(claims.a == "1" || claims.b == "2")',
    'Negating a group of conditions (`!(claims.a == "1" || claims.b =…`) has no builder row; the builder negates single conditions only',
  ],
  [
    '!!(claims.sub == "a")',
    'A double negation (`!!(claims.sub == "a")`) has no builder row; write the condition without it',
  ],
  [
    '!(claims.sub != "a")',
    'A double negation (`!(claims.sub != "a")`) has no builder row; write the condition without it',
  ],
  [
    '!!has(claims.x)',
    'A double negation (`!!has(claims.x)`) has no builder row; write the condition without it',
  ],
  [
    '!(!has(claims.x))',
    'A double negation (`!(!has(claims.x))`) has no builder row; write the condition without it',
  ],
  [
    'claims.a == "1" && !!claims.b.startsWith("x")',
    'A double negation (`!!claims.b.startsWith("x")`) has no builder row; write the condition without it',
  ],
  // Invalid filters report checkFilter's first problem.
  [
    '',
    'The filter is empty; write `true` to match every token from this provider',
  ],
  ['claims.sub ==', 'Expected a value after `==`'],
  [
    'claims.sub.matches("x")',
    '`matches()` is not supported in identity pool filters',
  ],
  [
    'has(claims["x-y"])',
    '`has()` needs a claim written with dots, e.g. `has(claims.email)`',
  ],
  [
    '"a" == "a"',
    'This compares two strings, so it does not depend on the token; compare a claim, e.g. `claims.sub == "…"`',
  ],
];

for (const [source, reason] of UNREPRESENTABLE) {
  test(`refuses ${JSON.stringify(source)}`, () => {
    expect(filterToBuilder(source)).toEqual({ ok: false, reason });
    expect(isCanonical(source)).toBe(false);
  });
}

test('filterToBuilder never throws on weird input', () => {
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
    expect(filterToBuilder(source).ok).toBe(false);
  }
});

test('a long filter reads and prints', () => {
  const source = Array.from(
    { length: 300 },
    (_, i) => `claims.sub == "svc-${i}"`,
  ).join(' || ');
  expect(filterToBuilder(source)).toMatchObject({
    ok: true,
    canonical: source,
  });
  expect(modelOf(source).items).toHaveLength(300);
});

test('builderToFilter: empty groups', () => {
  expect(builderToFilter(all())).toBe('true');
  expect(builderToFilter(any())).toBe('true');
  expect(builderToFilter(all(any(), all()))).toBe('true');
  expect(
    builderToFilter(all(cond('a', 'equals', '1'), any(), cond('b', 'present'))),
  ).toBe('claims.a == "1" && has(claims.b)');
});

test('builderToFilter: parentheses only where precedence needs them', () => {
  const a = cond('a', 'equals', '1');
  const b = cond('b', 'equals', '2');
  const c = cond('c', 'equals', '3');
  expect(builderToFilter(all(a, any(b, c)))).toBe(
    'claims.a == "1" && (claims.b == "2" || claims.c == "3")',
  );
  expect(builderToFilter(any(a, all(b, c)))).toBe(
    'claims.a == "1" || claims.b == "2" && claims.c == "3"',
  );
  expect(builderToFilter(all(a, all(b, c)))).toBe(
    'claims.a == "1" && claims.b == "2" && claims.c == "3"',
  );
  expect(builderToFilter(any(any(a, b), c))).toBe(
    'claims.a == "1" || claims.b == "2" || claims.c == "3"',
  );
  // A one-item group is its item, so `any` inside it still needs them.
  expect(builderToFilter(all(a, all(any(b, c))))).toBe(
    'claims.a == "1" && (claims.b == "2" || claims.c == "3")',
  );
  expect(builderToFilter(any(all(a)))).toBe('claims.a == "1"');
  expect(builderToFilter(all(any(a, b)))).toBe(
    'claims.a == "1" || claims.b == "2"',
  );
});

test('builderToFilter: every operator', () => {
  const expected: Record<BuilderOperator, string> = {
    equals: 'claims.sub == "v"',
    'not-equals': 'claims.sub != "v"',
    in: 'claims.sub in ["v", "w"]',
    'not-in': '!(claims.sub in ["v", "w"])',
    'contains-value': '"v" in claims.sub',
    'not-contains-value': '!("v" in claims.sub)',
    'starts-with': 'claims.sub.startsWith("v")',
    'not-starts-with': '!claims.sub.startsWith("v")',
    'ends-with': 'claims.sub.endsWith("v")',
    'not-ends-with': '!claims.sub.endsWith("v")',
    contains: 'claims.sub.contains("v")',
    'not-contains': '!claims.sub.contains("v")',
    present: 'has(claims.sub)',
    absent: '!has(claims.sub)',
  };
  for (const operator of BUILDER_OPERATORS) {
    const kind = builderValueKind(operator);
    const value = kind === 'list' ? ['v', 'w'] : kind === 'none' ? '' : 'v';
    const model = all(cond('sub', operator, value));
    const text = builderToFilter(model);
    expect(text).toBe(expected[operator]);
    expect(checkFilter(text)).toEqual({ valid: true });
    expect(modelOf(text)).toEqual(model);
  }
  expect(BUILDER_OPERATORS).toHaveLength(Object.keys(expected).length);
});

test('builderToFilter: values of the wrong shape are coerced', () => {
  expect(builderToFilter(all(cond('a', 'equals', ['x', 'y'])))).toBe(
    'claims.a == "x"',
  );
  expect(builderToFilter(all(cond('a', 'equals', [])))).toBe('claims.a == ""');
  expect(builderToFilter(all(cond('a', 'in', 'x')))).toBe('claims.a in ["x"]');
  expect(builderToFilter(all(cond('a', 'in', '')))).toBe('claims.a in []');
  expect(builderToFilter(all(cond('a', 'present', 'left over')))).toBe(
    'has(claims.a)',
  );
});

test('builderToFilter: claim names', () => {
  const cases: [string, string][] = [
    ['sub', 'claims.sub'],
    ['ext.uid', 'claims.ext.uid'],
    ['x-y', 'claims["x-y"]'],
    ['https://example.com/roles', 'claims["https://example.com/roles"]'],
    ['in', 'claims["in"]'],
    ['true', 'claims["true"]'],
    ['if', 'claims.if'],
    ['1st', 'claims["1st"]'],
    ['ext["tenant-id"]', 'claims.ext["tenant-id"]'],
    ["ext['tenant-id']", 'claims.ext["tenant-id"]'],
    ['["a.b"].c', 'claims["a.b"].c'],
    ['["x"]', 'claims.x'],
    ['a"b', 'claims["a\\"b"]'],
    ['a\\b', 'claims["a\\\\b"]'],
    ['a.b-c', 'claims["a.b-c"]'],
    ['a[b', 'claims["a[b"]'],
    ['naïve', 'claims["naïve"]'],
  ];
  for (const [claim, reference] of cases) {
    const text = builderToFilter(all(cond(claim, 'equals', 'v')));
    expect(text).toBe(`${reference} == "v"`);
    expect(checkFilter(text)).toEqual({ valid: true });
  }
});

test('claim names and paths', () => {
  const cases: [string[], string][] = [
    [['sub'], 'sub'],
    [['ext', 'uid'], 'ext.uid'],
    [['https://example.com/roles'], 'https://example.com/roles'],
    [['x-y'], 'x-y'],
    [['in'], 'in'],
    [['a.b'], '["a.b"]'],
    [['a', 'b-c'], 'a["b-c"]'],
    [['a-b', 'c'], '["a-b"].c'],
    [['claims', 'sub'], '["claims"].sub'],
    [['claims'], 'claims'],
    [['claims.sub'], '["claims.sub"]'],
    [[' s'], '[" s"]'],
    [['a..b'], '["a..b"]'],
    [['.a'], '[".a"]'],
    [['[x'], '["[x"]'],
    [['a["b"]'], '["a[\\"b\\"]"]'],
    [[''], '[""]'],
    [['tab\there'], '["tab\\there"]'],
    [['a\u200bb'], '["a\\u200bb"]'],
    [[], ''],
  ];
  for (const [path, name] of cases) {
    expect(claimNameFromPath(path)).toBe(name);
    if (path.length > 0) expect(claimNameToPath(name)).toEqual(path);
  }
  expect(claimNameToPath("['x-y'].z")).toEqual(['x-y', 'z']);
  expect(claimNameToPath('a[b')).toEqual(['a[b']);
  expect(claimNameToPath('a.["b"]')).toEqual(['a.["b"]']);
  expect(claimNameToPath('["a\\q"]')).toEqual(['["a\\q"]']);
});

test('escaping in values', () => {
  const cases: [string, string][] = [
    ['say "hi"', '"say \\"hi\\""'],
    ["it's", '"it\'s"'],
    ['C:\\temp\\', '"C:\\\\temp\\\\"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['cr\r\ntab\t', '"cr\\r\\ntab\\t"'],
    ['nul\u0000bell\u0007', '"nul\\u0000bell\\u0007"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['no\u00a0break', '"no\\u00a0break"'],
    ['\u202eevil', '"\\u202eevil"'],
    ['bom\ufeff', '"bom\\ufeff"'],
    ['tag\u{e0041}', '"tag\\U000e0041"'],
    ['Zoë 名前 😀', '"Zoë 名前 😀"'],
    ['👩‍💻', '"👩\\u200d💻"'],
    ['  spaced  ', '"  spaced  "'],
    ['\\u0041', '"\\\\u0041"'],
    ["'''", "\"'''\""],
    ['"""', '"\\"\\"\\""'],
  ];
  for (const [value, literal] of cases) {
    const text = builderToFilter(all(cond('sub', 'equals', value)));
    expect(text).toBe(`claims.sub == ${literal}`);
    expect(checkFilter(text)).toEqual({ valid: true });
    expect(valueIn(text)).toBe(value);
    expect(modelOf(text)).toEqual(all(cond('sub', 'equals', value)));
  }
});

test('a lone surrogate is kept as it is and reported', () => {
  const model = all(cond('sub', 'equals', 'a\ud800b'));
  const text = builderToFilter(model);
  expect(text).toBe('claims.sub == "a\ud800b"');
  expect(modelOf(text)).toEqual(model);
  expect(validateBuilder(model)).toEqual([
    {
      path: [0],
      message:
        'The value contains a broken character (a lone UTF-16 surrogate)',
    },
  ]);
});

test('emptyBuilder', () => {
  expect(emptyBuilder()).toEqual(all(cond('', 'equals', '')));
  expect(emptyBuilder()).not.toBe(emptyBuilder());
  expect(builderToFilter(emptyBuilder())).toBe('claims[""] == ""');
  expect(validateBuilder(emptyBuilder())).toEqual([
    { path: [0], message: 'Enter a claim name, e.g. `sub`' },
    { path: [0], message: 'Enter a value' },
  ]);
});

test('builderValueKind', () => {
  expect(builderValueKind('in')).toBe('list');
  expect(builderValueKind('not-in')).toBe('list');
  expect(builderValueKind('present')).toBe('none');
  expect(builderValueKind('absent')).toBe('none');
  expect(builderValueKind('contains-value')).toBe('single');
  expect(builderValueKind('not-starts-with')).toBe('single');
});

test('validateBuilder accepts a sensible model', () => {
  expect(
    validateBuilder(
      all(
        cond('aud', 'equals', 'kafka'),
        any(
          cond('sub', 'starts-with', 'svc-'),
          cond('groups', 'contains-value', 'admins'),
          all(cond('ext.uid', 'present'), cond('tenant-id', 'in', ['t1'])),
        ),
        cond('https://example.com/roles', 'not-contains-value', 'banned'),
        cond('["x-y"].b', 'absent'),
      ),
    ),
  ).toEqual([]);
  expect(validateBuilder(all())).toEqual([]);
  expect(validateBuilder(any())).toEqual([]);
});

test('validateBuilder: claim names', () => {
  const messageFor = (claim: string, operator: BuilderOperator = 'equals') =>
    validateBuilder(
      all(
        cond(claim, operator, builderValueKind(operator) === 'none' ? '' : 'v'),
      ),
    ).map((problem) => problem.message);
  expect(messageFor('')).toEqual(['Enter a claim name, e.g. `sub`']);
  expect(messageFor('   ')).toEqual(['Enter a claim name, e.g. `sub`']);
  expect(messageFor(' sub')).toEqual([
    'The claim name starts or ends with a space; remove it, or write the name as `[" … "]` if the space is part of it',
  ]);
  expect(messageFor('claims.sub')).toEqual([
    'Leave out `claims.`: write `sub`, not `claims.sub`',
  ]);
  expect(messageFor('claims["x-y"]')).toEqual([
    'Leave out `claims.`: write `sub`, not `claims.sub`',
  ]);
  expect(messageFor('["x-y"')).toEqual([
    'Write the claim name in quotes inside the brackets, e.g. `["https://example.com/roles"]`',
  ]);
  expect(messageFor('[x]')).toEqual([
    'Write the claim name in quotes inside the brackets, e.g. `["https://example.com/roles"]`',
  ]);
  for (const claim of ['a..b', '.sub', 'sub.']) {
    expect(messageFor(claim)).toEqual([
      'The claim name has an empty part between dots; write it as `["…"]` if that is its exact spelling',
    ]);
  }
  expect(messageFor('a\udc00')).toEqual([
    'The claim name contains a broken character (a lone UTF-16 surrogate)',
  ]);
  const presence =
    'Presence can only be tested for a claim whose name (its last part) is letters, digits and `_`; `has()` takes no other names';
  expect(messageFor('x-y', 'present')).toEqual([presence]);
  expect(messageFor('https://example.com/roles', 'absent')).toEqual([presence]);
  expect(messageFor('in', 'present')).toEqual([presence]);
  expect(messageFor('ext["x-y"]', 'present')).toEqual([presence]);
  expect(messageFor('["x-y"].ok', 'present')).toEqual([]);
  expect(messageFor('if', 'present')).toEqual([]);
  expect(messageFor('claims', 'present')).toEqual([]);
  // Names that only need brackets in the text are fine.
  for (const claim of ['x-y', 'in', 'a.b-c', '["a.b"]', '[""]', 'a b']) {
    expect(messageFor(claim)).toEqual([]);
  }
});

test('validateBuilder: values', () => {
  const messagesFor = (operator: BuilderOperator, value: string | string[]) =>
    validateBuilder(all(cond('sub', operator, value))).map(
      (problem) => problem.message,
    );
  expect(messagesFor('equals', '')).toEqual(['Enter a value']);
  expect(messagesFor('starts-with', '')).toEqual(['Enter a value']);
  expect(messagesFor('contains-value', '')).toEqual(['Enter a value']);
  expect(messagesFor('equals', ['a'])).toEqual([
    'This operator takes one value, not a list',
  ]);
  expect(messagesFor('in', 'a')).toEqual([
    'This operator takes a list of values',
  ]);
  expect(messagesFor('not-in', [])).toEqual(['Add at least one value']);
  expect(messagesFor('in', ['a', ''])).toEqual(['The list has an empty value']);
  expect(messagesFor('in', ['a', '\ud800'])).toEqual([
    'A value in the list contains a broken character (a lone UTF-16 surrogate)',
  ]);
  expect(messagesFor('present', 'ignored')).toEqual([]);
  expect(messagesFor('equals', ' ')).toEqual([]);
  expect(
    validateBuilder(all(cond('sub', 'matches' as BuilderOperator, 'x'))),
  ).toEqual([{ path: [0], message: 'Choose an operator' }]);
  expect(validateBuilder(all(cond('', 'in', [])))).toEqual([
    { path: [0], message: 'Enter a claim name, e.g. `sub`' },
    { path: [0], message: 'Add at least one value' },
  ]);
});

test('validateBuilder: groups and paths', () => {
  expect(
    validateBuilder(
      all(
        cond('a', 'equals', 'x'),
        any(cond('b', 'equals', 'y'), all(), cond('', 'equals', 'z')),
        any(),
      ),
    ),
  ).toEqual([
    { path: [1, 1], message: 'This group has no conditions' },
    { path: [1, 2], message: 'Enter a claim name, e.g. `sub`' },
    { path: [2], message: 'This group has no conditions' },
  ]);

  const oddJoin = {
    kind: 'group',
    join: 'some',
    items: [cond('a', 'equals', 'x')],
  } as unknown as BuilderGroup;
  expect(validateBuilder(oddJoin)).toEqual([
    { path: [], message: 'Choose whether all or any must match' },
  ]);

  const oddItem = all(cond('a', 'equals', 'x'), null as unknown as BuilderItem);
  expect(validateBuilder(oddItem)).toEqual([
    { path: [1], message: 'This item is neither a condition nor a group' },
  ]);
  expect(builderToFilter(oddItem)).toBe('');
});

test('validateBuilder: groups nested too deeply', () => {
  let model = all(cond('a', 'equals', 'x'));
  for (let i = 0; i < 40; i++) model = all(model);
  const problems = validateBuilder(model);
  expect(problems).toHaveLength(1);
  expect(problems[0]?.path).toHaveLength(33);
  expect(problems[0]?.message).toBe(
    'Groups are nested more than 32 deep; flatten them',
  );
  // Still printable: one-item groups unwrap.
  expect(builderToFilter(model)).toBe('claims.a == "x"');
});

test('a group that contains itself neither hangs nor throws', () => {
  const model = all(cond('a', 'equals', 'x'));
  model.items.push(model);
  expect(validateBuilder(model)).toEqual([
    { path: [1], message: 'This group contains itself' },
  ]);
  expect(builderToFilter(model)).toBe('');
});

test('isCanonical', () => {
  expect(isCanonical('true')).toBe(true);
  expect(isCanonical('claims.sub == "a"')).toBe(true);
  expect(isCanonical('claims.sub=="a"')).toBe(false);
  expect(isCanonical('claims.sub == "a" ')).toBe(false);
  expect(isCanonical('!(claims.sub == "a")')).toBe(false);
  expect(isCanonical('claims.sub != "a"')).toBe(true);
  expect(isCanonical('false')).toBe(false);
  expect(isCanonical('')).toBe(false);
});

// ---------------------------------------------------------------------------
// Properties

const CLAIMS = [
  'sub',
  'aud',
  'email',
  'groups',
  'if',
  'ext.uid',
  'realm_access.roles',
  'tenant-id',
  'https://example.com/roles',
  'in',
  'a.b-c',
  'naïve',
  'with space',
  'ext["tenant-id"]',
  '["a.b"].c',
  '["claims"].sub',
  '["x\\"y"]',
  '[" padded "]',
];

// Names whose last part is a CEL identifier, which has() requires.
const PRESENCE_CLAIMS = [
  'sub',
  'email',
  'if',
  'ext.uid',
  'realm_access.roles',
  '["a.b"].c',
  '["claims"].sub',
];

const TRICKY = [
  '"',
  "'",
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u2028',
  '\u202e',
  '\u00a0',
  '\u200d',
  'é',
  '名',
  '😀',
  '\\u0041',
  '//',
  '&&',
  ')',
  ' ',
];

const valueArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));

const SINGLE_OPERATORS = BUILDER_OPERATORS.filter(
  (operator) => builderValueKind(operator) === 'single',
);

const conditionArb: fc.Arbitrary<BuilderCondition> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...CLAIMS),
      fc.constantFrom(...SINGLE_OPERATORS),
      valueArb,
    )
    .map(([claim, operator, value]) => cond(claim, operator, value)),
  fc
    .tuple(
      fc.constantFrom(...CLAIMS),
      fc.constantFrom<BuilderOperator>('in', 'not-in'),
      fc.array(valueArb, { minLength: 1, maxLength: 3 }),
    )
    .map(([claim, operator, value]) => cond(claim, operator, value)),
  fc
    .tuple(
      fc.constantFrom(...PRESENCE_CLAIMS),
      fc.constantFrom<BuilderOperator>('present', 'absent'),
    )
    .map(([claim, operator]) => cond(claim, operator, '')),
);

function groupArb(depth: number): fc.Arbitrary<BuilderGroup> {
  const item: fc.Arbitrary<BuilderItem> =
    depth === 0 ? conditionArb : fc.oneof(conditionArb, groupArb(depth - 1));
  return fc
    .tuple(
      fc.constantFrom<'all' | 'any'>('all', 'any'),
      fc.array(item, { minLength: 1, maxLength: 4 }),
    )
    .map(([join, items]) => ({ kind: 'group', join, items }));
}

// The top group with groups nested up to three levels below it.
const modelArb = groupArb(3);

/**
 * What reading the printed text gives back: empty groups dropped, one-item
 * groups unwrapped, same-join children merged, claim names in the form
 * claimNameFromPath writes.
 */
function normalise(model: BuilderGroup): BuilderGroup {
  const item = normaliseItem(model);
  if (item === undefined) return all();
  return item.kind === 'group' ? item : all(item);
}

function normaliseItem(item: BuilderItem): BuilderItem | undefined {
  if (item.kind === 'condition') {
    return {
      ...item,
      claim: claimNameFromPath(claimNameToPath(item.claim)),
    };
  }
  const items: BuilderItem[] = [];
  for (const child of item.items) {
    const normal = normaliseItem(child);
    if (normal === undefined) continue;
    if (normal.kind === 'group' && normal.join === item.join) {
      items.push(...normal.items);
    } else {
      items.push(normal);
    }
  }
  if (items.length === 0) return;
  if (items.length === 1) return items[0];
  return { kind: 'group', join: item.join, items };
}

test('property: valid models print filters that pass checkFilter', () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      expect(validateBuilder(model)).toEqual([]);
      expect(checkFilter(builderToFilter(model))).toEqual({ valid: true });
    }),
    { numRuns: 500 },
  );
});

test('property: model → text → model → text is stable', () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      const text = builderToFilter(model);
      const read = filterToBuilder(text);
      expect(read).toMatchObject({ ok: true, canonical: text });
      if (!read.ok) return;
      expect(builderToFilter(read.model)).toBe(text);
      expect(isCanonical(text)).toBe(true);
    }),
    { numRuns: 500 },
  );
});

test('property: reading printed text gives the normalised model', () => {
  fc.assert(
    fc.property(modelArb, (model) => {
      expect(modelOf(builderToFilter(model))).toEqual(normalise(model));
    }),
    { numRuns: 500 },
  );
});

test('property: values survive printing exactly', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
      const text = builderToFilter(all(cond('sub', 'equals', value)));
      expect(checkFilter(text)).toEqual({ valid: true });
      expect(valueIn(text)).toBe(value);
    }),
    { numRuns: 1000 },
  );
});

test('property: claim names survive printing', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'binary', maxLength: 6 }), {
        minLength: 1,
        maxLength: 3,
      }),
      (path) => {
        const name = claimNameFromPath(path);
        expect(claimNameToPath(name)).toEqual(path);
        const text = builderToFilter(all(cond(name, 'equals', 'v')));
        expect(checkFilter(text)).toEqual({ valid: true });
        expect(modelOf(text)).toEqual(all(cond(name, 'equals', 'v')));
      },
    ),
    { numRuns: 1000 },
  );
});

test('property: filterToBuilder never throws and is consistent', () => {
  const fragments = fc.constantFrom(
    'claims.sub',
    'claims["x-y"]',
    '"v"',
    "'w'",
    '==',
    '!=',
    ' in ',
    '["a", "b"]',
    '!',
    '(',
    ')',
    ' && ',
    ' || ',
    'has(claims.a)',
    '.startsWith("p")',
    'true',
    'false',
    '// c\n',
  );
  fc.assert(
    fc.property(fc.array(fragments, { maxLength: 12 }), (parts) => {
      const source = parts.join('');
      const result = filterToBuilder(source);
      if (result.ok) {
        expect(checkFilter(source)).toEqual({ valid: true });
        expect(result.canonical).toBe(builderToFilter(result.model));
        expect(filterToBuilder(result.canonical)).toEqual(result);
      } else {
        expect(result.reason).not.toBe('');
      }
    }),
    { numRuns: 1000 },
  );
});
