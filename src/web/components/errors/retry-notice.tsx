import { useState } from 'react';
import { useSecondsUntil } from '@/hooks/use-now.ts';
import { ApiError, isOwnRateLimit } from '@/lib/errors.ts';
import { scheduledRetryAt } from '@/lib/query-client.ts';
import { Alert, AlertTitle } from '../ui/alert.tsx';
import { TickingSeconds } from '../ui/ticking-seconds.tsx';

// Keyed by `at`: a new wait starts its own clock.
function RetryCountdown({
  at,
  receivedAt,
}: {
  at: number;
  /** When the failure arrived, if it says; else when it was first shown. */
  receivedAt: number | undefined;
}) {
  const [shownAt] = useState(Date.now);
  const left = useSecondsUntil(at) ?? 0;
  if (left === 0) return 'now';
  return (
    <>
      in{' '}
      <TickingSeconds
        left={left}
        initial={Math.round((at - (receivedAt ?? shownAt)) / 1000)}
      />
    </>
  );
}

/**
 * Shown where data would be while a read waits to try again by itself: why,
 * and a countdown to the next try. The countdown's end comes from `retryAt`
 * or else from the delay the query client scheduled for this very failure
 * (a query's `failureReason`).
 */
export function RetryNotice({
  error,
  retryAt = scheduledRetryAt(error),
  className,
}: {
  error: unknown;
  /** When the next try runs (ms since the epoch). */
  retryAt?: number;
  className?: string;
}) {
  const when =
    retryAt === undefined ? (
      'shortly'
    ) : (
      <RetryCountdown
        key={retryAt}
        at={retryAt}
        receivedAt={error instanceof ApiError ? error.receivedAt : undefined}
      />
    );

  if (error instanceof ApiError && error.status === 429) {
    // An alert, not a status: the wait can last a minute and the screen
    // stays empty meanwhile, so the reason should be heard at once.
    return (
      <Alert tone="warning" className={className} data-slot="retry-notice">
        {isOwnRateLimit(error) ? (
          <>
            <AlertTitle>Lifeguard is pacing your requests</AlertTitle>
            <p>
              Each user may make only so many, so that no one uses up the
              organisation’s Confluent API budget; retrying {when}…
            </p>
          </>
        ) : (
          <>
            <AlertTitle>The Confluent API is rate-limiting requests</AlertTitle>
            <p>Confluent is rate-limiting Lifeguard; retrying {when}…</p>
          </>
        )}
      </Alert>
    );
  }
  return (
    <Alert tone="info" className={className} data-slot="retry-notice">
      <AlertTitle>
        {error instanceof ApiError ? error.title : 'Loading failed.'}
      </AlertTitle>
      <p>Lifeguard is retrying {when}…</p>
    </Alert>
  );
}
