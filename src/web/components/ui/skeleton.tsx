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

/**
 * A page title still loading: the placeholder for the eye, and words for a
 * screen reader, so the heading is never empty.
 */
export function HeadingSkeleton() {
  return (
    <>
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-8 w-64" />
    </>
  );
}
