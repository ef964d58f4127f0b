import { secondsUntil, useSecondsUntil } from '@/hooks/use-now.ts';
import { isBudgetLow, useRateBudget } from '@/lib/rate-limit.ts';
import { TickingSeconds } from '../ui/ticking-seconds.tsx';

const count = new Intl.NumberFormat('en');

/**
 * The Confluent API budget left, shown only while it is low (see
 * lib/rate-limit.ts) and until it resets; a polite status, so it is heard
 * without interrupting.
 */
export function RateBudgetIndicator({ className }: { className?: string }) {
  const budget = useRateBudget();
  const low = isBudgetLow(budget) ? budget : undefined;
  // Ticks only while low, to count down and to hide once the window resets.
  const left = useSecondsUntil(low?.resetAt) ?? 0;
  return (
    // Always in the page: a live region must exist before its text changes
    // for the change to be announced.
    <div role="status" data-slot="rate-budget" className={className}>
      {low && left > 0 && (
        <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          Confluent API budget: {count.format(low.remaining)}
          {low.limit !== undefined && ` of ${count.format(low.limit)}`} left,
          resets in{' '}
          <TickingSeconds
            left={left}
            initial={secondsUntil(low.resetAt, low.receivedAt)}
          />
        </p>
      )}
    </div>
  );
}
