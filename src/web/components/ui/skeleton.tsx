import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

/** A placeholder of the final size, so nothing shifts when data arrives. */
export function Skeleton({
  className,
  isInline = false,
  ...props
}: ComponentProps<'span'> & {
  /** Inside a line of text, rather than a block of its own. */
  isInline?: boolean;
}) {
  return (
    <span
      data-slot="skeleton"
      aria-hidden="true"
      className={cn(
        'animate-pulse rounded bg-slate-200',
        isInline ? 'inline-block align-middle' : 'block',
        className,
      )}
      {...props}
    />
  );
}
