import { expect, test } from 'vitest';
import { checkFilter, type FilterProblem } from './check.ts';

function errorsOf(source: string): FilterProblem[] {
  const result = checkFilter(source, 'certificate-pool');
  if (result.valid) throw new Error(`Expected ${source} to be invalid`);
  return result.errors;
}

function messagesOf(source: string): string[] {
  return errorsOf(source).map((error) => error.message);
}

const ALLOWED =
  'compare a subject attribute with `==`, `!=`, `in ["…"]`, `.startsWith("…")`, `.endsWith("…")` or `.contains("…")`';

const VALID = [
  // Confluent's own example, single-quoted.
  "C=='Canada' && O=='Confluent'",
  'CN == "orders-svc"',
  '"orders-svc" == CN',
  'OU != "contractors"',
  'OU in ["payments", "orders"]',
  'CN.startsWith("svc-") && CN.endsWith(".acme.example")',
  'O.contains("Acme")',
  '!(OU in ["a"]) || UID == "u-1"',
  'L == "Berlin" && ST == "BE" && STREET == "Main St 1" && DC == "example"',
  'true',
  'false',
  // Empty: valid, matches no certificate.
  '',
  '   ',
  '// no certificate may use this pool yet',
];

for (const source of VALID) {
  test(`accepts ${JSON.stringify(source)}`, () => {
    expect(checkFilter(source, 'certificate-pool')).toEqual({ valid: true });
  });
}

test('attribute names are case-sensitive, and the message says so', () => {
  expect(errorsOf('cn == "orders"')).toEqual([
    {
      from: 0,
      to: 2,
      message:
        '`cn` is not an attribute name: names are case-sensitive, write `CN`',
    },
  ]);
  expect(messagesOf('Ou in ["a"]')).toEqual([
    '`Ou` is not an attribute name: names are case-sensitive, write `OU`',
  ]);
});

test('long attribute names point at the keyword', () => {
  expect(messagesOf('commonName == "a"')).toEqual([
    'Write `CN` for `commonName`: filters name attributes by their RFC 4514 keyword',
  ]);
  expect(messagesOf('subject.CN == "a"')).toEqual([
    'Name the attribute on its own: write `CN`, not `subject.CN`',
  ]);
});

test('unknown names and claims.* list the attributes', () => {
  expect(messagesOf('E == "a@b.c"')).toEqual([
    'Unknown name `E`; certificate pool filters name the subject attributes `CN`, `L`, `ST`, `O`, `OU`, `C`, `STREET`, `DC` and `UID`',
  ]);
  expect(messagesOf('claims.sub == "a"')).toEqual([
    'Certificate pool filters read the client certificate’s subject attributes, not `claims`: write e.g. `CN == "…"`',
  ]);
});

test('functions, macros and arithmetic are refused, naming what is allowed', () => {
  expect(errorsOf('CN.matches("^svc-")')).toEqual([
    {
      from: 3,
      to: 19,
      message: `\`matches()\` is not supported in certificate pool filters; ${ALLOWED}`,
    },
  ]);
  expect(messagesOf('has(OU)')).toEqual([
    `\`has()\` is not supported in certificate pool filters; ${ALLOWED}`,
  ]);
  expect(messagesOf('size(CN) > 3')).toEqual([
    `\`size()\` is not supported in certificate pool filters; ${ALLOWED}`,
    `\`>\` is not supported in certificate pool filters; ${ALLOWED}`,
    'Numbers are not supported in certificate pool filters; write the value in quotes, e.g. `"3"`',
  ]);
  expect(messagesOf('CN + "x" == "a"')).toEqual([
    `Arithmetic (\`+\`) is not supported in certificate pool filters; ${ALLOWED}`,
  ]);
  expect(messagesOf('OU.exists(o, o == "a")')).toEqual([
    `\`exists()\` is not supported in certificate pool filters; ${ALLOWED}`,
  ]);
});

test('operands must be an attribute and a string in quotes', () => {
  expect(messagesOf('UID == 1234')).toEqual([
    'Numbers are not supported in certificate pool filters; write the value in quotes, e.g. `"1234"`',
  ]);
  expect(messagesOf('CN == O')).toEqual([
    'Compare an attribute with a string in quotes, e.g. `CN == "…"`; comparing two attributes is not supported in certificate pool filters',
  ]);
  expect(messagesOf('"a" == "a"')).toEqual([
    'This compares two strings, so it does not depend on the certificate; compare an attribute, e.g. `CN == "…"`',
  ]);
  expect(messagesOf('CN.startsWith(O)')).toEqual([
    'The argument of `startsWith()` must be a string in quotes',
  ]);
  expect(messagesOf('CN')).toEqual([
    '`CN` on its own is not a condition; compare it, e.g. `CN == "…"`',
  ]);
});

test('`in` takes an attribute and a list of strings', () => {
  expect(messagesOf('"payments" in OU')).toEqual([
    'An attribute holds one string, not a list; write `OU == "payments"` or `OU.contains("payments")`',
  ]);
  expect(messagesOf('OU in "payments"')).toEqual([
    'The right side of `in` must be a list of strings, e.g. `OU in ["payments", "orders"]`',
  ]);
  expect(messagesOf('OU in ["a", 1]')).toEqual([
    'Numbers are not supported in certificate pool filters; write the value in quotes, e.g. `"1"`',
  ]);
});
