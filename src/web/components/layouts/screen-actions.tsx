import {
  createContext,
  useContext,
  useId,
  type ComponentProps,
  type ReactNode,
} from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn.ts';
import { Button, buttonVariants, type ButtonProps } from '../ui/button.tsx';
import { DisabledReason } from '../ui/disabled-reason.tsx';

// The id of the sentence saying why writes are refused, inside ScreenActions
// that have one; undefined where the role may write.
const RefusalIdContext = createContext<string | undefined>(undefined);

/**
 * The actions beside a screen's heading. Where the role may not write
 * (`refusal` says why), the writing ones stay in place, disabled and
 * described by that sentence under them, so a viewer sees what the screen
 * offers and why it is not theirs to use.
 */
export function ScreenActions({
  refusal,
  children,
}: {
  refusal?: string;
  children: ReactNode;
}) {
  const reasonId = useId();
  if (refusal === undefined) {
    return <div className="flex flex-wrap items-start gap-2">{children}</div>;
  }
  return (
    <div className="grid max-w-sm justify-items-end gap-1 text-right">
      <div className="flex flex-wrap justify-end gap-2">
        <RefusalIdContext value={reasonId}>{children}</RefusalIdContext>
      </div>
      <DisabledReason id={reasonId}>{refusal}</DisabledReason>
    </div>
  );
}

/**
 * A write action that is not a link (e.g. a dialog's trigger): `children`
 * where the role may write, else a disabled button reading `label`.
 */
export function WriteAction({
  label,
  variant,
  children,
}: {
  label: string;
  variant?: ButtonProps['variant'];
  children: ReactNode;
}) {
  const reasonId = useContext(RefusalIdContext);
  if (reasonId === undefined) return children;
  return (
    <Button variant={variant} disabled aria-describedby={reasonId}>
      {label}
    </Button>
  );
}

/** A link, looking like a button, to a screen that writes (a form). */
export function WriteActionLink({
  variant,
  className,
  children,
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonProps['variant'] }) {
  const reasonId = useContext(RefusalIdContext);
  if (reasonId !== undefined) {
    return (
      <Button variant={variant} disabled aria-describedby={reasonId}>
        {children}
      </Button>
    );
  }
  return (
    <Link className={cn(buttonVariants({ variant }), className)} {...props}>
      {children}
    </Link>
  );
}
