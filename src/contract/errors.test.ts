import { expect, test } from 'vitest';
import {
  fieldErrors,
  upstreamErrorMessage,
  type ErrorCodeBody,
  type Failure,
} from './errors.ts';

const FALLBACK = 'Request failed (500)';

test('reads errors[0].detail from a Failure body', () => {
  const body: Failure = {
    errors: [
      {
        id: 'e1',
        status: '422',
        code: 'invalid_configuration',
        title: 'Validation Failed',
        detail: 'Invalid syntax in policy expression',
        source: { pointer: '/filter' },
      },
      { detail: 'second problem' },
    ],
  };
  expect(upstreamErrorMessage(body, FALLBACK)).toBe(
    'Invalid syntax in policy expression',
  );
});

test('falls back to errors[0].title when the detail is missing or blank', () => {
  expect(
    upstreamErrorMessage({ errors: [{ title: 'Not Found' }] }, FALLBACK),
  ).toBe('Not Found');
  expect(
    upstreamErrorMessage(
      { errors: [{ detail: '  ', title: 'Not Found' }] },
      FALLBACK,
    ),
  ).toBe('Not Found');
});

test('reads message from an ErrorCodeBody (the live 404 shape)', () => {
  const body: ErrorCodeBody = {
    error_code: 404,
    message:
      'Identity Provider op-531 not found or disabled for Organization foo',
  };
  expect(upstreamErrorMessage(body, FALLBACK)).toBe(body.message);
});

test('reads error.message as the last shape', () => {
  expect(
    upstreamErrorMessage({ error: { message: 'quota reached' } }, FALLBACK),
  ).toBe('quota reached');
});

test('prefers detail, then title, then message, then error.message', () => {
  const everything = {
    errors: [{ detail: 'detail', title: 'title' }],
    message: 'message',
    error: { message: 'nested' },
  };
  expect(upstreamErrorMessage(everything, FALLBACK)).toBe('detail');
  expect(
    upstreamErrorMessage({ ...everything, errors: [{ title: 'title' }] }, ''),
  ).toBe('title');
  expect(upstreamErrorMessage({ ...everything, errors: [] }, '')).toBe(
    'message',
  );
  expect(
    upstreamErrorMessage({ error: { message: 'nested' }, message: '' }, ''),
  ).toBe('nested');
});

test('only the first error item is read', () => {
  expect(
    upstreamErrorMessage(
      { errors: [{ code: 'x' }, { detail: 'second' }], message: 'top' },
      FALLBACK,
    ),
  ).toBe('top');
});

test('returns the fallback for bodies without a usable message', () => {
  const bodies: unknown[] = [
    undefined,
    null,
    '',
    'upstream exploded',
    '<html>502 Bad Gateway</html>',
    42,
    true,
    [],
    [{ detail: 'an array is not a body' }],
    {},
    { errors: [] },
    { errors: 'nope' },
    { errors: [null] },
    { errors: [{ detail: 7 }] },
    { errors: { 0: { detail: 'not an array' } } },
    { message: 404 },
    { message: '' },
    { error: 'flat string' },
    { error: { message: null } },
    { error_code: 404 },
  ];
  for (const body of bodies) {
    expect(upstreamErrorMessage(body, FALLBACK), JSON.stringify(body)).toBe(
      FALLBACK,
    );
  }
});

test('never throws, even on hostile inputs', () => {
  const throwing = {
    get errors(): never {
      throw new Error('boom');
    },
  };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  for (const body of [throwing, revoked.proxy, circular]) {
    expect(upstreamErrorMessage(body, FALLBACK)).toBe(FALLBACK);
    expect(fieldErrors(body)).toEqual({});
  }
});

test('fieldErrors maps each source.pointer to its detail', () => {
  const body: Failure = {
    errors: [
      {
        status: '422',
        detail: 'Invalid syntax in policy expression',
        source: { pointer: '/filter' },
      },
      { detail: 'must not be blank', source: { pointer: '/display_name' } },
    ],
  };
  expect(fieldErrors(body)).toEqual({
    filter: 'Invalid syntax in policy expression',
    display_name: 'must not be blank',
  });
});

test('fieldErrors turns nested pointers into dotted paths', () => {
  expect(
    fieldErrors({
      errors: [
        { detail: 'unknown status', source: { pointer: '/spec/jwks_status' } },
        { detail: 'escaped', source: { pointer: '/a~1b/c~0d' } },
      ],
    }),
  ).toEqual({ 'spec.jwks_status': 'unknown status', 'a/b.c~d': 'escaped' });
});

test('fieldErrors keeps the first message per field and uses title when there is no detail', () => {
  expect(
    fieldErrors({
      errors: [
        { title: 'Validation Failed', source: { pointer: '/filter' } },
        { detail: 'later', source: { pointer: '/filter' } },
      ],
    }),
  ).toEqual({ filter: 'Validation Failed' });
});

test('fieldErrors skips items it cannot attribute to a field', () => {
  expect(
    fieldErrors({
      errors: [
        { detail: 'bad page size', source: { parameter: 'page_size' } },
        { detail: 'whole body', source: { pointer: '' } },
        { detail: 'root', source: { pointer: '/' } },
        { detail: 'not a pointer', source: { pointer: 'filter' } },
        { source: { pointer: '/display_name' } },
        { detail: 'no source' },
        'junk',
        null,
        { detail: 'kept', source: { pointer: '/description' } },
      ],
    }),
  ).toEqual({ description: 'kept' });
});

test('fieldErrors returns an empty object for other shapes', () => {
  for (const body of [
    undefined,
    null,
    'text',
    [],
    { error_code: 404, message: 'not found' },
    { errors: 'nope' },
  ]) {
    expect(fieldErrors(body)).toEqual({});
  }
});

test('fieldErrors cannot be used to pollute prototypes', () => {
  const fields = fieldErrors({
    errors: [{ detail: 'sneaky', source: { pointer: '/__proto__' } }],
  });
  expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  expect(Object.keys(fields)).toEqual(['__proto__']);
});
