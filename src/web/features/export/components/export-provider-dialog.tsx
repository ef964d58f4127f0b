import { useMemo } from 'react';
import type {
  ExportPool,
  ExportProvider,
  ExportSubject,
} from '#contract/export.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import { usePacedWalk, type RunWalk } from '@/hooks/use-paced-walk.ts';
import { ExportCode } from './export-code.tsx';

/** Every pool of the provider (the pools feature's paced walk); rejects on abort. */
export type LoadAllPools = RunWalk<ExportPool[]>;

// Mounted only while the dialog is open: opening fetches every pool afresh,
// closing stops the walk.
function ProviderExport({
  provider,
  loadPools,
}: {
  provider: ExportProvider;
  loadPools: LoadAllPools;
}) {
  // The walk restarts only when asked to, not when the route hands down a
  // new function or a refetched provider.
  const {
    state,
    start: restart,
    stop,
  } = usePacedWalk(loadPools, { startOnMount: true });
  const subject = useMemo<ExportSubject | undefined>(
    () =>
      state.state === 'done'
        ? { kind: 'provider', provider, pools: state.result }
        : undefined,
    [state, provider],
  );

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <WalkProgressView progress={state} noun="pools" hasBar />
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} pools; nothing was exported.
          </p>
        )}
        {state.state === 'done' && (
          <p role="status" className="text-sm font-medium">
            All {state.result.length}{' '}
            {state.result.length === 1 ? 'pool' : 'pools'} of{' '}
            {provider.display_name} fetched.
          </p>
        )}
      </div>
      <WalkControls state={state.state} onStop={stop} onRestart={restart} />
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
            version control, or to create them elsewhere. The pools’ role
            bindings are not included: each pool’s own export has them.
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
