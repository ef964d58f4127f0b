import { useQueryClient } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { useNavigate } from 'react-router';
import {
  conflictRowsOf,
  EditConflictDialog,
} from '@/components/form/edit-conflict-dialog.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { useVersionedSave } from '@/hooks/use-versioned-save.ts';
import { notify } from '@/lib/notify.ts';
import { useReplaceCertificatePool } from '../api/mutations.ts';
import {
  certificatePoolVersionOf,
  type CertificatePool,
} from '../api/pools.ts';
import { certificatePoolQueries } from '../api/queries.ts';
import { certificatePoolDraftScope } from '../drafts.ts';
import {
  CERTIFICATE_POOL_FIELD_LABELS,
  CERTIFICATE_POOL_FORM_FIELDS,
  certificatePoolBodyOf,
  certificatePoolFormValuesOf,
  sameCertificatePoolValues,
} from '../schemas.ts';
import {
  CertificatePoolForm,
  CertificatePoolFormSkeleton,
} from './certificate-pool-form.tsx';
import { FilterChangeReview } from './filter-change-review.tsx';

type EditorProps = {
  caId: string;
  poolId: string;
  pool: CertificatePool;
  aside?: ComponentProps<typeof CertificatePoolForm>['aside'];
};

/**
 * The edit form of a certificate pool, once it has loaded: it replaces the
 * pool (PUT, all four fields) over the version it was opened from, asks
 * before overwriting someone else's change, shows a filter change before
 * sending it, then shows the pool's page.
 */
export function CertificatePoolEditor({
  pool,
  ...props
}: Omit<EditorProps, 'pool'> & { pool: CertificatePool | undefined }) {
  if (pool === undefined) return <CertificatePoolFormSkeleton />;
  return <LoadedEditor key={pool.id} pool={pool} {...props} />;
}

function LoadedEditor({ caId, poolId, pool, aside }: EditorProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const replace = useReplaceCertificatePool(caId, poolId);
  const saving = useVersionedSave({
    record: pool,
    versionOf: certificatePoolVersionOf,
    valuesOf: certificatePoolFormValuesOf,
    same: sameCertificatePoolValues,
    readCurrent: async () => {
      const current = await queryClient.fetchQuery(
        certificatePoolQueries.current(caId, poolId),
      );
      queryClient.setQueryData(
        certificatePoolQueries.detail(caId, poolId).queryKey,
        current,
      );
      return current;
    },
    review: (values, current) =>
      values.filter !== current.filter
        ? { before: current.filter, after: values.filter }
        : undefined,
    write: (values, base, current) => {
      const body = certificatePoolBodyOf(values, base.values, current);
      const isUnchanged = CERTIFICATE_POOL_FORM_FIELDS.every(
        (name) => body[name] === certificatePoolFormValuesOf(current)[name],
      );
      return isUnchanged ? Promise.resolve(current) : replace.mutateAsync(body);
    },
    onSaved: (saved) => {
      notify.success(`Saved ${saved.display_name}`);
      void navigate(certificatePaths.pool.getHref(caId, poolId), {
        replace: true,
      });
    },
  });
  const { question } = saving;

  return (
    <>
      <CertificatePoolForm
        key={saving.opened.key}
        defaultValues={certificatePoolFormValuesOf(saving.opened.record)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onSubmit={saving.save}
        isPending={replace.isPending}
        cancelHref={certificatePaths.pool.getHref(caId, poolId)}
        requireChanges
        aside={aside}
        draft={{
          scope: certificatePoolDraftScope(caId, poolId),
          base: saving.base,
          onRestore: saving.restoreBase,
        }}
      />
      {question?.kind === 'review' && (
        <FilterChangeReview
          before={question.before}
          after={question.after}
          onAnswer={(confirmed) => saving.answer(confirmed ? 'mine' : 'cancel')}
        />
      )}
      {question?.kind === 'conflict' && (
        <EditConflictDialog
          what="This certificate pool"
          savedAt={certificatePoolVersionOf(question.theirs)}
          rows={conflictRowsOf({
            fields: CERTIFICATE_POOL_FORM_FIELDS,
            labels: CERTIFICATE_POOL_FIELD_LABELS,
            theirs: certificatePoolFormValuesOf(question.theirs),
            mine: question.mine,
            base: question.base,
          })}
          onAnswer={saving.answer}
        />
      )}
    </>
  );
}
