import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import { useLeaveGuard } from '@/lib/navigation-guard.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import { authorityDrafts } from '../drafts.ts';
import { DraftNotice } from '../editing/draft-notice.tsx';
import { LeaveDialog } from '../editing/leave-dialog.tsx';
import { useFormDraft, type DraftBase } from '../editing/use-form-draft.ts';
import { SaveCancelled } from '../editing/use-versioned-save.ts';
import {
  AUTHORITY_ERROR_FIELDS,
  AUTHORITY_VALUE_FIELDS,
  authorityFormSchema,
  sameAuthorityValues,
  type AuthorityFormContext,
  type AuthorityFormValues,
} from './authority-schema.ts';
import { ChainFields } from './chain-fields.tsx';
import { CrlFields } from './crl-fields.tsx';

const FORM_CLASSES =
  'grid max-w-3xl grid-cols-1 gap-5 rounded-lg border border-slate-200 bg-white p-6';

/**
 * Register or edit a certificate authority. `onSubmit` rejects with the
 * API's error, shown next to the field it names (the chain, the CRL, the
 * flag), or else at the top; what was typed stays, on screen and as a
 * draft in the tab's storage until a save succeeds.
 */
export function AuthorityForm({
  defaultValues,
  onSubmit,
  context,
  draft,
  ...formProps
}: ResourceFormProps<AuthorityFormValues> & {
  context: AuthorityFormContext;
  draft: {
    scope: string;
    base: DraftBase<AuthorityFormValues>;
    onRestore?: (base: DraftBase<AuthorityFormValues>) => void;
  };
}) {
  const schema = useMemo(() => authorityFormSchema(context), [context]);
  const form = useForm<AuthorityFormValues>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: 'onTouched',
  });
  const {
    control,
    setFocus,
    formState: { isDirty },
  } = form;
  const drafts = useFormDraft(form, {
    store: authorityDrafts,
    scope: draft.scope,
    base: draft.base,
    fields: AUTHORITY_VALUE_FIELDS,
    same: sameAuthorityValues,
    onRestore: draft.onRestore,
  });
  const now = useMinuteClock();
  const [openedVersion] = useState(() => draft.base?.updatedAt);
  const isSavingRef = useRef(false);
  const mode = useWatch({ control, name: 'crl_mode' });
  // A refusal about a CRL field the form does not show now (a kept upload
  // the new chain did not issue) is said at the top instead.
  const errorFields = AUTHORITY_ERROR_FIELDS.filter(
    (name) =>
      (name !== 'crl_url' || mode === 'url') &&
      (name !== 'crl_chain' || mode === 'upload'),
  );

  const leaving = useLeaveGuard(
    (current, next) =>
      isDirty && !isSavingRef.current && current.pathname !== next.pathname,
  );

  useEffect(() => {
    if (!isDirty) return;
    function warn(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  async function save(values: AuthorityFormValues) {
    isSavingRef.current = true;
    drafts.keepNow();
    try {
      await onSubmit(values);
      drafts.finish();
    } catch (caught) {
      isSavingRef.current = false;
      if (caught instanceof SaveCancelled) return;
      throw caught;
    }
  }

  return (
    <div className="grid max-w-3xl grid-cols-1 gap-4">
      {drafts.offered.map((offered) => (
        <DraftNotice
          key={offered.id}
          savedAt={offered.savedAt}
          now={now}
          what="The certificate authority"
          isOutdated={offered.data.base?.updatedAt !== openedVersion}
          onRestore={() => {
            drafts.restore(offered);
            setFocus('display_name');
          }}
          onDiscard={() => {
            drafts.discard(offered);
            setFocus('display_name');
          }}
        />
      ))}
      <ResourceForm
        form={form}
        fields={errorFields}
        onSubmit={save}
        className={FORM_CLASSES}
        {...formProps}
      >
        <NameFields />
        <ChainFields isEdit={context.isEdit} />
        <CrlFields context={context} />
      </ResourceForm>
      <LeaveDialog
        leaving={leaving}
        what="This certificate authority"
        onDiscard={() => drafts.finish()}
      />
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function AuthorityFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-48', 'h-32']}
    />
  );
}
