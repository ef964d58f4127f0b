import type { ReactNode } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import type { FormSession } from '@/hooks/use-form-session.ts';
import { OfferedDrafts } from './draft-notice.tsx';
import { FORM_CARD_CLASSES, submitFromMultiline } from './form-frame.ts';
import { LeaveDialog } from './leave-dialog.tsx';
import { ResourceForm, type ResourceFormProps } from './resource-form.tsx';

/**
 * The layout of a form whose filter is tried as it is typed (identity
 * pools, group mappings, certificate pools): the drafts on offer, the form
 * and what goes under it on the left, the tester beside it on wide screens
 * (below on narrow ones), and the question before leaving unsaved changes.
 * Each such form starts with `display_name`, where focus goes once a draft
 * on offer is restored or dismissed.
 */
export function FormWithTester<TValues extends FieldValues>({
  form,
  fields,
  session,
  what,
  now,
  onSubmit,
  formProps,
  below,
  tester,
  children,
}: {
  form: UseFormReturn<TValues>;
  fields: readonly FieldPath<TValues>[];
  session: FormSession<TValues>;
  /** The record, for the sentences: "pool" gives "The pool …", "This pool …". */
  what: string;
  /** The clock the draft notice tells time by, where the form keeps one. */
  now?: number;
  onSubmit: (values: TValues) => Promise<void>;
  /** What the screen gave the form, less what the form itself handles. */
  formProps: Omit<ResourceFormProps<TValues>, 'defaultValues' | 'onSubmit'>;
  /** Under the form, in its column. */
  below?: ReactNode;
  /** Beside the form: the tester and its companions. */
  tester: ReactNode;
  /** The form's fields. */
  children: ReactNode;
}) {
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,42rem)_minmax(0,1fr)]">
      <div className="grid max-w-2xl grid-cols-1 gap-4">
        <OfferedDrafts
          session={session}
          what={`The ${what}`}
          now={now}
          onAnswered={() => form.setFocus('display_name' as FieldPath<TValues>)}
        />
        <ResourceForm
          form={form}
          fields={fields}
          onSubmit={onSubmit}
          className={FORM_CARD_CLASSES}
          onKeyDown={submitFromMultiline}
          {...formProps}
        >
          {children}
        </ResourceForm>
        {below}
      </div>
      {tester}
      <LeaveDialog
        leaving={session.leaving}
        what={`This ${what}`}
        onDiscard={() => session.drafts.finish()}
      />
    </div>
  );
}
