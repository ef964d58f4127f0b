import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

/**
 * Visible text saying why nearby controls are disabled. Give it an `id` and
 * point each control's `aria-describedby` at it, so screen readers say it too.
 */
export function DisabledReason({ className, ...props }: ComponentProps<'p'>) {
  return (
    <p
      data-slot="disabled-reason"
      className={cn('text-sm text-slate-600', className)}
      {...props}
    />
  );
}
