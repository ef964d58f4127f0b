import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { OfferedDrafts } from '@/components/form/draft-notice.tsx';
import {
  FORM_CARD_CLASSES,
  submitFromMultiline,
} from '@/components/form/form-frame.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { LeaveDialog } from '@/components/form/leave-dialog.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import { OwnerField } from '@/components/form/owner-field.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { ApiError } from '@/lib/errors.ts';
import { filterCheckError } from '@/lib/filter-check-error.ts';
import { ownerRefusalOf } from '@/lib/owner-refusal.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import { certificatePoolDrafts } from '../drafts.ts';
import {
  CERTIFICATE_POOL_FORM_FIELDS,
  certificatePoolFormSchema,
  sameCertificatePoolValues,
  type CertificatePoolFormValues,
} from '../schemas.ts';
import { CertificateFilterField } from './certificate-filter-field.tsx';
import { ExternalIdentifierField } from './external-identifier-field.tsx';

/**
 * What the form's `aside` is given: the filter and external identifier as
 * typed, and the sample certificate it shares with the filter editor.
 */
export type CertificatePoolAsideValues = {
  filter: string;
  externalIdentifier: string;
  pem: string;
  onPemChange: (pem: string) => void;
};

/**
 * The sample certificate's subject, for the editor's completions and lint.
 * The decoder is loaded on demand; the certificate stays in the browser.
 */
function useSampleSubject(pem: string) {
  const [subject, setSubject] = useState<Record<string, string>>();
  const isBlank = !pem.trim();
  if (isBlank && subject !== undefined) setSubject(undefined);
  useEffect(() => {
    if (isBlank) return;
    let isCurrent = true;
    void import('#filter/certificate.ts').then(({ decodeCertificate }) => {
      const decoded = decodeCertificate(pem);
      if (isCurrent) setSubject(decoded.ok ? decoded.subject : undefined);
    });
    return () => {
      isCurrent = false;
    };
  }, [isBlank, pem]);
  return subject;
}

// The create form's owner choice is part of its drafts too; an edit form
// has no owner.
const OPTIONAL_FIELDS = ['assigned_resource_owner'] as const;

/**
 * Create and edit a certificate pool. `onSubmit` rejects with the API's
 * error, shown next to the field it names, or else at the top; what was
 * typed stays, on screen and as a draft in the tab's storage until a save
 * succeeds. `aside` renders beside the form with the filter and external
 * identifier as typed (the certificate tester).
 */
export function CertificatePoolForm({
  defaultValues,
  onSubmit,
  draft,
  hasOwner = false,
  aside,
  ...formProps
}: ResourceFormProps<CertificatePoolFormValues> & {
  /** Where drafts of this form are kept, and the version they build on. */
  draft: FormDraftTarget<CertificatePoolFormValues>;
  /** A new pool: offer the Owner picker. */
  hasOwner?: boolean;
  aside?: (typed: CertificatePoolAsideValues) => ReactNode;
}) {
  const form = useForm<CertificatePoolFormValues>({
    resolver: zodResolver(certificatePoolFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const { control, setError, setFocus } = form;
  const session = useFormSession(form, {
    ...draft,
    store: certificatePoolDrafts,
    fields: CERTIFICATE_POOL_FORM_FIELDS,
    optionalFields: OPTIONAL_FIELDS,
    same: sameCertificatePoolValues,
  });
  const now = useMinuteClock();
  // The sample certificate is shared by the tester and the editor; it never
  // leaves this component's state.
  const [pem, setPem] = useState('');
  const sampleSubject = useSampleSubject(pem);
  const [filter, externalIdentifier] = useWatch({
    control,
    name: ['filter', 'external_identifier'],
  });

  async function save(values: CertificatePoolFormValues) {
    // A filter the browser's checker refuses would only be refused by
    // Confluent: say so at the field and send nothing.
    const filterError = await filterCheckError(
      values.filter,
      'certificate-pool',
    );
    if (filterError !== undefined) {
      setError('filter', { type: 'check', message: filterError });
      return;
    }
    try {
      await session.submit(values, onSubmit);
    } catch (caught) {
      const ownerRefusal = hasOwner ? ownerRefusalOf(caught) : undefined;
      if (ownerRefusal !== undefined) {
        setError(
          'assigned_resource_owner',
          { type: 'server', message: ownerRefusal },
          { shouldFocus: true },
        );
        const others = caught instanceof ApiError ? caught.fieldErrors : {};
        if (Object.keys(others).length === 0) return;
      }
      throw caught;
    }
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,42rem)_minmax(0,1fr)]">
      <div className="grid max-w-2xl grid-cols-1 gap-4">
        <OfferedDrafts
          session={session}
          what="The certificate pool"
          now={now}
          onAnswered={() => setFocus('display_name')}
        />
        <ResourceForm
          form={form}
          fields={CERTIFICATE_POOL_FORM_FIELDS}
          onSubmit={save}
          className={FORM_CARD_CLASSES}
          onKeyDown={submitFromMultiline}
          {...formProps}
        >
          <NameFields />
          <ExternalIdentifierField control={control} />
          <CertificateFilterField
            control={control}
            sampleSubject={sampleSubject}
          />
          {hasOwner && <OwnerField control={control} />}
        </ResourceForm>
      </div>
      {aside && (
        <div className="grid grid-cols-1 gap-6">
          {aside({ filter, externalIdentifier, pem, onPemChange: setPem })}
        </div>
      )}
      <LeaveDialog
        leaving={session.leaving}
        what="This certificate pool"
        onDiscard={() => session.drafts.finish()}
      />
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function CertificatePoolFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CARD_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-10', 'h-24']}
    />
  );
}
