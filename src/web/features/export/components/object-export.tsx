import { useCallback, useMemo } from 'react';
import type { ExportRoleBinding } from '#contract/export.ts';
import type { AnyExportSubject } from '#contract/export-federation.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
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

/**
 * An object that holds roles (`User:<id>`) exported with its role
 * bindings. Mounted only while its dialog is open: opening fetches the
 * bindings afresh (every page), closing stops the walk. No code shows while
 * they load, so none is copied without them by mistake; when they fail or
 * are stopped, the object is exported without them and the dialog says so.
 */
export function ObjectWithBindingsExport({
  objectId,
  name,
  noun,
  subjectWith,
}: {
  /** `pool-…` or `group-…`: its bindings' principal is `User:<id>`. */
  objectId: string;
  name: string;
  /** "pool", "group mapping", "certificate pool". */
  noun: string;
  /** The export's subject, with the bindings when they were read. */
  subjectWith: (
    roleBindings: readonly ExportRoleBinding[] | undefined,
  ) => AnyExportSubject;
}) {
  const loadBindings = useCallback<RunWalk<RoleBinding[]>>(
    (options) => listPoolRoleBindings(objectId, options),
    [objectId],
  );
  const {
    state,
    start: restart,
    stop,
  } = usePacedWalk(loadBindings, { startOnMount: true });
  const subject = useMemo<AnyExportSubject | undefined>(() => {
    if (state.state === 'fetching' || state.state === 'idle') return undefined;
    return subjectWith(state.state === 'done' ? state.result : undefined);
  }, [state, subjectWith]);

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <WalkProgressView progress={state} noun="role bindings" />
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} {bindingsNoun(state.fetched)}: the
            export below leaves the {noun}’s role bindings out.
          </p>
        )}
        {state.state === 'done' && (
          <p role="status" className="text-sm font-medium">
            {state.result.length === 0
              ? `${name} holds no role bindings.`
              : `All ${state.result.length} ${bindingsNoun(state.result.length)} of ${name} fetched: the export grants them too.`}
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
            The {noun}’s role bindings could not be read: the export below
            leaves them out.
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
