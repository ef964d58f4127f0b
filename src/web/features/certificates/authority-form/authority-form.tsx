import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { OfferedDrafts } from '@/components/form/draft-notice.tsx';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { LeaveDialog } from '@/components/form/leave-dialog.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import { authorityDrafts } from '../drafts.ts';
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
  /** Where drafts of this form are kept, and the version they build on. */
  draft: FormDraftTarget<AuthorityFormValues>;
}) {
  const schema = useMemo(() => authorityFormSchema(context), [context]);
  const form = useForm<AuthorityFormValues>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: 'onTouched',
  });
  const { control, setFocus } = form;
  const session = useFormSession(form, {
    ...draft,
    store: authorityDrafts,
    fields: AUTHORITY_VALUE_FIELDS,
    same: sameAuthorityValues,
  });
  const now = useMinuteClock();
  const mode = useWatch({ control, name: 'crl_mode' });
  // A refusal about a CRL field the form does not show now (a kept upload
  // the new chain did not issue) is said at the top instead.
  const errorFields = AUTHORITY_ERROR_FIELDS.filter(
    (name) =>
      (name !== 'crl_url' || mode === 'url') &&
      (name !== 'crl_chain' || mode === 'upload'),
  );

  return (
    <div className="grid max-w-3xl grid-cols-1 gap-4">
      <OfferedDrafts
        session={session}
        what="The certificate authority"
        now={now}
        onAnswered={() => setFocus('display_name')}
      />
      <ResourceForm
        form={form}
        fields={errorFields}
        onSubmit={(values) => session.submit(values, onSubmit)}
        className={FORM_CLASSES}
        {...formProps}
      >
        <NameFields />
        <ChainFields isEdit={context.isEdit} />
        <CrlFields context={context} />
      </ResourceForm>
      <LeaveDialog
        leaving={session.leaving}
        what="This certificate authority"
        onDiscard={() => session.drafts.finish()}
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
