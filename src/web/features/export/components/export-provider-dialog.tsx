import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  ExportPool,
  ExportProvider,
  ExportSubject,
} from '#contract/export.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import { TickingSeconds } from '@/components/ui/ticking-seconds.tsx';
import { useSecondsUntil } from '@/hooks/use-now.ts';
import { ExportCode } from './export-code.tsx';

/** Where a walk over every pool stands (the pools feature's walker reports it). */
export type ExportProgress = {
  fetched: number;
  total: number | undefined;
  waiting?:
    | { reason: 'budget'; until: number }
    | { reason: 'retry'; until: number; error: unknown };
};

/** Every pool of the provider, reporting progress; rejects on abort. */
export type LoadAllPools = (options: {
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
}) => Promise<ExportPool[]>;

type State =
  | ({ state: 'fetching'; startedWaitingAt?: number } & ExportProgress)
  | { state: 'cancelled'; fetched: number }
  | { state: 'failed'; error: unknown }
  | { state: 'done'; pools: ExportPool[] };

function BudgetWait({ until, from }: { until: number; from: number }) {
  const left = useSecondsUntil(until) ?? 0;
  return (
    <p className="text-sm text-amber-900">
      Waiting for the API budget…{' '}
      <TickingSeconds left={left} initial={Math.round((until - from) / 1000)} />
    </p>
  );
}

// Mounted only while the dialog is open: opening fetches every pool afresh,
// closing stops the walk.
function ProviderExport({
  provider,
  loadPools,
}: {
  provider: ExportProvider;
  loadPools: LoadAllPools;
}) {
  const [state, setState] = useState<State>({
    state: 'fetching',
    fetched: 0,
    total: undefined,
  });
  const [attempt, setAttempt] = useState(0);
  const abortRef = useRef<AbortController | undefined>(undefined);
  // The walk restarts only when asked to (attempt), not when the route
  // hands down a new function or a refetched provider.
  const loadRef = useRef(loadPools);
  useEffect(() => {
    loadRef.current = loadPools;
  }, [loadPools]);
  const subject = useMemo<ExportSubject | undefined>(
    () =>
      state.state === 'done'
        ? { kind: 'provider', provider, pools: state.pools }
        : undefined,
    [state, provider],
  );

  useEffect(() => {
    const controller = new AbortController();
    abortRef.current = controller;
    let fetched = 0;
    loadRef
      .current({
        signal: controller.signal,
        onProgress: (progress) => {
          fetched = progress.fetched;
          setState({
            state: 'fetching',
            ...progress,
            startedWaitingAt: progress.waiting ? Date.now() : undefined,
          });
        },
      })
      .then(
        (pools) => setState({ state: 'done', pools }),
        (error: unknown) => {
          if (controller.signal.aborted && abortRef.current !== controller) {
            return; // Closed or restarted: nobody is looking.
          }
          setState(
            controller.signal.aborted
              ? { state: 'cancelled', fetched }
              : { state: 'failed', error },
          );
        },
      );
    return () => {
      abortRef.current = undefined;
      controller.abort();
    };
  }, [attempt]);

  function restart() {
    setState({ state: 'fetching', fetched: 0, total: undefined });
    setAttempt((count) => count + 1);
  }

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <>
            <p className="text-sm text-slate-700">
              <progress
                className="mr-2 align-middle"
                value={state.fetched}
                max={state.total ?? undefined}
                aria-label="Pools fetched"
              />
              Fetched {state.fetched}
              {state.total !== undefined ? ` of ${state.total}` : ''} pools…
            </p>
            {state.waiting?.reason === 'budget' && (
              <BudgetWait
                until={state.waiting.until}
                from={state.startedWaitingAt ?? Date.now()}
              />
            )}
            {state.waiting?.reason === 'retry' && (
              <RetryNotice
                error={state.waiting.error}
                retryAt={state.waiting.until}
              />
            )}
          </>
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} pools; nothing was exported.
          </p>
        )}
        {state.state === 'done' && (
          <p role="status" className="text-sm font-medium">
            All {state.pools.length}{' '}
            {state.pools.length === 1 ? 'pool' : 'pools'} of{' '}
            {provider.display_name} fetched.
          </p>
        )}
      </div>
      {state.state === 'fetching' && (
        <div>
          <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
            Stop
          </Button>
        </div>
      )}
      {state.state === 'cancelled' && (
        <div>
          {/* Stop, which had the focus, is gone: keep the keyboard here. */}
          <Button variant="secondary" onClick={restart} autoFocus>
            Fetch again
          </Button>
        </div>
      )}
      {state.state === 'failed' && (
        <ApiErrorView error={state.error} onRetry={restart} />
      )}
      {subject && <ExportCode subject={subject} />}
    </div>
  );
}

/**
 * "Export": the provider and every one of its pools (fetched page by page
 * with progress, paced by the API budget) as Terraform, CLI commands, curl
 * calls or JSON.
 */
export function ExportProviderDialog({
  provider,
  loadPools,
}: {
  provider: ExportProvider;
  loadPools: LoadAllPools;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${provider.display_name}`}
        description={
          <p>
            This identity provider and all its pools as code: to keep them under
            version control, or to create them elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <ProviderExport provider={provider} loadPools={loadPools} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
