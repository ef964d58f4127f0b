import { useId, type ReactNode } from 'react';
import {
  useController,
  type Control,
  type ControllerRenderProps,
  type FieldPath,
  type FieldPathValue,
  type FieldValues,
} from 'react-hook-form';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldControlProps,
} from '@/components/ui/field.tsx';

/** What a FormField hands its control: value, handlers and aria wiring. */
export type FormControlProps<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
> = ControllerRenderProps<TValues, TName> &
  ReturnType<typeof fieldControlProps>;

/**
 * One react-hook-form field: label, control, hint and error, with the
 * control's id, `aria-invalid` and `aria-describedby` wired (shadcn-ui ›
 * `apps/v4/registry/new-york-v4/examples/form-rhf-demo.tsx`, without the
 * ids by hand). `children` renders the control from the props it is given.
 */
export function FormField<
  TValues extends FieldValues,
  TName extends FieldPath<TValues>,
>({
  control,
  name,
  label,
  hint,
  describedBy,
  after,
  children,
}: {
  control: Control<TValues>;
  name: TName;
  label: ReactNode;
  /** Help under the control, read out with it. */
  hint?: ReactNode;
  /** Ids of other text about the control, read out after the hint. */
  describedBy?: readonly (string | false | undefined)[];
  /** Shown under the error; a function is given the current value. */
  after?: ReactNode | ((value: FieldPathValue<TValues, TName>) => ReactNode);
  children: (props: FormControlProps<TValues, TName>) => ReactNode;
}) {
  const { field, fieldState } = useController({ control, name });
  const id = `${useId()}-${name}`;
  return (
    <Field controlId={id}>
      <FieldLabel>{label}</FieldLabel>
      {children({
        ...field,
        ...fieldControlProps(id, {
          invalid: fieldState.invalid,
          hasHint: hint !== undefined,
          describedBy,
        }),
      })}
      {hint !== undefined && <FieldDescription>{hint}</FieldDescription>}
      <FieldError>{fieldState.error?.message}</FieldError>
      {typeof after === 'function' ? after(field.value) : after}
    </Field>
  );
}
