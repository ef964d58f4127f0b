import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

/** A placeholder of the final size, so nothing shifts when data arrives. */
export function Skeleton({ className, ...props }: ComponentProps<'span'>) {
  return (
    <span
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('block animate-pulse rounded bg-slate-200', className)}
      {...props}
    />
  );
}
