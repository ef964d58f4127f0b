import { useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  FormProvider,
  useFormState,
  type FieldPath,
  type FieldValues,
  type UseFormReturn,
} from 'react-hook-form';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { FormActions } from './form-actions.tsx';
import { setServerErrors } from './server-errors.ts';

/** What a screen gives a resource's create or edit form. */
export type ResourceFormProps<TValues extends FieldValues> = {
  defaultValues: TValues;
  submitLabel: string;
  pendingLabel: string;
  /** Saves; rejects with the API's error, which the form then explains. */
  onSubmit: (values: TValues) => Promise<void>;
  isPending: boolean;
  cancelHref: string;
  /** Edit: nothing to send until something differs from defaultValues. */
  requireChanges?: boolean;
};

/**
 * The frame of a create or edit form (docs/conventions.md §8): the fields
 * given as children (in react-hook-form's context, for NameFields), the
 * actions below them, and a rejected save explained next to the fields it
 * names (`fields`, the ones this form has), or else at the top with a retry.
 * What was typed stays.
 */
export function ResourceForm<TValues extends FieldValues>({
  form,
  fields,
  submitLabel,
  pendingLabel,
  onSubmit,
  isPending,
  cancelHref,
  requireChanges = false,
  className,
  onKeyDown,
  children,
}: Omit<ResourceFormProps<TValues>, 'defaultValues'> & {
  form: UseFormReturn<TValues>;
  fields: readonly FieldPath<TValues>[];
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { errors, isDirty, isSubmitting } = useFormState({
    control: form.control,
  });
  // The error object itself, for ApiErrorView; RHF's root error only holds
  // text. Kept here because a mutation's own `error` reaches the screen a
  // render after the rejection does.
  const [submitError, setSubmitError] = useState<unknown>();
  const isBusy = isPending || isSubmitting;

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (caught) {
      setSubmitError(setServerErrors(form.setError, caught, fields));
    }
  });

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      aria-busy={isBusy}
      className={className}
    >
      {errors.root?.serverError && (
        <ApiErrorView error={submitError} onRetry={() => void submit()} />
      )}
      <FormProvider {...form}>{children}</FormProvider>
      <FormActions
        submitLabel={submitLabel}
        pendingLabel={pendingLabel}
        isPending={isBusy}
        isUnchanged={requireChanges && !isDirty}
        cancelHref={cancelHref}
      />
    </form>
  );
}
