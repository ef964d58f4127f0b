import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { cn } from '@/lib/cn.ts';

/**
 * What a list shows instead of its table when there is nothing in it yet:
 * what the thing is for, and the way to create the first one, or, for a
 * user who may not, the button disabled with the reason beside it.
 */
export function EmptyListState({
  title,
  headingLevel = 2,
  children,
  descriptionClassName,
  createLabel,
  createHref,
  createDisabledReason,
}: {
  title: string;
  /** 3 when the list sits under a heading of its own screen's section. */
  headingLevel?: 2 | 3;
  /** What the thing is for, in a sentence or two. */
  children: ReactNode;
  /** Adds to the description's classes (a narrower measure, say). */
  descriptionClassName?: string;
  createLabel: string;
  createHref: string;
  /** Set when the user may not create one: why. */
  createDisabledReason?: string;
}) {
  const reasonId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
      <Heading className="text-lg font-semibold">{title}</Heading>
      <p className={cn('mt-1 text-slate-700', descriptionClassName)}>
        {children}
      </p>
      {createDisabledReason ? (
        <>
          <Button className="mt-4" disabled aria-describedby={reasonId}>
            {createLabel}
          </Button>
          <DisabledReason id={reasonId} className="mt-2">
            {createDisabledReason}
          </DisabledReason>
        </>
      ) : (
        <Link to={createHref} className={`${buttonVariants()} mt-4`}>
          {createLabel}
        </Link>
      )}
    </section>
  );
}
