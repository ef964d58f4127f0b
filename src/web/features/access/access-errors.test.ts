import { expect, test } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { grantProblem, isBindingGone, revokeProblem } from './access-errors.ts';

const gone403 = new ApiError({
  status: 403,
  body: {
    error_code: 40301,
    message:
      'Either unauthorized to access role binding or role binding does not exist',
  },
});

function failure(status: number, detail: string, code = 'user_unauthorized') {
  return new ApiError({
    status,
    body: {
      errors: [{ status: String(status), code, title: 'Forbidden', detail }],
    },
  });
}

test('a binding is gone on 404, on 403 40301, or on a 403 saying it does not exist', () => {
  expect(isBindingGone(gone403)).toBe(true);
  expect(isBindingGone(new ApiError({ status: 404 }))).toBe(true);
  expect(isBindingGone(failure(403, 'role binding does not exist'))).toBe(true);
  expect(isBindingGone(failure(403, 'Forbidden Access'))).toBe(false);
  // Lifeguard's own refusal of a viewer is no answer about the binding.
  expect(isBindingGone(failure(403, 'does not exist', 'forbidden_role'))).toBe(
    false,
  );
  expect(revokeProblem(gone403)).toMatchObject({
    kind: 'gone',
    title: 'This role binding is already gone',
  });
});

test('a 403 is read for its cause where the body tells it', () => {
  expect(
    grantProblem(
      failure(403, 'Forbidden Access: principal User:pool-x is not a user'),
    ),
  ).toMatchObject({ kind: 'principal' });
  expect(
    grantProblem(
      failure(
        403,
        'Forbidden Access: environment env-9 does not exist or the credential cannot see it',
      ),
    ),
  ).toMatchObject({
    kind: 'credential',
    title: 'Lifeguard’s credential may not grant at this scope',
  });
  expect(revokeProblem(failure(403, 'Forbidden Access'))).toMatchObject({
    kind: 'forbidden',
    title: 'Confluent refused to revoke this role',
  });
});

test('grant refusals keep Confluent’s words; a duplicate says it exists', () => {
  expect(
    grantProblem(
      new ApiError({
        status: 400,
        body: { error_code: 40002, message: 'Role X must be bound at scope y' },
      }),
    ),
  ).toMatchObject({
    kind: 'refused',
    message: 'Role X must be bound at scope y',
  });
  expect(grantProblem(new ApiError({ status: 409 }))).toMatchObject({
    kind: 'exists',
    message: undefined,
  });
  // Everything else is explained as every screen explains it.
  expect(grantProblem(new ApiError({ status: 429 }))).toBeUndefined();
  expect(revokeProblem(new ApiError({ status: 500 }))).toBeUndefined();
  expect(grantProblem(new Error('boom'))).toBeUndefined();
});
