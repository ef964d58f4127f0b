import { useCallback, useMemo } from 'react';
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
import {
  listPoolRoleBindings,
  type RoleBinding,
} from '../api/pool-role-bindings.ts';
import { ExportCode } from './export-code.tsx';

function bindingsNoun(count: number): string {
  return count === 1 ? 'role binding' : 'role bindings';
}

// Mounted only while the dialog is open: opening fetches the pool's role
// bindings afresh (every page), closing stops the walk. No code shows while
// they load, so none is copied without them by mistake; when they fail or
// are stopped, the pool is exported without them and the dialog says so.
function PoolExport({
  providerId,
  pool,
  provider,
}: {
  providerId: string;
  pool: ExportPool;
  provider?: ExportProvider;
}) {
  const loadBindings = useCallback<RunWalk<RoleBinding[]>>(
    (options) => listPoolRoleBindings(pool.id, options),
    [pool.id],
  );
  const {
    state,
    start: restart,
    stop,
  } = usePacedWalk(loadBindings, { startOnMount: true });
  const subject = useMemo<ExportSubject | undefined>(() => {
    if (state.state === 'fetching' || state.state === 'idle') return undefined;
    return {
      kind: 'pool',
      providerId,
      pool,
      provider,
      roleBindings: state.state === 'done' ? state.result : undefined,
    };
  }, [state, providerId, pool, provider]);

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <WalkProgressView progress={state} noun="role bindings" />
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} {bindingsNoun(state.fetched)}: the
            export below leaves the pool’s role bindings out.
          </p>
        )}
        {state.state === 'done' && (
          <p role="status" className="text-sm font-medium">
            {state.result.length === 0
              ? `${pool.display_name} holds no role bindings.`
              : `All ${state.result.length} ${bindingsNoun(state.result.length)} of ${pool.display_name} fetched: the export grants them too.`}
          </p>
        )}
      </div>
      <WalkControls state={state.state} onStop={stop} onRestart={restart} />
      {state.state === 'failed' && (
        <>
          {/* Its own button: the view offers none for a 403, which is
              worth another try here (the credential may be changed). */}
          <ApiErrorView error={state.error} />
          <p className="text-sm text-slate-700">
            The pool’s role bindings could not be read: the export below leaves
            them out.
          </p>
          <div>
            <Button variant="secondary" onClick={restart}>
              Fetch again
            </Button>
          </div>
        </>
      )}
      {subject && <ExportCode subject={subject} />}
    </div>
  );
}

/**
 * "Export": the pool and the role bindings it holds (fetched page by page
 * with progress, paced by the API budget) as Terraform, CLI commands, curl
 * calls or JSON.
 */
export function ExportPoolDialog({
  providerId,
  pool,
  provider,
}: {
  providerId: string;
  pool: ExportPool;
  provider?: ExportProvider;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${pool.display_name}`}
        description={
          <p>
            This pool and what it may do (its role bindings) as code, from what
            Lifeguard loaded: to keep them under version control, or to create
            them elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <PoolExport providerId={providerId} pool={pool} provider={provider} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
