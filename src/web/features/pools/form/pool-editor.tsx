import { useNavigate } from 'react-router';
import { paths } from '@/config/paths.ts';
import { notify } from '@/lib/notify.ts';
import {
  conflictRowsOf,
  EditConflictDialog,
} from '@/components/form/edit-conflict-dialog.tsx';
import { poolVersionOf, type Pool } from '../api/pools.ts';
import { poolDraftScope } from '../drafts.ts';
import {
  POOL_FIELD_LABELS,
  POOL_FORM_FIELDS,
  poolFormValuesOf,
} from '../schemas.ts';
import { LazyFilterChangeReview } from '../filter-editing/lazy-filter-change-review.tsx';
import { PoolForm, PoolFormSkeleton } from './pool-form.tsx';
import { useSavePool } from './use-save-pool.ts';

type PoolEditorProps = {
  providerId: string;
  poolId: string;
  pool: Pool;
  providerIssuer: string | undefined;
};

/**
 * The edit form of a pool, once it has loaded (a placeholder before): it
 * saves against the version it was opened from (useSavePool), with the
 * questions a save may ask, then shows the pool's page.
 */
export function PoolEditor({
  pool,
  ...props
}: Omit<PoolEditorProps, 'pool'> & { pool: Pool | undefined }) {
  if (pool === undefined) return <PoolFormSkeleton />;
  // Another pool is another form, with its own version to save against.
  return <LoadedPoolEditor key={pool.id} pool={pool} {...props} />;
}

function LoadedPoolEditor({
  providerId,
  poolId,
  pool,
  providerIssuer,
}: PoolEditorProps) {
  const navigate = useNavigate();
  const saving = useSavePool({
    providerId,
    poolId,
    pool,
    onSaved: (saved) => {
      notify.success(`Saved ${saved.display_name}`);
      // Replace, so Back from the pool does not return to a spent form.
      void navigate(paths.pool.getHref(providerId, poolId), { replace: true });
    },
  });
  const { question } = saving;

  return (
    <>
      <PoolForm
        key={saving.opened.key}
        defaultValues={poolFormValuesOf(saving.opened.record)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onSubmit={saving.save}
        isPending={saving.isPending}
        providerIssuer={providerIssuer}
        providerId={providerId}
        existing={{ providerId, poolId, savedFilter: pool.filter }}
        cancelHref={paths.pool.getHref(providerId, poolId)}
        requireChanges
        draft={{
          scope: poolDraftScope(providerId, poolId),
          base: saving.base,
          onRestore: saving.restoreBase,
        }}
      />
      {question?.kind === 'review' && (
        <LazyFilterChangeReview
          providerId={providerId}
          poolId={poolId}
          before={question.before}
          after={question.after}
          onAnswer={(confirmed) => saving.answer(confirmed ? 'mine' : 'cancel')}
        />
      )}
      {question?.kind === 'conflict' && (
        <EditConflictDialog
          what="This pool"
          savedAt={poolVersionOf(question.theirs)}
          rows={conflictRowsOf({
            fields: POOL_FORM_FIELDS,
            labels: POOL_FIELD_LABELS,
            theirs: poolFormValuesOf(question.theirs),
            mine: question.mine,
            base: question.base,
          })}
          onAnswer={saving.answer}
        />
      )}
    </>
  );
}
