import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

const alertVariants = cva('rounded-md border p-4 text-sm', {
  variants: {
    tone: {
      error: 'border-red-300 bg-red-50 text-red-900',
      warning: 'border-amber-300 bg-amber-50 text-amber-900',
      info: 'border-slate-300 bg-slate-50 text-slate-900',
    },
  },
  defaultVariants: { tone: 'error' },
});

export function Alert({
  className,
  tone,
  ...props
}: ComponentProps<'div'> & VariantProps<typeof alertVariants>) {
  return (
    <div
      data-slot="alert"
      role={tone === 'info' ? 'status' : 'alert'}
      className={cn(alertVariants({ tone }), className)}
      {...props}
    />
  );
}

export function AlertTitle({ className, ...props }: ComponentProps<'h2'>) {
  return (
    <h2
      data-slot="alert-title"
      className={cn('mb-1 text-base font-semibold', className)}
      {...props}
    />
  );
}
