import { expect, test } from 'vitest';
import { decodeToken, tokenNotices } from './token.ts';

function jwt(
  payload: object,
  header: object = { alg: 'RS256', kid: 'k1', typ: 'JWT' },
) {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

test('a JWT is decoded to its claims and header without verifying it', () => {
  const result = decodeToken(
    `  ${jwt({ sub: 'svc-orders', aud: ['kafka'] })}\n`,
  );
  expect(result).toEqual({
    ok: true,
    claims: { sub: 'svc-orders', aud: ['kafka'] },
    header: { alg: 'RS256', kid: 'k1', typ: 'JWT' },
    source: 'jwt',
  });
  expect(decodeToken(`Bearer ${jwt({ sub: 'x' })}`)).toMatchObject({
    ok: true,
    claims: { sub: 'x' },
  });
});

test('a JSON object of claims is accepted as is', () => {
  expect(decodeToken('{"sub":"a","ext":{"uid":"u1"}}')).toEqual({
    ok: true,
    claims: { sub: 'a', ext: { uid: 'u1' } },
    header: undefined,
    source: 'json',
  });
});

test.each([
  ['', /Paste a JWT/],
  ['abc', /three parts/],
  ['a.b', /three parts/],
  ['%%%.%%%.%%%', /cannot be decoded/],
  ['{"sub":', /not valid JSON/],
  ['{}x', /not valid JSON/],
  ['[1,2]', /three parts/],
  [
    `${Buffer.from('{}').toString('base64url')}.${Buffer.from('"str"').toString('base64url')}.x`,
    /cannot be decoded/,
  ],
])('%j is refused with a reason', (input, message) => {
  const result = decodeToken(input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(message);
});

test('notices: another issuer, expired, not yet valid', () => {
  const now = Date.UTC(2026, 0, 1);
  const notices = tokenNotices(
    {
      iss: 'https://other.example',
      exp: now / 1000 - 60,
      nbf: now / 1000 + 60,
    },
    'https://acme.okta.com/oauth2/default',
    now,
  );
  expect(notices.map((n) => n.kind)).toEqual([
    'issuer',
    'expired',
    'not-yet-valid',
  ]);
  expect(
    tokenNotices(
      { iss: 'https://acme.okta.com/oauth2/default/' },
      'https://acme.okta.com/oauth2/default',
      now,
    ),
  ).toEqual([]);
});
