import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError, getErrorMessage } from '@/lib/errors.ts';

/**
 * Puts a failed save's field errors (the API's `source.pointer` items) on the
 * form's fields, focusing the first, and returns what is left for the alert
 * at the top: the error itself when it names no field of this form, or also
 * names one the form does not have (then `root.serverError` is set too);
 * otherwise `undefined`. docs/conventions.md §8.
 */
export function setServerErrors<TValues extends FieldValues>(
  setError: UseFormSetError<TValues>,
  caught: unknown,
  fields: readonly FieldPath<TValues>[],
): unknown {
  const messages = caught instanceof ApiError ? caught.fieldErrors : {};
  const named = Object.keys(messages);
  // In the server's order, so focus goes where its first complaint is.
  const onForm = named.filter((name): name is FieldPath<TValues> =>
    (fields as readonly string[]).includes(name),
  );
  onForm.forEach((field, index) =>
    setError(
      field,
      { type: 'server', message: messages[field] },
      { shouldFocus: index === 0 },
    ),
  );
  if (onForm.length > 0 && onForm.length === named.length) return undefined;
  setError('root.serverError', {
    type: 'server',
    message: getErrorMessage(caught),
  });
  return caught;
}
