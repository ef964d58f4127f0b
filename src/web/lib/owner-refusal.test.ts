import { expect, test } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { ownerRefusalOf } from './owner-refusal.ts';

function parameterError(parameter: string, detail: string) {
  return new ApiError({
    status: 400,
    body: {
      errors: [
        {
          status: '400',
          code: 'invalid_parameter',
          title: 'Bad Request',
          detail,
          source: { parameter },
        },
      ],
    },
  });
}

test('a 400 naming assigned_resource_owner becomes the Owner field’s message', () => {
  expect(
    ownerRefusalOf(
      parameterError(
        'assigned_resource_owner',
        'assigned_resource_owner u-gone00 is not a user, service account, group mapping or identity pool of this organization',
      ),
    ),
  ).toBe(
    'Confluent did not accept this owner: assigned_resource_owner u-gone00 is not a user, service account, group mapping or identity pool of this organization. Choose another user, or no owner; everything else you typed is kept.',
  );
  // Lifeguard's server's own refusal ends in a full stop: not doubled.
  expect(
    ownerRefusalOf(
      parameterError(
        'assigned_resource_owner',
        'assigned_resource_owner must be a principal id such as u-a83k9b.',
      ),
    ),
  ).toMatch(/such as u-a83k9b\. Choose another user/);
});

test('the {error_code, message} shape counts when its message names the parameter', () => {
  expect(
    ownerRefusalOf(
      new ApiError({
        status: 400,
        body: {
          error_code: 400,
          message: 'invalid assigned_resource_owner',
        },
      }),
    ),
  ).toMatch(
    /^Confluent did not accept this owner: invalid assigned_resource_owner\./,
  );
});

test('other refusals are not the owner’s', () => {
  expect(
    ownerRefusalOf(parameterError('page_size', 'too big')),
  ).toBeUndefined();
  expect(
    ownerRefusalOf(
      new ApiError({
        status: 400,
        body: {
          errors: [{ detail: 'bad filter', source: { pointer: '/filter' } }],
        },
      }),
    ),
  ).toBeUndefined();
  expect(
    ownerRefusalOf(
      new ApiError({
        status: 500,
        body: { message: 'assigned_resource_owner' },
      }),
    ),
  ).toBeUndefined();
  expect(ownerRefusalOf(new Error('assigned_resource_owner'))).toBeUndefined();
  expect(ownerRefusalOf(new ApiError({ status: 400 }))).toBeUndefined();
});
