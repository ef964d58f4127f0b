import { useMemo } from 'react';
import type { AnyExportSubject } from '#contract/export-federation.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import { usePacedWalk, type RunWalk } from '@/hooks/use-paced-walk.ts';
import { ExportCode } from './export-code.tsx';

/**
 * The export of an object with all its children (a provider's pools, an
 * authority's certificate pools): the children read with progress, paced
 * by the API budget, then the code. Mounted only while its dialog is open:
 * opening reads every child afresh, closing stops the walk, and the walk
 * restarts only when asked to, not when the caller hands down a new
 * function or a refetched owner.
 */
export function WalkedExport<T>({
  walk,
  ownerName,
  noun,
  subjectOf,
}: {
  walk: RunWalk<T[]>;
  /** Whose children these are, e.g. the provider's display name. */
  ownerName: string;
  /** The children, e.g. `{ one: 'pool', many: 'pools' }`. */
  noun: { one: string; many: string };
  /** What is exported once every child is read; keep it stable (useCallback). */
  subjectOf: (children: T[]) => AnyExportSubject;
}) {
  const {
    state,
    start: restart,
    stop,
  } = usePacedWalk(walk, {
    startOnMount: true,
  });
  const children = state.state === 'done' ? state.result : undefined;
  const subject = useMemo(
    () => children && subjectOf(children),
    [children, subjectOf],
  );

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <WalkProgressView progress={state} noun={noun.many} hasBar />
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} {noun.many}; nothing was exported.
          </p>
        )}
        {children && (
          <p role="status" className="text-sm font-medium">
            All {children.length} {children.length === 1 ? noun.one : noun.many}{' '}
            of {ownerName} fetched.
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
