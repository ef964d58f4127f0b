import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { isSharedIssuer } from '#contract/bodies.ts';
import { LazyFilterAccessRisk } from './lazy-filter-access-risk.tsx';
import { ApiError } from '@/lib/errors.ts';
import { useLeaveGuard } from '@/lib/navigation-guard.ts';
import {
  POOL_FORM_FIELDS,
  poolFormSchema,
  type PoolFormValues,
} from '../schemas.ts';
import { useCreateTestCase } from '../api/mutations.ts';
import { DraftNotice } from './draft-notice.tsx';
import { ownerRefusalOf } from './owner-refusal.ts';
import { LazyTestCasesPanel } from '../token-tools/lazy-test-cases-panel.tsx';
import { LazyTokenTester } from '../token-tools/lazy-token-tester.tsx';
import { PoolFields } from './pool-fields.tsx';
import { usePoolDraft, type PoolDraftOptions } from './use-pool-draft.ts';

/**
 * The tester's token, decoded for the editor's suggestions and lint. The
 * decoder is loaded on demand, with the filter engine's chunk.
 */
function useSampleClaims(tokenInput: string) {
  const [claims, setClaims] = useState<Record<string, unknown>>();
  const isBlank = !tokenInput.trim();
  // A cleared token clears the claims in this very render; another token's
  // claims replace the last ones once the decoder has them.
  if (isBlank && claims !== undefined) setClaims(undefined);
  useEffect(() => {
    if (isBlank) return;
    let current = true;
    void import('#filter/token.ts').then(({ decodeToken }) => {
      const decoded = decodeToken(tokenInput);
      if (current) setClaims(decoded.ok ? decoded.claims : undefined);
    });
    return () => {
      current = false;
    };
  }, [isBlank, tokenInput]);
  return claims;
}

/** The checker's first error in a filter, if any; loaded with the editor's chunk. */
async function filterCheckError(filter: string): Promise<string | undefined> {
  const checker = await import('#filter/check.ts').catch(() => undefined);
  // The checker could not load (offline?): the server still checks.
  if (checker === undefined) return undefined;
  const check = checker.checkFilter(filter);
  if (check.valid) return undefined;
  // The checker marks code with backticks; this message is plain text.
  const message = check.errors[0]?.message.replace(/`/g, '');
  return `This filter cannot be saved: ${message ?? 'it is not valid'}`;
}

/** Thrown by an onSubmit that the user called off (e.g. in a review dialog). */
export class SaveCancelled extends Error {}

// One shrinkable column: an implicit grid column is as wide as its widest
// content, which at 360 px (WCAG 1.4.10) made the page scroll sideways.
const FORM_CLASSES =
  'grid max-w-2xl grid-cols-1 gap-5 rounded-lg border border-slate-200 bg-white p-6';

/**
 * Create and edit a pool. `onSubmit` rejects with the API's error, which is
 * shown next to the field it names, or else at the top; what was typed stays,
 * on screen and as a draft in the tab's storage until a save succeeds.
 */
export function PoolForm({
  defaultValues,
  onSubmit,
  providerIssuer,
  providerId,
  existing,
  draft,
  initialTemplateId,
  hasOwner = false,
  ...formProps
}: ResourceFormProps<PoolFormValues> & {
  /** For the token tester's issuer check. */
  providerIssuer?: string;
  /** An existing pool: its test cases re-run as the filter is typed. */
  existing?: { providerId: string; poolId: string; savedFilter: string };
  /** The pool's provider: a display name another of its pools has is warned about. */
  providerId?: string;
  /** Where drafts of this form are kept, and the version they build on. */
  draft: PoolDraftOptions;
  /** The filter template defaultValues came from, shown as chosen. */
  initialTemplateId?: string;
  /** A new pool: offer the Owner picker. */
  hasOwner?: boolean;
}) {
  const form = useForm<PoolFormValues>({
    resolver: zodResolver(poolFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const {
    control,
    setError,
    setValue,
    setFocus,
    formState: { isDirty },
  } = form;
  const drafts = usePoolDraft(form, draft);
  // The server's version when the form opened, to tell an offered draft
  // that was made on an older one.
  const [openedVersion] = useState(() => draft.base?.updatedAt);
  // Set while a save is in flight or has succeeded, so the navigation that
  // follows a save is not mistaken for leaving unsaved changes behind.
  const isSavingRef = useRef(false);
  const [filter, identityClaim, displayName] = useWatch({
    control,
    name: ['filter', 'identity_claim', 'display_name'],
  });
  // The sample token is shared by the tester and the editor; it never
  // leaves this component's state.
  const [tokenInput, setTokenInput] = useState('');
  const sampleClaims = useSampleClaims(tokenInput);
  const sharedIssuer =
    providerIssuer !== undefined && isSharedIssuer(providerIssuer);
  const createTestCase = useCreateTestCase(
    existing?.providerId ?? '',
    existing?.poolId ?? '',
  );

  const leaving = useLeaveGuard(
    (current, next) =>
      isDirty && !isSavingRef.current && current.pathname !== next.pathname,
  );

  // Reloading or closing the tab never reaches the leave guard.
  useEffect(() => {
    if (!isDirty) return;
    function warn(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  async function save(values: PoolFormValues) {
    // A filter the browser's own checker refuses would only be refused by
    // Confluent: say so at the field and send nothing. Only its errors
    // count; length is the server's call (a tenant's limit can be raised).
    const filterError = await filterCheckError(values.filter);
    if (filterError !== undefined) {
      setError('filter', { type: 'check', message: filterError });
      return;
    }
    isSavingRef.current = true;
    // Kept before anything is sent: whatever becomes of the save (an error,
    // a crash, a conflict), what was typed survives it.
    drafts.keepNow();
    try {
      await onSubmit(values);
      drafts.finish();
    } catch (caught) {
      isSavingRef.current = false;
      if (caught instanceof SaveCancelled) return;
      // The owner is a query parameter, so its refusal names no body field
      // (`source.parameter`, not `pointer`) and the kit would only put it
      // at the top: it belongs on the Owner field.
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

  // Enter submits from an input by itself; in a multi-line field it is a
  // line break, so Ctrl/Cmd+Enter submits there.
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
            draft={offered}
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
          fields={POOL_FORM_FIELDS}
          onSubmit={save}
          className={FORM_CLASSES}
          onKeyDown={submitFromTextarea}
          {...formProps}
        >
          <PoolFields
            control={control}
            nameCheck={
              providerId === undefined
                ? undefined
                : { providerId, poolId: existing?.poolId }
            }
            sampleClaims={sampleClaims}
            sharedIssuer={sharedIssuer}
            initialTemplateId={initialTemplateId}
            hasOwner={hasOwner}
            onApplyTemplate={(template) => {
              const options = { shouldDirty: true, shouldValidate: true };
              setValue('filter', template.filter, options);
              setValue('identity_claim', template.identityClaim, options);
            }}
          />
        </ResourceForm>
        {existing && providerIssuer !== undefined && (
          <LazyFilterAccessRisk
            providerId={existing.providerId}
            poolId={existing.poolId}
            poolName={displayName}
            filter={filter}
            providerIssuer={providerIssuer}
          />
        )}
      </div>
      <div className="grid grid-cols-1 gap-6">
        <LazyTokenTester
          filter={filter}
          identityClaim={identityClaim}
          providerIssuer={providerIssuer}
          input={tokenInput}
          onInputChange={setTokenInput}
          onSaveTestCase={
            existing
              ? async (testCase) => {
                  await createTestCase.mutateAsync(testCase);
                }
              : undefined
          }
        />
        {existing && (
          <LazyTestCasesPanel
            providerId={existing.providerId}
            poolId={existing.poolId}
            filter={filter}
            savedFilter={existing.savedFilter}
          />
        )}
      </div>
      <AlertDialog
        open={leaving !== null}
        onOpenChange={(open) => {
          if (!open) leaving?.reset();
        }}
      >
        <AlertDialogContent
          title="Discard your changes?"
          description={
            <p>
              This pool has changes that are not saved. Discard them, or leave
              them as a draft in this browser tab: this form offers them back
              when you open it again.
            </p>
          }
        >
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary">Stay</Button>
            </AlertDialogCancel>
            <Button variant="secondary" onClick={() => leaving?.proceed()}>
              Keep as draft
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                if (!leaving) return;
                drafts.finish();
                leaving.proceed();
              }}
            >
              Discard
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function PoolFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-16', 'h-36']}
    />
  );
}
