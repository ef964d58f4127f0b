import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FORM_CARD_CLASSES } from '@/components/form/form-frame.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { FormWithTester } from '@/components/form/form-with-tester.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import { OwnerField } from '@/components/form/owner-field.tsx';
import type { ResourceFormProps } from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { useLazySample } from '@/hooks/use-lazy-sample.ts';
import { filterCheckError } from '@/lib/filter-check-error.ts';
import { withOwnerRefusalOnField } from '@/lib/owner-refusal.ts';
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

// The certificate decoder, loaded on demand; the certificate stays in the
// browser.
async function loadCertificateDecoder() {
  const { decodeCertificate } = await import('#filter/certificate.ts');
  return (pem: string) => {
    const decoded = decodeCertificate(pem);
    return decoded.ok ? decoded.subject : undefined;
  };
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
  const { control, setError } = form;
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
  const sampleSubject = useLazySample(pem, loadCertificateDecoder);
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
    const submit = () => session.submit(values, onSubmit);
    await (hasOwner ? withOwnerRefusalOnField(submit, setError) : submit());
  }

  return (
    <FormWithTester
      form={form}
      fields={CERTIFICATE_POOL_FORM_FIELDS}
      session={session}
      what="certificate pool"
      now={now}
      onSubmit={save}
      formProps={formProps}
      tester={
        aside && (
          <div className="grid grid-cols-1 gap-6">
            {aside({ filter, externalIdentifier, pem, onPemChange: setPem })}
          </div>
        )
      }
    >
      <NameFields />
      <ExternalIdentifierField control={control} />
      <CertificateFilterField control={control} sampleSubject={sampleSubject} />
      {hasOwner && <OwnerField control={control} />}
    </FormWithTester>
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
