import { expect, test } from 'vitest';
import { checkFilter, type FilterProblem } from './check.ts';

// Checked through checkFilter, as the emulator and the editor call it.
function errorsOf(source: string): FilterProblem[] {
  const result = checkFilter(source, 'group-mapping');
  if (result.valid) throw new Error(`Expected ${source} to be invalid`);
  return result.errors;
}

function messagesOf(source: string): string[] {
  return errorsOf(source).map((error) => error.message);
}

const VALID = [
  '"engineering" in groups',
  // The example of Confluent's group-mapping spec.
  '"kafka" in groups && "all" in groups || "everyone" in groups',
  'true',
  'false',
  "'engineering' in groups",
  '!("contractors" in groups)',
  '"a" in groups && !("contractors" in groups)',
  '("a" in groups || "b" in groups) && "c" in groups',
  '"team a/ü" in groups // a comment',
  '!!("a" in groups)',
];

for (const source of VALID) {
  test(`accepts ${JSON.stringify(source)}`, () => {
    expect(checkFilter(source, 'group-mapping')).toEqual({ valid: true });
  });
}

test('an empty filter is refused with what to write to map everyone', () => {
  for (const source of ['', '  ', '// nothing\n']) {
    expect(errorsOf(source)).toEqual([
      {
        from: 0,
        to: source.length,
        message:
          'The filter is empty; write `true` to map every SSO user of the organisation',
      },
    ]);
  }
});

test('claims.* is refused: group mappings read `groups`', () => {
  // The old SDK example.
  expect(errorsOf('claims.group == "engineering"')).toEqual([
    {
      from: 0,
      to: 12,
      message:
        'Group mapping filters use `groups`, not `claims`: write `"engineering" in groups`',
    },
  ]);
  expect(messagesOf('"a" in claims.groups')).toEqual([
    'Group mapping filters use `groups`, not `claims`: write `"engineering" in groups`',
  ]);
});

test('a misspelt or unknown variable names `groups`', () => {
  expect(messagesOf('"a" in group')).toEqual([
    'Unknown name `group` (did you mean `groups`?); group mapping filters read only `groups`, the user\'s SSO groups, e.g. `"engineering" in groups`',
  ]);
  expect(messagesOf('"a" in roles')).toEqual([
    'Unknown name `roles`; group mapping filters read only `groups`, the user\'s SSO groups, e.g. `"engineering" in groups`',
  ]);
});

test('comparing groups with a string says to test membership', () => {
  expect(messagesOf('groups == "engineering"')).toEqual([
    '`groups` is a list of group names and never equals a string; test membership instead: `"engineering" in groups`',
  ]);
  expect(messagesOf('groups.contains("ops")')).toEqual([
    '`groups` is a list; test whether the user is in a group with `in`: `"ops" in groups`',
  ]);
});

test('list macros are refused, naming the groups instead', () => {
  expect(errorsOf('groups.exists(g, g.startsWith("team-"))')).toEqual([
    {
      from: 0,
      to: 39,
      message:
        '`exists()` is not supported in group mapping filters; name each group instead, e.g. `"team-a" in groups || "team-b" in groups`',
    },
  ]);
});

test('what does not depend on the user is refused', () => {
  expect(messagesOf('"a" in ["a", "b"]')).toEqual([
    'This tests a string against a list, so it does not depend on the user\'s groups; write `"a" in groups`',
  ]);
  expect(messagesOf('groups in ["a", "b"]')).toEqual([
    'Test one group at a time: `"team-a" in groups || "team-b" in groups`',
  ]);
  expect(messagesOf('"a" == "a"')).toEqual([
    '`==` does not test the user\'s groups; group mapping filters test membership with `in`, e.g. `"engineering" in groups`',
  ]);
});

test('bare operands are not conditions', () => {
  expect(messagesOf('groups')).toEqual([
    '`groups` on its own is not a condition; test membership with `in`, e.g. `"engineering" in groups`',
  ]);
  expect(messagesOf('"ops"')).toEqual([
    'A string on its own is not a condition; test whether the user is in that group: `"ops" in groups`',
  ]);
});

test('functions, numbers and arithmetic are refused in this dialect’s words', () => {
  expect(messagesOf('size(groups) > 0')).toEqual([
    '`size()` is not supported in group mapping filters; test membership with `in`, e.g. `"engineering" in groups`',
    '`>` is not supported in group mapping filters; test membership with `in`, e.g. `"engineering" in groups`',
    'Numbers are not supported in group mapping filters; write the value in quotes, e.g. `"0"`',
  ]);
  expect(messagesOf('has(groups)')).toEqual([
    '`has()` is not supported in group mapping filters; test membership with `in`, e.g. `"engineering" in groups`',
  ]);
  expect(messagesOf('"a" in groups ? true : false')).toEqual([
    'The conditional operator `? :` is not supported in group mapping filters; test membership with `in`, e.g. `"engineering" in groups`',
  ]);
});

test('syntax errors name the dialect', () => {
  expect(messagesOf('{"a": 1}')).toEqual([
    'Maps (`{…}`) are not supported in group mapping filters',
  ]);
});

test('identity-pool filters are unchanged by the default dialect', () => {
  expect(checkFilter('"a" in claims.groups')).toEqual({ valid: true });
  expect(checkFilter('"a" in groups').valid).toBe(false);
});
