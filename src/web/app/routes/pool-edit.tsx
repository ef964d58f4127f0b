import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { HeadingSkeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { useUpdatePool } from '@/features/pools/api/mutations.ts';
import {
  poolVersionOf,
  type Pool,
  type PoolUpdateBody,
} from '@/features/pools/api/pools.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import {
  EditConflictDialog,
  type ConflictAnswer,
} from '@/features/pools/components/edit-conflict-dialog.tsx';
import { LazyFilterChangeReview } from '@/features/pools/components/lazy-filter-change-review.tsx';
import {
  PoolForm,
  PoolFormSkeleton,
  SaveCancelled,
} from '@/features/pools/components/pool-form.tsx';
import { PoolLoadError } from '@/features/pools/components/pool-load-error.tsx';
import { poolDraftScope, type PoolBase } from '@/features/pools/drafts.ts';
import {
  POOL_FORM_FIELDS,
  poolFormValuesOf,
  type PoolFormValues,
} from '@/features/pools/schemas.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function PoolEditRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const provider = useQuery(providerQueries.detail(providerId));
  const pool = useQuery(poolQueries.detail(providerId, poolId));
  const access = useWriteAccess();
  useDocumentTitle(
    pool.data ? `Edit ${pool.data.display_name}` : 'Edit identity pool',
  );

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    {
      label: pool.data?.display_name ?? poolId,
      href: paths.pool.getHref(providerId, poolId),
    },
    { label: 'Edit' },
  ];

  // A failed background refetch keeps the form (and what was typed) on screen.
  if (pool.isError && pool.data === undefined) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PoolLoadError
          error={pool.error}
          providerId={providerId}
          onRetry={() => void pool.refetch()}
        />
      </>
    );
  }

  if (!access.canWrite) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
          {pool.data ? `Edit ${pool.data.display_name}` : 'Edit identity pool'}
        </h1>
        <WriteAccessNotice
          title="You cannot edit pools"
          backHref={paths.pool.getHref(providerId, poolId)}
          backLabel="Back to the pool"
        >
          {access.reason}
        </WriteAccessNotice>
      </>
    );
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
        {pool.data ? `Edit ${pool.data.display_name}` : <HeadingSkeleton />}
      </h1>
      {pool.data ? (
        <PoolEditor
          key={pool.data.id}
          providerId={providerId}
          poolId={poolId}
          pool={pool.data}
          providerIssuer={provider.data?.issuer}
        />
      ) : (
        <PoolFormSkeleton />
      )}
    </>
  );
}

type Base = NonNullable<PoolBase>;

function baseOf(pool: Pool): Base {
  return { updatedAt: poolVersionOf(pool), values: poolFormValuesOf(pool) };
}

function isSameVersion(base: Base, current: Pool): boolean {
  const version = poolVersionOf(current);
  // Without updated_at (not sent by this upstream), compare what is shown.
  if (version === undefined || base.updatedAt === undefined) {
    const values = poolFormValuesOf(current);
    return POOL_FORM_FIELDS.every((name) => values[name] === base.values[name]);
  }
  return version === base.updatedAt;
}

type Question =
  | { kind: 'review'; before: string; after: string }
  | { kind: 'conflict'; theirs: Pool; mine: PoolFormValues; base: Base };

/**
 * The form over one loaded pool. It remembers the version the form was
 * opened from (or that a restored draft was made on), and saves only
 * against that version: if the server has moved on, the user is shown both
 * and chooses.
 */
function PoolEditor({
  providerId,
  poolId,
  pool,
  providerIssuer,
}: {
  providerId: string;
  poolId: string;
  pool: Pool;
  providerIssuer: string | undefined;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updatePool = useUpdatePool(providerId, poolId);
  // The server's pool as the form was (re)opened on it: its values are the
  // form's defaults; a new one remounts the form.
  const [opened, setOpened] = useState(() => ({ key: 0, pool }));
  // The version the values being edited build on: what a save expects the
  // server to still have.
  const [base, setBase] = useState(() => baseOf(pool));
  const [question, setQuestion] = useState<Question>();
  const answerRef = useRef<(answer: ConflictAnswer) => void>(undefined);

  async function ask(next: Question): Promise<ConflictAnswer> {
    const answer = await new Promise<ConflictAnswer>((resolve) => {
      answerRef.current = resolve;
      setQuestion(next);
    });
    setQuestion(undefined);
    return answer;
  }

  async function readCurrent(): Promise<Pool> {
    const current = await queryClient.fetchQuery(
      poolQueries.current(providerId, poolId),
    );
    queryClient.setQueryData(
      poolQueries.detail(providerId, poolId).queryKey,
      current,
    );
    return current;
  }

  /** Their version becomes the form's; the form's own values stay a draft. */
  function editTheirs(current: Pool) {
    setBase(baseOf(current));
    setOpened(({ key }) => ({ key: key + 1, pool: current }));
  }

  async function save(values: PoolFormValues) {
    let expected = base;
    let reviewedBefore: string | undefined;
    // Each question takes the user's time, so the pool is read again after
    // one: the PATCH always follows a read that matched.
    for (;;) {
      const current = await readCurrent();
      if (!isSameVersion(expected, current)) {
        const answer = await ask({
          kind: 'conflict',
          theirs: current,
          mine: values,
          base,
        });
        if (answer === 'theirs') {
          editTheirs(current);
          throw new SaveCancelled();
        }
        if (answer !== 'mine') throw new SaveCancelled();
        expected = baseOf(current);
        continue;
      }
      // Only what the user changed is sent, so a field someone else edited
      // in the meantime keeps their value.
      const theirs = poolFormValuesOf(current);
      const body: PoolUpdateBody = {};
      for (const name of POOL_FORM_FIELDS) {
        if (values[name] !== base.values[name] && values[name] !== theirs[name])
          body[name] = values[name];
      }
      if (body.filter !== undefined && reviewedBefore !== current.filter) {
        // The filter is the pool's security boundary: show the change, and
        // any test case it flips, before it is sent.
        const answer = await ask({
          kind: 'review',
          before: current.filter,
          after: body.filter,
        });
        if (answer !== 'mine') throw new SaveCancelled();
        reviewedBefore = current.filter;
        continue;
      }
      const saved =
        Object.keys(body).length > 0
          ? await updatePool.mutateAsync(body)
          : current;
      notify.success(`Saved ${saved.display_name}`);
      // Replace, so Back from the pool does not return to a spent form.
      void navigate(paths.pool.getHref(providerId, poolId), { replace: true });
      return;
    }
  }

  return (
    <>
      <PoolForm
        key={opened.key}
        defaultValues={poolFormValuesOf(opened.pool)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onSubmit={save}
        isPending={updatePool.isPending}
        providerIssuer={providerIssuer}
        providerId={providerId}
        existing={{ providerId, poolId, savedFilter: pool.filter }}
        cancelHref={paths.pool.getHref(providerId, poolId)}
        requireChanges
        draft={{
          scope: poolDraftScope(providerId, poolId),
          base,
          onRestore: (restored) => {
            if (restored) setBase(restored);
          },
        }}
      />
      {question?.kind === 'review' && (
        <LazyFilterChangeReview
          providerId={providerId}
          poolId={poolId}
          before={question.before}
          after={question.after}
          onAnswer={(confirmed) =>
            answerRef.current?.(confirmed ? 'mine' : 'cancel')
          }
        />
      )}
      {question?.kind === 'conflict' && (
        <EditConflictDialog
          theirs={question.theirs}
          mine={question.mine}
          base={question.base.values}
          onAnswer={(answer) => answerRef.current?.(answer)}
        />
      )}
    </>
  );
}
