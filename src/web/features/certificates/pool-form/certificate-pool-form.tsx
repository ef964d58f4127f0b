import { zodResolver } from '@hookform/resolvers/zod';
import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import { ApiError } from '@/lib/errors.ts';
import { useLeaveGuard } from '@/lib/navigation-guard.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import { certificatePoolDrafts } from '../drafts.ts';
import { DraftNotice } from '../editing/draft-notice.tsx';
import { LeaveDialog } from '../editing/leave-dialog.tsx';
import { useFormDraft, type DraftBase } from '../editing/use-form-draft.ts';
import { SaveCancelled } from '../editing/use-versioned-save.ts';
import {
  CERTIFICATE_POOL_FORM_FIELDS,
  certificatePoolFormSchema,
  sameCertificatePoolValues,
  type CertificatePoolFormValues,
} from '../schemas.ts';
import { CertificateFilterField } from './certificate-filter-field.tsx';
import { ExternalIdentifierField } from './external-identifier-field.tsx';
import { OwnerField, ownerRefusalOf } from './owner-field.tsx';

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

/** The checker's first error in a filter, if any; loaded on demand. */
async function filterCheckError(filter: string): Promise<string | undefined> {
  const checker = await import('#filter/check.ts').catch(() => undefined);
  // The checker could not load (offline?): the server still checks.
  if (checker === undefined) return undefined;
  const check = checker.checkFilter(filter, 'certificate-pool');
  if (check.valid) return undefined;
  const message = check.errors[0]?.message.replace(/`/g, '');
  return `This filter cannot be saved: ${message ?? 'it is not valid'}`;
}

// One shrinkable column (WCAG 1.4.10 at 360 px), as the pool form has it.
const FORM_CLASSES =
  'grid max-w-2xl grid-cols-1 gap-5 rounded-lg border border-slate-200 bg-white p-6';

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
  draft: {
    scope: string;
    base: DraftBase<CertificatePoolFormValues>;
    onRestore?: (base: DraftBase<CertificatePoolFormValues>) => void;
  };
  /** A new pool: offer the Owner picker. */
  hasOwner?: boolean;
  aside?: (typed: CertificatePoolAsideValues) => ReactNode;
}) {
  const form = useForm<CertificatePoolFormValues>({
    resolver: zodResolver(certificatePoolFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const {
    control,
    setError,
    setFocus,
    formState: { isDirty },
  } = form;
  const drafts = useFormDraft(form, {
    store: certificatePoolDrafts,
    scope: draft.scope,
    base: draft.base,
    fields: [...CERTIFICATE_POOL_FORM_FIELDS, 'assigned_resource_owner'],
    same: sameCertificatePoolValues,
    onRestore: draft.onRestore,
  });
  const now = useMinuteClock();
  const [openedVersion] = useState(() => draft.base?.updatedAt);
  const isSavingRef = useRef(false);
  // The sample certificate is shared by the tester and the editor; it never
  // leaves this component's state.
  const [pem, setPem] = useState('');
  const sampleSubject = useSampleSubject(pem);
  const [filter, externalIdentifier] = useWatch({
    control,
    name: ['filter', 'external_identifier'],
  });

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

  async function save(values: CertificatePoolFormValues) {
    // A filter the browser's checker refuses would only be refused by
    // Confluent: say so at the field and send nothing.
    const filterError = await filterCheckError(values.filter);
    if (filterError !== undefined) {
      setError('filter', { type: 'check', message: filterError });
      return;
    }
    isSavingRef.current = true;
    // Kept before anything is sent: whatever becomes of the save, what was
    // typed survives it.
    drafts.keepNow();
    try {
      await onSubmit(values);
      drafts.finish();
    } catch (caught) {
      isSavingRef.current = false;
      if (caught instanceof SaveCancelled) return;
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

  // Enter in the multi-line filter is a line break; Ctrl/Cmd+Enter submits.
  function submitFromTextarea(event: KeyboardEvent<HTMLFormElement>) {
    if (
      event.key === 'Enter' &&
      (event.ctrlKey || event.metaKey) &&
      (event.target instanceof HTMLTextAreaElement ||
        (event.target instanceof HTMLElement && event.target.isContentEditable))
    ) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,42rem)_minmax(0,1fr)]">
      <div className="grid max-w-2xl grid-cols-1 gap-4">
        {drafts.offered.map((offered) => (
          <DraftNotice
            key={offered.id}
            savedAt={offered.savedAt}
            now={now}
            what="The certificate pool"
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
          fields={CERTIFICATE_POOL_FORM_FIELDS}
          onSubmit={save}
          className={FORM_CLASSES}
          onKeyDown={submitFromTextarea}
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
        leaving={leaving}
        what="This certificate pool"
        onDiscard={() => drafts.finish()}
      />
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function CertificatePoolFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-10', 'h-24']}
    />
  );
}
