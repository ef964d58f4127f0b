import { useState, type ComponentProps, type ReactNode } from 'react';
import { useSecondsUntil } from '@/hooks/use-now.ts';
import { cn } from '@/lib/cn.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { RetryNotice } from '../errors/retry-notice.tsx';
import { Button } from './button.tsx';
import { TickingSeconds } from './ticking-seconds.tsx';

// Keyed by `until`: a new wait starts its own clock.
function BudgetWait({
  until,
  children,
}: {
  until: number;
  children: ReactNode;
}) {
  // Screen readers hear the wait as it was when it began (TickingSeconds).
  const [from] = useState(Date.now);
  const left = useSecondsUntil(until) ?? 0;
  return (
    <p className="text-sm text-amber-900">
      {children}{' '}
      <TickingSeconds
        left={left}
        initial={Math.max(0, Math.round((until - from) / 1000))}
      />
    </p>
  );
}

/**
 * Where a paced walk over a list stands (src/web/lib/paced-walk.ts): how
 * many items are in, with a progress bar if `hasBar`, and any wait: for the
 * API budget's window to reset, with its countdown, or to retry a failed
 * page. The caller owns the live region around it.
 */
export function WalkProgressView({
  progress,
  noun = 'items',
  hasBar = false,
  budgetMessage = 'Waiting for the API budget…',
  children,
  className,
  ...props
}: ComponentProps<'div'> & {
  progress: WalkProgress;
  /** What is walked, in the plural, for the default count line. */
  noun?: string;
  /** Shows a progress bar, named after the noun ("Pools fetched"). */
  hasBar?: boolean;
  /** What the wait for the budget says before its countdown. */
  budgetMessage?: ReactNode;
  /** The count line, in place of "Fetched 3 of 10 items…". */
  children?: ReactNode;
}) {
  const { fetched, total, waiting } = progress;
  return (
    <div
      data-slot="walk-progress"
      className={cn('grid gap-2', className)}
      {...props}
    >
      <p className="text-sm text-slate-700">
        {hasBar && (
          <progress
            className="mr-2 align-middle"
            // Without a total the bar is indeterminate, not falsely full.
            value={total === undefined ? undefined : fetched}
            max={total}
            aria-label={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} fetched`}
          />
        )}
        {children ??
          `Fetched ${fetched}${total === undefined ? '' : ` of ${total}`} ${noun}…`}
      </p>
      {waiting?.reason === 'budget' && (
        <BudgetWait key={waiting.until} until={waiting.until}>
          {budgetMessage}
        </BudgetWait>
      )}
      {waiting?.reason === 'retry' && (
        <RetryNotice error={waiting.error} retryAt={waiting.until} />
      )}
    </div>
  );
}

/**
 * Stop while a walk runs, Fetch again once it was stopped: the controls
 * every paced walk offers under its progress.
 */
export function WalkControls({
  state,
  onStop,
  onRestart,
}: {
  state: 'idle' | 'fetching' | 'cancelled' | 'done' | 'failed';
  onStop: () => void;
  onRestart: () => void;
}) {
  if (state === 'fetching') {
    return (
      <div>
        <Button variant="secondary" onClick={onStop}>
          Stop
        </Button>
      </div>
    );
  }
  if (state === 'cancelled') {
    return (
      <div>
        {/* Stop, which had the focus, is gone: keep the keyboard here. */}
        <Button variant="secondary" onClick={onRestart} autoFocus>
          Fetch again
        </Button>
      </div>
    );
  }
  return null;
}
