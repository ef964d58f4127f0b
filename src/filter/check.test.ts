import { expect, test } from 'vitest';
import { checkFilter } from './check.ts';
import type { FilterProblem } from './check.ts';

function errorsOf(source: string): FilterProblem[] {
  const result = checkFilter(source);
  if (result.valid) throw new Error(`Expected ${source} to be invalid`);
  return result.errors;
}

/** The range of the first occurrence of `fragment` in `source`. */
function rangeOf(
  source: string,
  fragment: string,
): { from: number; to: number } {
  const from = source.indexOf(fragment);
  if (from === -1) throw new Error(`${fragment} is not in ${source}`);
  return { from, to: from + fragment.length };
}

function problem(
  source: string,
  fragment: string,
  message: string,
): FilterProblem {
  return { ...rangeOf(source, fragment), message };
}

const NOT_SUPPORTED = 'is not supported in identity pool filters';

// docs/confluent-api.md §9.2 and §3.2, plus the forms the brief names.
const VALID_FILTERS = [
  'claims.iss == "https://my.issuer.com"',
  'claims.iss=="https://my.issuer.com"',
  'claims.group != "invalid_group"',
  'claims.appid in ["app1","app2"]',
  'claims.appid in ["app1", "app2",]',
  '"admins" in claims.groups',
  'has(claims.scp)',
  '!has(claims.scp)',
  '!has(claims.x)',
  'claims.sub.startsWith("svc-")',
  'claims.email.endsWith("@example.com")',
  'claims.sub.contains("team")',
  '!(claims.iss == "x")',
  'claims.aud=="confluent" && claims.group!="invalid_group"',
  'claims.sub=="a" || claims.sub=="b"',
  'claims.aud == "a" && (claims.sub == "b" || claims.sub == "c")',
  '(claims.aud == "a" || claims.aud == "b") && !(claims.sub == "c")',
  'true',
  'false',
  "claims.aud=='1326f8fe-0c1f-4ec6-8c5f-2d2c8f4b6a1e'",
  "claims.sub.startsWith('svc-') && 'admins' in claims.groups",
  'claims.a.b == "x"',
  'claims.realm_access.roles.contains("admin")',
  'has(claims.a.b)',
  'claims["name-with-dash"] == "x"',
  "claims['https://example.com/tenant'] == 'acme'",
  'claims.a["b-c"].d == "x"',
  'claims.sub == claims.aud',
  'claims.sub in claims.allowed_subjects',
  'claims.sub in []',
  '((claims.sub == "a"))',
  '!!(claims.sub == "a")',
  'claims.sub == "a" // the admin service account',
  'claims.aud == "kafka"\n  && claims.sub.startsWith("svc-")',
  'claims . sub . startsWith ( "svc-" )',
  'r"a\\d" == claims.sub',
];

for (const source of VALID_FILTERS) {
  test(`accepts ${JSON.stringify(source)}`, () => {
    expect(checkFilter(source)).toEqual({ valid: true });
  });
}

test('accepts unicode in strings', () => {
  expect(checkFilter('claims.name == "Zoë Ünïcødé 😀 名前"')).toEqual({
    valid: true,
  });
  expect(checkFilter("claims.org.endsWith('—ß✓')")).toEqual({ valid: true });
});

test('accepts a filter longer than 300 characters', () => {
  const source = [
    'claims.aud == "https://kafka.example.com"',
    '(claims.sub.startsWith("svc-payments-") || claims.sub.startsWith("svc-ledger-"))',
    '"kafka-producers" in claims.groups',
    'claims.email.endsWith("@payments.example.com")',
    'claims.tid in ["3f2b6c1e-0000-4c1a-9a35-1b7d3e9a0c11", "8d1e2f3a-1111-4b2c-8d46-2c8e4f0b1d22"]',
    '!has(claims.revoked)',
  ].join(' && ');
  expect(source.length).toBeGreaterThan(300);
  expect(checkFilter(source)).toEqual({ valid: true });
});

test('accepts a 10,000-character filter', () => {
  const conditions = Array.from(
    { length: 500 },
    (_, i) => `claims.c${i} == "value"`,
  );
  let source = conditions.join(' && ');
  source = source.slice(0, source.lastIndexOf(' && ', 10_000));
  expect(source.length).toBeGreaterThan(9_900);
  expect(checkFilter(source)).toEqual({ valid: true });
});

test('an empty filter is an error', () => {
  const message =
    'The filter is empty; write `true` to match every token from this provider';
  expect(errorsOf('')).toEqual([{ from: 0, to: 0, message }]);
  expect(errorsOf('  \n\t')).toEqual([{ from: 0, to: 4, message }]);
  expect(errorsOf('// nothing yet')).toEqual([{ from: 0, to: 14, message }]);
});

test('matches() is reported over the call', () => {
  const source = 'claims.sub.matches("^svc-")';
  expect(errorsOf(source)).toEqual([
    problem(source, 'matches("^svc-")', `\`matches()\` ${NOT_SUPPORTED}`),
  ]);
});

for (const macro of ['exists', 'all', 'exists_one']) {
  test(`the ${macro}() macro is not supported`, () => {
    const source = `claims.groups.${macro}(g, g == "admins")`;
    expect(errorsOf(source)).toEqual([
      problem(
        source,
        `${macro}(g, g == "admins")`,
        `\`${macro}()\` ${NOT_SUPPORTED}`,
      ),
    ]);
  });
}

for (const macro of ['map', 'filter']) {
  test(`the ${macro}() macro is not supported`, () => {
    const source = `"admins" in claims.groups.${macro}(g, g)`;
    expect(errorsOf(source)).toEqual([
      problem(source, `${macro}(g, g)`, `\`${macro}()\` ${NOT_SUPPORTED}`),
    ]);
  });
}

test('a macro that cel-js rejects while parsing gets the same message', () => {
  const source = 'claims.groups.exists(1, x)';
  expect(errorsOf(source)).toEqual([
    problem(source, 'exists(1, x)', `\`exists()\` ${NOT_SUPPORTED}`),
  ]);
});

test('size() is not supported, as a function or a method', () => {
  const call = 'size(claims.groups) == "2"';
  expect(errorsOf(call)).toEqual([
    problem(call, 'size(claims.groups)', `\`size()\` ${NOT_SUPPORTED}`),
  ]);
  const method = 'claims.groups.size() == "2"';
  expect(errorsOf(method)).toEqual([
    problem(method, 'size()', `\`size()\` ${NOT_SUPPORTED}`),
  ]);
});

for (const op of ['+', '-', '*', '/', '%']) {
  test(`arithmetic ${op} is reported at the operator`, () => {
    const source = `claims.a ${op} claims.b == "c"`;
    expect(errorsOf(source)).toEqual([
      problem(
        source,
        op,
        `Arithmetic (\`${op}\`) is not supported in identity pool filters`,
      ),
    ]);
  });
}

test('unary minus on a claim is arithmetic', () => {
  const source = '-claims.a == "1"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '-',
      'Arithmetic (`-`) is not supported in identity pool filters',
    ),
  ]);
});

for (const op of ['<', '>', '<=', '>=']) {
  test(`ordering ${op} is reported at the operator`, () => {
    const source = `claims.name ${op} "m"`;
    expect(errorsOf(source)).toEqual([
      problem(
        source,
        op,
        `\`${op}\` is not supported in identity pool filters; compare with \`==\`, \`!=\` or \`in\``,
      ),
    ]);
  });
}

test('the conditional operator is reported at the ?', () => {
  const source = 'claims.a == "x" ? true : false';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '?',
      'The conditional operator `? :` is not supported in identity pool filters',
    ),
  ]);
});

test('an incomplete conditional says the same', () => {
  const source = 'claims.a == "x" ? true';
  expect(errorsOf(source)).toEqual([
    {
      from: source.length,
      to: source.length,
      message:
        'The conditional operator `? :` is not supported in identity pool filters',
    },
  ]);
});

const NUMBERS =
  'Numbers are not supported in identity pool filters; compare claims with strings';

for (const number of ['5', '1.5', '5u', '0x1F', '-5', '1e3']) {
  test(`number ${number} is reported`, () => {
    const source = `claims.n == ${number}`;
    expect(errorsOf(source)).toEqual([problem(source, number, NUMBERS)]);
  });
}

test('null is reported', () => {
  const source = 'claims.a == null';
  expect(errorsOf(source)).toEqual([
    problem(source, 'null', `\`null\` ${NOT_SUPPORTED}`),
  ]);
});

test('bytes are reported', () => {
  const source = 'claims.a == b"x"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'b"x"',
      'Byte strings (`b"…"`) are not supported in identity pool filters',
    ),
  ]);
});

test('maps are reported', () => {
  const source = 'claims.a in {"a": "b"}';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '{"a": "b"}',
      'Maps (`{…}`) are not supported in identity pool filters',
    ),
  ]);
});

test('a name other than claims is unknown', () => {
  const source = 'claim.sub == "x"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'claim',
      'Unknown name `claim`; claims are written `claims.<name>`',
    ),
  ]);
});

test('a bare name gets a suggestion', () => {
  const source = 'sub == "x"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'sub',
      'Unknown name `sub`; claims are written `claims.<name>` (did you mean `claims.sub`?)',
    ),
  ]);
});

test('bare claims is not a claim', () => {
  const source = 'claims == "x"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'claims',
      '`claims` on its own is not a claim; name one, e.g. `claims.sub`',
    ),
  ]);
});

test('unknown functions are reported differently from unsupported ones', () => {
  const call = 'lower(claims.a) == "x"';
  expect(errorsOf(call)).toEqual([
    problem(
      call,
      'lower(claims.a)',
      'Unknown function `lower()`; identity pool filters support `has()`, `startsWith()`, `endsWith()` and `contains()`',
    ),
  ]);
  const method = 'claims.a.lowerAscii() == "x"';
  expect(errorsOf(method)).toEqual([
    problem(method, 'lowerAscii()', `\`lowerAscii()\` ${NOT_SUPPORTED}`),
  ]);
});

test('a bare claim is not a condition', () => {
  const source = 'claims.sub';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'claims.sub',
      '`claims.sub` on its own is not a condition; compare it, e.g. `claims.sub == "…"`',
    ),
  ]);
});

test('a bare claim next to a good condition is still reported', () => {
  const source = 'claims.aud == "x" && claims.email_verified';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'claims.email_verified',
      '`claims.email_verified` on its own is not a condition; compare it, e.g. `claims.email_verified == "…"`',
    ),
  ]);
});

test('a bare string or list is not a condition', () => {
  expect(errorsOf('"x"')).toEqual([
    {
      from: 0,
      to: 3,
      message:
        'A string on its own is not a condition; compare a claim with it, e.g. `claims.sub == "…"`',
    },
  ]);
  expect(errorsOf('["a"]')).toEqual([
    {
      from: 0,
      to: 5,
      message:
        'A list on its own is not a condition; test a claim against it, e.g. `claims.sub in ["a", "b"]`',
    },
  ]);
});

test('! applies to the nearest operand, so !claims.a == "x" is wrong', () => {
  const source = '!claims.a == "x"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '!claims.a',
      'A condition cannot be an operand of `==`; combine conditions with `&&` or `||`',
    ),
    problem(
      source,
      'claims.a',
      '`claims.a` on its own is not a condition; compare it, e.g. `claims.a == "…"`',
    ),
  ]);
});

test('a negated group keeps its closing parenthesis in the range', () => {
  const source = '!(claims.a == "x") == "y"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '!(claims.a == "x")',
      'A condition cannot be an operand of `==`; combine conditions with `&&` or `||`',
    ),
  ]);
});

test('comparing two literals does not depend on the token', () => {
  const source = '"a" == "b"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      source,
      'This compares two strings, so it does not depend on the token; compare a claim, e.g. `claims.sub == "…"`',
    ),
  ]);
  const membership = '"a" in ["a", "b"]';
  expect(errorsOf(membership)).toEqual([
    problem(
      membership,
      membership,
      'This tests a string against a list, so it does not depend on the token; test a claim, e.g. `claims.sub in ["a", "b"]`',
    ),
  ]);
});

test('claims are compared with strings, not booleans', () => {
  const source = 'claims.email_verified == true';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      'true',
      'Claims are compared with strings; `true` can only stand as a whole condition',
    ),
  ]);
});

test('lists appear only on the right of in and hold only strings', () => {
  const onLeft = 'claims.aud == ["a"]';
  expect(errorsOf(onLeft)).toEqual([
    problem(onLeft, '["a"]', 'A list can only appear on the right of `in`'),
  ]);
  const items = 'claims.aud in ["a", claims.sub]';
  expect(errorsOf(items)).toEqual([
    problem(
      items,
      'claims.sub',
      'A list in a filter may hold only string literals',
    ),
  ]);
  const stringRight = 'claims.aud in "abc"';
  expect(errorsOf(stringRight)).toEqual([
    problem(
      stringRight,
      '"abc"',
      'The right side of `in` must be a list like `["a", "b"]` or an array claim like `claims.groups`',
    ),
  ]);
});

test('has() needs one claim written with dots', () => {
  expect(errorsOf('has()')).toEqual([
    {
      from: 0,
      to: 5,
      message: '`has()` takes one claim, e.g. `has(claims.email)`',
    },
  ]);
  const message =
    '`has()` needs a claim written with dots, e.g. `has(claims.email)`';
  const bracket = 'has(claims["x-y"])';
  expect(errorsOf(bracket)).toEqual([
    problem(bracket, 'claims["x-y"]', message),
  ]);
  const bare = 'has(claims)';
  expect(errorsOf(bare)).toEqual([problem(bare, 'claims', message)]);
});

test('string methods need a claim and one string literal', () => {
  const argument = 'claims.sub.startsWith(claims.prefix)';
  expect(errorsOf(argument)).toEqual([
    problem(
      argument,
      'claims.prefix',
      'The argument of `startsWith()` must be a string literal',
    ),
  ]);
  const receiver = '"svc-a".startsWith("svc-")';
  expect(errorsOf(receiver)).toEqual([
    problem(
      receiver,
      '"svc-a"',
      '`startsWith()` must be called on a claim, e.g. `claims.sub.startsWith("…")`',
    ),
  ]);
  const noArgument = 'claims.sub.endsWith()';
  expect(errorsOf(noArgument)).toEqual([
    problem(
      noArgument,
      'endsWith()',
      '`endsWith()` takes one string literal, e.g. `claims.sub.endsWith("…")`',
    ),
  ]);
  const global = 'contains(claims.sub, "x")';
  expect(errorsOf(global)).toEqual([
    problem(
      global,
      global,
      '`contains()` is called on a claim, e.g. `claims.sub.contains("…")`',
    ),
  ]);
});

test('index access needs a quoted name', () => {
  const source = 'claims.groups[0] == "admins"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '0',
      'Write the claim name in quotes inside `[]`, e.g. `claims["name-with-dash"]`',
    ),
  ]);
});

test('every subset violation is reported, in source order', () => {
  const source =
    'claims.c > "d" || claim.b == "y" && claims.a.matches("x") || claims.n == 1';
  const claim = source.indexOf('claim.');
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '>',
      '`>` is not supported in identity pool filters; compare with `==`, `!=` or `in`',
    ),
    {
      from: claim,
      to: claim + 'claim'.length,
      message: 'Unknown name `claim`; claims are written `claims.<name>`',
    },
    problem(source, 'matches("x")', `\`matches()\` ${NOT_SUPPORTED}`),
    problem(source, '1', NUMBERS),
  ]);
});

test('ranges are UTF-16 offsets after non-ASCII text', () => {
  const source = 'claims.name == "😀 Zoë" && claims.x.matches("y")';
  const [error] = errorsOf(source);
  expect(error).toEqual(
    problem(source, 'matches("y")', `\`matches()\` ${NOT_SUPPORTED}`),
  );
  expect(error?.from).toBe(source.indexOf('matches'));
});

test('a missing value is reported where it is missing', () => {
  const source = 'claims.aud == ';
  expect(errorsOf(source)).toEqual([
    {
      from: source.length,
      to: source.length,
      message: 'Expected a value after `==`',
    },
  ]);
  const afterAnd = 'claims.aud == "x" &&';
  expect(errorsOf(afterAnd)).toEqual([
    {
      from: afterAnd.length,
      to: afterAnd.length,
      message: 'Expected a condition after `&&`',
    },
  ]);
  const afterIn = 'claims.aud in';
  expect(errorsOf(afterIn)).toEqual([
    {
      from: afterIn.length,
      to: afterIn.length,
      message: 'Expected a value after `in`',
    },
  ]);
});

test('a token where a value belongs is named', () => {
  const source = 'claims.aud == || claims.sub == "x"';
  expect(errorsOf(source)).toEqual([
    problem(source, '||', 'Expected a value after `==`, found `||`'),
  ]);
  const atStart = '== "x"';
  expect(errorsOf(atStart)).toEqual([
    problem(
      atStart,
      '==',
      'Expected a value at the start of the filter, found `==`',
    ),
  ]);
});

test('an unterminated string is underlined from its quote', () => {
  const double = 'claims.aud == "kafka';
  expect(errorsOf(double)).toEqual([
    {
      from: double.indexOf('"'),
      to: double.length,
      message: 'Unterminated string: add the closing `"`',
    },
  ]);
  const single = "claims.aud == 'kafka";
  expect(errorsOf(single)).toEqual([
    {
      from: single.indexOf("'"),
      to: single.length,
      message: "Unterminated string: add the closing `'`",
    },
  ]);
});

test('a line break inside a string is reported', () => {
  const source = 'claims.aud == "kaf\nka"';
  expect(errorsOf(source)).toEqual([
    problem(
      source,
      '"kaf',
      'A string must end on the line where it starts; add the closing quote',
    ),
  ]);
});

test('an unclosed parenthesis is underlined', () => {
  const source = 'claims.a == "x" && (claims.b == "y" || claims.c == "z"';
  expect(errorsOf(source)).toEqual([
    problem(source, '(', 'This `(` is never closed; add `)`'),
  ]);
});

test('an extra closing parenthesis is underlined', () => {
  const source = '(claims.a == "x"))';
  expect(errorsOf(source)).toEqual([
    {
      from: source.lastIndexOf(')'),
      to: source.length,
      message: 'Unbalanced parenthesis: this `)` has no matching `(`',
    },
  ]);
});

test('a missing operator between conditions is reported', () => {
  const source = 'claims.a == "x" claims.b == "y"';
  expect(errorsOf(source)).toEqual([
    {
      from: source.lastIndexOf('claims'),
      to: source.lastIndexOf('claims') + 'claims'.length,
      message:
        'Expected an operator such as `==`, `&&` or `||` before `claims`',
    },
  ]);
});

test('words and lookalikes of operators get a hint', () => {
  const and = 'claims.a == "x" and claims.b == "y"';
  expect(errorsOf(and)).toEqual([
    problem(and, 'and', 'Use `&&` instead of `and`'),
  ]);
  const single = 'claims.a = "x"';
  expect(errorsOf(single)).toEqual([
    problem(single, '=', 'Use `==` to compare; `=` alone is not an operator'),
  ]);
  const triple = 'claims.a === "x"';
  expect(errorsOf(triple)).toEqual([
    problem(triple, '===', '`===` is not CEL; use `==`'),
  ]);
  const ampersand = 'claims.a == "x" & claims.b == "y"';
  expect(errorsOf(ampersand)).toEqual([
    problem(ampersand, '&', 'Use `&&` for “and”; `&` alone is not an operator'),
  ]);
  const curly = 'claims.a == “x”';
  expect(errorsOf(curly)).toEqual([
    problem(
      curly,
      '“',
      'Use straight quotes (`"` or `\'`) around strings, not `“`',
    ),
  ]);
});

test('a name missing after a dot is reported', () => {
  const source = 'claims.';
  expect(errorsOf(source)).toEqual([
    { from: 7, to: 7, message: 'Expected a claim name after `.`' },
  ]);
  const keyword = 'claims.in == "x"';
  expect(errorsOf(keyword)).toEqual([
    problem(
      keyword,
      'in',
      '`in` is a keyword; write this claim as `claims["in"]`',
    ),
  ]);
});

test('bad escapes and reserved words are reported', () => {
  const escape = 'claims.a == "\\q"';
  expect(errorsOf(escape)).toEqual([
    problem(
      escape,
      '\\q',
      'Invalid escape `\\q` in a string; write `\\\\` for a backslash',
    ),
  ]);
  const reserved = 'claims.a == "x" && if';
  expect(errorsOf(reserved)).toEqual([
    problem(
      reserved,
      'if',
      '`if` is a reserved word in CEL and cannot be used as a name',
    ),
  ]);
});

test('an unexpected character is shown, invisible ones by code point', () => {
  const hash = 'claims.a == "x" # note';
  expect(errorsOf(hash)).toEqual([
    problem(hash, '#', 'Unexpected character `#`'),
  ]);
  const emoji = 'claims.😀 == "x"';
  expect(errorsOf(emoji)).toEqual([
    problem(emoji, '😀', 'Unexpected character `😀`'),
  ]);
  expect(errorsOf('\u0000')).toEqual([
    { from: 0, to: 1, message: 'Unexpected invisible character U+0000' },
  ]);
  const nbsp = 'claims.a\u00a0== "x"';
  expect(errorsOf(nbsp)).toEqual([
    problem(
      nbsp,
      '\u00a0',
      'Unexpected space character U+00A0; use a plain space',
    ),
  ]);
});

test('deep nesting is an error, not a crash', () => {
  const parens = '('.repeat(10_000);
  expect(errorsOf(parens)[0]?.message).toBe('The filter is nested too deeply');
  const negations = `${'!'.repeat(100_000)}true`;
  expect(errorsOf(negations)).toEqual([
    {
      from: 0,
      to: negations.length,
      message: 'The filter is too long or nested too deeply to check',
    },
  ]);
  const chain = Array.from({ length: 5_000 }, () => 'true').join(' && ');
  expect(errorsOf(chain)).toEqual([
    {
      from: 0,
      to: chain.length,
      message: 'The filter is too long or nested too deeply to check',
    },
  ]);
});

const WEIRD_INPUTS = [
  "'",
  '"',
  '(((',
  ')))',
  'claims.',
  '\u0000',
  '\ud800',
  '\udc00claims',
  '\\',
  '"\\',
  '"""',
  "'''",
  'r"',
  'b"\\xZZ"',
  '"\\u12"',
  '"\\777"',
  '//',
  '/',
  '{',
  '}',
  '[',
  ']',
  '?',
  ':',
  '.',
  ',',
  '0x',
  '1e',
  '1e+',
  '99999999999999999999999999',
  '\n',
  '"\r"',
  'claims[',
  'claims[]',
  'has(',
  'claims.a.exists(',
  'cel.bind(',
  '__proto__',
  'claims.__proto__ == "x"',
  'claims.constructor == "x"',
  'a.b.c.d.e.f',
  '!',
  '-',
  '? :',
  'in',
  'claims in claims',
  '[[[[]]]]',
  '{{{{}}}}',
  ']['.repeat(5_000),
  'x'.repeat(10_000),
  '"'.repeat(10_000),
  '('.repeat(10_000),
  ')'.repeat(10_000),
  '!'.repeat(10_000),
  '-'.repeat(10_000),
  `claims${'.a'.repeat(5_000)}`,
  `claims.a in [${Array.from({ length: 2_000 }, () => '"x"').join(',')}]`,
  Array.from({ length: 10_000 }, (_, i) =>
    String.fromCharCode((i * 7919) % 65_536),
  ).join(''),
];

test('never throws, and every error has a range inside the source', () => {
  for (const source of WEIRD_INPUTS) {
    let result: ReturnType<typeof checkFilter> | undefined;
    expect(
      () => {
        result = checkFilter(source);
      },
      JSON.stringify(source.slice(0, 40)),
    ).not.toThrow();
    if (result === undefined || result.valid) continue;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.from).toBeGreaterThanOrEqual(0);
      expect(error.to).toBeGreaterThanOrEqual(error.from);
      expect(error.to).toBeLessThanOrEqual(source.length);
      expect(error.message.length).toBeGreaterThan(0);
    }
  }
});

test('messages never leak parser internals', () => {
  for (const source of WEIRD_INPUTS) {
    const result = checkFilter(source);
    if (result.valid) continue;
    for (const { message } of result.errors) {
      expect(message).not.toMatch(
        /EOF|RPAREN|RBRACKET|RBRACE|IDENTIFIER|Unexpected token:|\n/,
      );
    }
  }
});
