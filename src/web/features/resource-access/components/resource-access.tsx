import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { describeScope, whoReaches } from '#contract/effective-access.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import {
  useOrgBindings,
  type OrgBindingSource,
} from '@/hooks/use-org-bindings.ts';
import {
  missingPart,
  questionCrn,
  questionFromSearch,
  questionScope,
} from '../question.ts';
import { Answer } from './answer.tsx';
import type { KnownPool } from './binding-cells.tsx';
import { QuestionForm, type Directory } from './question-form.tsx';

// The route module names them from here, where the page's props are.
export type { Directory, KnownPool };

/**
 * Who can reach a resource: the question in the URL, the answer computed in
 * the browser from every binding of the organization (fetched once, then
 * indexed), with each pool's filter and identity claim beside it.
 */
export function ResourceAccess({
  source,
  directory,
  pools,
  poolsStatus,
}: {
  source: OrgBindingSource;
  directory: Directory;
  /** Every pool loaded so far, by id. */
  pools: ReadonlyMap<string, KnownPool>;
  /** How far the pools have loaded, shown above the answer. */
  poolsStatus: ReactNode;
}) {
  const [params] = useSearchParams();
  const search = params.toString();
  const question = useMemo(
    () => questionFromSearch(new URLSearchParams(search)),
    [search],
  );
  const org = useOrgBindings(source);
  const { organizationId, index, bindings } = org;
  const { names } = directory;
  const crn = organizationId && questionCrn(question, organizationId);
  const reaches = useMemo(
    () => (index && crn ? whoReaches(index, crn) : undefined),
    [index, crn],
  );
  const subject =
    organizationId && crn
      ? describeScope(questionScope(question, organizationId), names)
      : '';
  const walkState = bindings.isFetching
    ? 'fetching'
    : org.isStopped && !bindings.data
      ? 'cancelled'
      : 'done';
  return (
    <div className="grid gap-4">
      {directory.error != null && (
        <ApiErrorView error={directory.error} onRetry={directory.retry} />
      )}
      {/* The draft starts over from each question the URL holds (back, a link). */}
      <QuestionForm key={search} question={question} directory={directory} />

      <div className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3">
        <div role="status" className="grid gap-2">
          {org.progress ? (
            <WalkProgressView
              progress={org.progress}
              noun="role bindings"
              hasBar
              budgetMessage="Waiting for the API budget to reset…"
            />
          ) : bindings.isFetching ? (
            <p className="text-sm text-slate-700">Fetching role bindings…</p>
          ) : bindings.data ? (
            <p className="text-sm text-slate-700">
              Loaded all {bindings.data.length} role bindings of the
              organization.
            </p>
          ) : org.isStopped ? (
            <p className="text-sm text-slate-700">
              Stopped before every role binding was fetched.
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <WalkControls
            state={walkState}
            onStop={org.stop}
            onRestart={org.fetchAgain}
          />
          {walkState === 'done' && bindings.data && (
            <Button variant="secondary" size="sm" onClick={org.fetchAgain}>
              Refresh role bindings
            </Button>
          )}
        </div>
        {poolsStatus}
      </div>

      {org.organization.error != null && (
        <ApiErrorView
          error={org.organization.error}
          onRetry={() => void org.organization.refetch()}
        />
      )}
      {bindings.error != null && !bindings.isFetching && (
        <ApiErrorView error={bindings.error} onRetry={org.fetchAgain} />
      )}

      {missingPart(question) !== undefined ? (
        <p className="text-slate-700">
          Choose an environment and a cluster, then a topic, consumer group,
          transactional id or subject (or a prefix), to see which pools can
          reach it.
        </p>
      ) : reaches ? (
        <>
          <h2 className="text-lg font-semibold">Who can reach {subject}</h2>
          <Answer
            reaches={reaches}
            kind={question.kind}
            subject={subject}
            names={names}
            pools={pools}
            byPrincipal={org.byPrincipal ?? new Map()}
          />
        </>
      ) : (
        !bindings.error && (
          <Alert tone="info">
            The answer appears once every role binding is fetched.
          </Alert>
        )
      )}
    </div>
  );
}
