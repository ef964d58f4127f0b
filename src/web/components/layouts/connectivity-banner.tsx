import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useSecondsUntil } from '@/hooks/use-now.ts';
import {
  markRecovered,
  useOutage,
  waitForRecovery,
} from '@/lib/connectivity.ts';
import { refetchFailedQueries } from '@/lib/query-client.ts';

function subscribeOnline(listener: () => void) {
  return onlineManager.subscribe(listener);
}

function isOnline() {
  return onlineManager.isOnline();
}

/**
 * Says when the browser is offline, or when Lifeguard's server or the
 * Confluent API behind it cannot be reached; meanwhile it probes /healthz or
 * /readyz with backoff, and once they answer it refetches what failed.
 * Nothing below it unmounts, so what the user typed stays.
 */
export function ConnectivityBanner({ className }: { className?: string }) {
  const queryClient = useQueryClient();
  // React Query's own view of the network (online/offline events), the one
  // that pauses its queries, so the banner and the queries agree.
  const online = useSyncExternalStore(subscribeOnline, isOnline, () => true);
  const outage = useOutage();
  const since = outage?.since;
  const nextProbeIn = useSecondsUntil(outage?.nextProbeAt);

  useEffect(() => {
    // Offline, probes would fail for the wrong reason; React Query resumes
    // its paused queries itself when the network returns.
    if (since === undefined || !online) return;
    const controller = new AbortController();
    waitForRecovery(controller.signal).then(
      () => {
        markRecovered();
        void refetchFailedQueries(queryClient);
      },
      () => {
        // Aborted: unmounted, or the browser went offline.
      },
    );
    return () => controller.abort();
  }, [since, online, queryClient]);

  let message: ReactNode = null;
  if (!online) {
    message = (
      <p>
        <strong>You are offline.</strong> Lifeguard carries on when the network
        is back; what you typed stays here.
      </p>
    );
  } else if (outage) {
    message = (
      <p>
        <strong>
          {outage.problem === 'server'
            ? 'Lifeguard cannot reach its server'
            : 'Lifeguard cannot reach Confluent'}
          ; retrying…
        </strong>
        {outage.reason && ` ${outage.reason}`}
        {nextProbeIn !== undefined && nextProbeIn > 0 && (
          <span aria-hidden="true"> Next check in {nextProbeIn} s.</span>
        )}
      </p>
    );
  }

  return (
    <div role="status" data-slot="connectivity-banner" className={className}>
      {message && (
        <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <div className="mx-auto max-w-6xl">{message}</div>
        </div>
      )}
    </div>
  );
}
