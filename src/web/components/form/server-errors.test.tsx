import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { expect, test } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { setServerErrors } from './server-errors.ts';

type Values = { display_name: string; filter: string };
const FIELDS = ['display_name', 'filter'] as const;

/** Applies `caught` to a fresh form; returns what was left and the errors. */
function apply(caught: unknown) {
  const { result } = renderHook(() => {
    const form = useForm<Values>({
      defaultValues: { display_name: '', filter: '' },
    });
    // Read while rendering, as a form does, so react-hook-form reports them.
    return { setError: form.setError, errors: form.formState.errors };
  });
  let left: unknown;
  act(() => {
    left = setServerErrors(result.current.setError, caught, FIELDS);
  });
  return { left, errors: result.current.errors };
}

function unprocessable(...pointers: string[]) {
  return new ApiError({
    status: 422,
    body: {
      errors: pointers.map((pointer) => ({
        detail: `${pointer} is wrong`,
        source: { pointer },
      })),
    },
  });
}

test('field errors go on their fields, and nothing is left for the alert', () => {
  const { left, errors } = apply(unprocessable('/filter', '/display_name'));
  expect(left).toBeUndefined();
  expect(errors.filter).toMatchObject({
    type: 'server',
    message: '/filter is wrong',
  });
  expect(errors.display_name?.message).toBe('/display_name is wrong');
  expect(errors.root).toBeUndefined();
});

test('an error naming a field the form lacks is left for the alert, as a root error', () => {
  const error = unprocessable('/filter', '/principal');
  const { left, errors } = apply(error);
  expect(left).toBe(error);
  expect(errors.filter?.message).toBe('/filter is wrong');
  expect(errors.root?.serverError?.message).toBe(error.message);
});

test('anything else thrown is left for the alert whole', () => {
  const crash = new TypeError('Failed to fetch');
  const { left, errors } = apply(crash);
  expect(left).toBe(crash);
  expect(errors.root?.serverError?.message).toBe('Failed to fetch');
});
