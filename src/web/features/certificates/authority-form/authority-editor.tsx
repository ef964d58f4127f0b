import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import {
  EditConflictDialog,
  type ConflictRow,
} from '@/components/form/edit-conflict-dialog.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { useVersionedSave } from '@/hooks/use-versioned-save.ts';
import { notify } from '@/lib/notify.ts';
import {
  authorityVersionOf,
  type CertificateAuthority,
} from '../api/authorities.ts';
import { useReplaceAuthority } from '../api/mutations.ts';
import { authorityQueries } from '../api/queries.ts';
import { authorityDraftScope } from '../drafts.ts';
import { AuthorityForm, AuthorityFormSkeleton } from './authority-form.tsx';
import {
  authorityFormContextOf,
  authorityFormValuesOf,
  authorityReplaceBodyOf,
  sameAuthorityValues,
  type AuthorityFormValues,
} from './authority-schema.ts';

/**
 * The edit form of an authority, once it has loaded: it replaces the
 * authority (PUT with every field, the chain only when a new one is given)
 * over the version it was opened from, and asks before overwriting someone
 * else's change.
 */
export function AuthorityEditor({
  authority,
}: {
  authority: CertificateAuthority | undefined;
}) {
  if (authority === undefined) return <AuthorityFormSkeleton />;
  return <LoadedEditor key={authority.id} authority={authority} />;
}

function crlText(values: AuthorityFormValues): string {
  switch (values.crl_mode) {
    case 'none':
      return 'none';
    case 'url':
      return values.crl_url;
    case 'upload':
      return `a new file${values.crl_filename ? ` (${values.crl_filename})` : ''}`;
    case 'keep':
      return 'the uploaded file';
  }
}

function chainText(authority: CertificateAuthority): string {
  return authority.fingerprints.join('\n');
}

function conflictRows(
  theirs: CertificateAuthority,
  mine: AuthorityFormValues,
  base: AuthorityFormValues,
  baseChain: string,
): ConflictRow[] {
  const theirValues = authorityFormValuesOf(theirs);
  const rows: ConflictRow[] = [];
  const add = (
    label: string,
    their: string,
    my: string,
    isChangedByMe: boolean,
  ) => {
    if (their !== my)
      rows.push({ label, theirs: their, mine: my, isChangedByMe });
  };
  add(
    'Display name',
    theirValues.display_name,
    mine.display_name,
    mine.display_name !== base.display_name,
  );
  add(
    'Description',
    theirValues.description,
    mine.description,
    mine.description !== base.description,
  );
  const hasNewChain = mine.certificate_chain.trim() !== '';
  add(
    'Certificate chain (SHA-1 fingerprints)',
    chainText(theirs),
    hasNewChain
      ? `a new chain (${mine.certificate_chain_filename})`
      : baseChain,
    hasNewChain,
  );
  add(
    'Chain file name',
    theirValues.certificate_chain_filename,
    mine.certificate_chain_filename,
    mine.certificate_chain_filename !== base.certificate_chain_filename,
  );
  add(
    'Revocation list',
    crlText(theirValues),
    crlText(mine),
    crlText(mine) !== crlText(base),
  );
  add(
    'CRL required on client certificates',
    theirValues.require_crl_on_client_certificate ? 'yes' : 'no',
    mine.require_crl_on_client_certificate ? 'yes' : 'no',
    mine.require_crl_on_client_certificate !==
      base.require_crl_on_client_certificate,
  );
  return rows;
}

function LoadedEditor({ authority }: { authority: CertificateAuthority }) {
  const caId = authority.id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const replace = useReplaceAuthority(caId);
  const saving = useVersionedSave({
    record: authority,
    versionOf: authorityVersionOf,
    valuesOf: authorityFormValuesOf,
    same: sameAuthorityValues,
    readCurrent: async () => {
      const current = await queryClient.fetchQuery(
        authorityQueries.current(caId),
      );
      queryClient.setQueryData(authorityQueries.detail(caId).queryKey, current);
      return current;
    },
    write: (values, base, current) =>
      replace.mutateAsync(authorityReplaceBodyOf(values, base.values, current)),
    onSaved: (saved) => {
      notify.success(`Saved ${saved.display_name}`);
      void navigate(certificatePaths.authority.getHref(caId), {
        replace: true,
      });
    },
  });
  const { question } = saving;
  const opened = saving.opened.record;
  // The form's rules know the authority it opened on (its CRL, above all).
  const context = useMemo(() => authorityFormContextOf(opened), [opened]);

  return (
    <>
      <AuthorityForm
        key={saving.opened.key}
        defaultValues={authorityFormValuesOf(opened)}
        context={context}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onSubmit={saving.save}
        isPending={replace.isPending}
        cancelHref={certificatePaths.authority.getHref(caId)}
        requireChanges
        draft={{
          scope: authorityDraftScope(caId),
          base: saving.base,
          onRestore: saving.restoreBase,
        }}
      />
      {question?.kind === 'conflict' && (
        <EditConflictDialog
          what="This certificate authority"
          savedAt={authorityVersionOf(question.theirs)}
          rows={conflictRows(
            question.theirs,
            question.mine,
            question.base,
            chainText(opened),
          )}
          onAnswer={saving.answer}
        />
      )}
    </>
  );
}
