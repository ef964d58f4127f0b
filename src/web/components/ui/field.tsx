import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

export function Field({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="field"
      // One column that may shrink below its content's width (an implicit
      // column may not), so no field widens the page at 360 px.
      className={cn('grid grid-cols-1 gap-1.5', className)}
      {...props}
    />
  );
}

export function FieldLabel({ className, ...props }: ComponentProps<'label'>) {
  return (
    <label
      data-slot="field-label"
      className={cn('text-sm font-medium text-slate-900', className)}
      {...props}
    />
  );
}

export function FieldDescription({ className, ...props }: ComponentProps<'p'>) {
  return (
    <p
      data-slot="field-description"
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
  if (!children) return null;
  return (
    <p
      data-slot="field-error"
      className={cn('text-sm text-red-700', className)}
      {...props}
    >
      {children}
    </p>
  );
}
