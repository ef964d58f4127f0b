import { secondsUntil, useNow } from '@/hooks/use-now.ts';
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
  // Ticks only while low, to count down and to hide once the window resets.
  const now = useNow(isBudgetLow(budget));
  const isLow = isBudgetLow(budget, now);
  return (
    // Always in the page: a live region must exist before its text changes
    // for the change to be announced.
    <div role="status" data-slot="rate-budget" className={className}>
      {isLow && (
        <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          Confluent API budget: {count.format(budget.remaining)}
          {budget.limit !== undefined &&
            ` of ${count.format(budget.limit)}`}{' '}
          left, resets in{' '}
          <TickingSeconds
            left={secondsUntil(budget.resetAt, now)}
            initial={secondsUntil(budget.resetAt, budget.receivedAt)}
          />
        </p>
      )}
    </div>
  );
}
