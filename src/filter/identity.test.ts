import { expect, test } from 'vitest';
import { extractIdentity } from './identity.ts';

const CLAIMS = {
  sub: 'svc-payments',
  email: 'ann@example.com',
  aud: ['kafka', 'billing'],
  ext: { uid: 'u-1', n: 42, deep: { id: 'd-1' } },
  'tenant-id': 't1',
  n: 42,
  flag: false,
  nothing: null,
  empty: '',
  obj: { a: 1 },
  long: Array.from({ length: 50 }, (_, i) => `g${i}`),
};

test.each([
  ['claims.sub', 'svc-payments'],
  ['claims.email', 'ann@example.com'],
  ['claims.ext.uid', 'u-1'],
  ['claims.ext.deep.id', 'd-1'],
  ['claims.tenant-id', 't1'],
])('%s gives the identity', (identityClaim, identity) => {
  expect(extractIdentity(identityClaim, CLAIMS)).toEqual({
    ok: true,
    identity,
  });
});

test.each([
  ['claims.missing', 'The token has no claims.missing claim'],
  ['claims.ext.missing', 'The token has no claims.ext.missing claim'],
  ['claims.nope.uid', 'The token has no claims.nope.uid claim'],
  [
    'claims.sub.x',
    'The token has no claims.sub.x claim: claims.sub is a string ("svc-payments"), not an object',
  ],
  ['claims.ext.n', 'claims.ext.n is a number (42), not a string'],
  ['claims.flag', 'claims.flag is a boolean (false), not a string'],
  ['claims.nothing', 'claims.nothing is null, not a string'],
  ['claims.aud', 'claims.aud is an array (["kafka","billing"]), not a string'],
  ['claims.obj', 'claims.obj is an object ({"a":1}), not a string'],
  [
    'claims.long',
    'claims.long is an array (["g0","g1","g2","g3","g4","g5","g6","g7…), not a string',
  ],
  ['claims.empty', 'claims.empty is an empty string'],
])('%s explains why there is no identity', (identityClaim, message) => {
  expect(extractIdentity(identityClaim, CLAIMS)).toEqual({
    ok: false,
    message,
  });
});

test('the identity claim must be written as claims.<name>', () => {
  expect(extractIdentity('sub', CLAIMS)).toEqual({
    ok: false,
    message: 'Write the identity claim as claims.sub, not sub',
  });
  expect(extractIdentity('ext.uid', CLAIMS)).toEqual({
    ok: false,
    message: 'Write the identity claim as claims.ext.uid, not ext.uid',
  });
  for (const identityClaim of [
    'claims',
    'claims.',
    'claims..sub',
    'claims.sub ',
    'claims["sub"]',
    'claim.sub',
    '$.sub',
  ]) {
    expect(extractIdentity(identityClaim, CLAIMS)).toEqual({
      ok: false,
      message: `The identity claim must be written as claims.<name>, for example claims.sub (got ${JSON.stringify(identityClaim)})`,
    });
  }
  for (const identityClaim of ['', '   ']) {
    expect(extractIdentity(identityClaim, CLAIMS)).toEqual({
      ok: false,
      message:
        'The identity claim is empty; write it as claims.<name>, for example claims.sub',
    });
  }
});

test('claims are read as own properties only', () => {
  expect(extractIdentity('claims.constructor', {})).toEqual({
    ok: false,
    message: 'The token has no claims.constructor claim',
  });
  expect(extractIdentity('claims.__proto__', {})).toEqual({
    ok: false,
    message: 'The token has no claims.__proto__ claim',
  });
});

test('claims that are not an object', () => {
  expect(extractIdentity('claims.sub', null)).toEqual({
    ok: false,
    message: "The token's claims are null, not an object",
  });
  expect(extractIdentity('claims.sub', ['a'])).toEqual({
    ok: false,
    message: "The token's claims are an array, not an object",
  });
  expect(extractIdentity('claims.sub', 'svc')).toEqual({
    ok: false,
    message: "The token's claims are a string, not an object",
  });
});

test('never throws', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.sub = cyclic;
  const throwing = {
    get sub(): string {
      throw new Error('boom');
    },
  };
  for (const claims of [
    undefined,
    42,
    cyclic,
    throwing,
    { sub: 10n },
    { sub: Symbol('s') },
  ]) {
    expect(() => extractIdentity('claims.sub', claims)).not.toThrow();
  }
  expect(extractIdentity('claims.sub', cyclic)).toEqual({
    ok: false,
    message: 'claims.sub is an object, not a string',
  });
  expect(extractIdentity('claims.sub', throwing)).toEqual({
    ok: false,
    message: 'The identity could not be read',
  });
  expect(extractIdentity('claims.sub', { sub: 10n })).toEqual({
    ok: false,
    message: 'claims.sub is a number (10), not a string',
  });
  expect(extractIdentity(undefined as unknown as string, { sub: 'a' }).ok).toBe(
    false,
  );
});
