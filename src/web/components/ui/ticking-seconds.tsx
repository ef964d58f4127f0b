import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

/**
 * "12 s", ticking for the eye, while screen readers get the wait as it was
 * when it began ("about 15 seconds"): a live region around a number that
 * changes every second would be read out every second.
 */
export function TickingSeconds({
  left,
  initial,
  className,
  ...props
}: ComponentProps<'span'> & { left: number; initial: number }) {
  return (
    <span
      data-slot="ticking-seconds"
      className={cn('tabular-nums', className)}
      {...props}
    >
      <span aria-hidden="true">{left} s</span>
      <span className="sr-only">
        about {initial} second{initial === 1 ? '' : 's'}
      </span>
    </span>
  );
}
