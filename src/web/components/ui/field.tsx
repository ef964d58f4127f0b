import { createContext, useContext, type ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

// The id of a Field's control, from which its label, hint and error take
// theirs, so a form names each control once instead of wiring ids by hand.
const FieldControlIdContext = createContext<string | undefined>(undefined);

function partId(controlId: string | undefined, part: 'hint' | 'error') {
  return controlId && `${controlId}-${part}`;
}

/**
 * What ties a Field's control to its label, hint and error: the id, and
 * `aria-describedby` naming the hint (when the field has one), any other
 * descriptions, then the error while the value is invalid.
 */
export function fieldControlProps(
  id: string,
  {
    invalid = false,
    hasHint = false,
    describedBy = [],
  }: {
    invalid?: boolean;
    hasHint?: boolean;
    /** Ids of other text about the control: a counter, a notice. */
    describedBy?: readonly (string | false | undefined)[];
  } = {},
) {
  return {
    id,
    'aria-invalid': invalid,
    'aria-describedby':
      [
        hasHint && partId(id, 'hint'),
        ...describedBy,
        invalid && partId(id, 'error'),
      ]
        .filter(Boolean)
        .join(' ') || undefined,
  };
}

export function Field({
  className,
  controlId,
  ...props
}: ComponentProps<'div'> & {
  /** The control's id (see fieldControlProps): label, hint and error tie to it. */
  controlId?: string;
}) {
  return (
    <FieldControlIdContext value={controlId}>
      <div
        data-slot="field"
        // One column that may shrink below its content's width (an implicit
        // column may not), so no field widens the page at 360 px.
        className={cn('grid grid-cols-1 gap-1.5', className)}
        {...props}
      />
    </FieldControlIdContext>
  );
}

export function FieldLabel({ className, ...props }: ComponentProps<'label'>) {
  return (
    <label
      data-slot="field-label"
      htmlFor={useContext(FieldControlIdContext)}
      className={cn('text-sm font-medium text-slate-900', className)}
      {...props}
    />
  );
}

export function FieldDescription({ className, ...props }: ComponentProps<'p'>) {
  return (
    <p
      data-slot="field-description"
      id={partId(useContext(FieldControlIdContext), 'hint')}
      className={cn('text-sm text-slate-600', className)}
      {...props}
    />
  );
}

export function FieldError({
  className,
  children,
  ...props
}: ComponentProps<'p'>) {
  const id = partId(useContext(FieldControlIdContext), 'error');
  if (!children) return null;
  return (
    <p
      data-slot="field-error"
      id={id}
      className={cn('text-sm text-red-700', className)}
      {...props}
    >
      {children}
    </p>
  );
}
