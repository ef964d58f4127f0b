import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { OfferedDrafts } from '@/components/form/draft-notice.tsx';
import {
  FORM_CARD_CLASSES,
  submitFromMultiline,
} from '@/components/form/form-frame.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { LeaveDialog } from '@/components/form/leave-dialog.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { isSharedIssuer } from '#contract/bodies.ts';
import { LazyFilterAccessRisk } from './lazy-filter-access-risk.tsx';
import { ApiError } from '@/lib/errors.ts';
import { filterCheckError } from '@/lib/filter-check-error.ts';
import { ownerRefusalOf } from '@/lib/owner-refusal.ts';
import { poolDrafts, samePoolValues } from '../drafts.ts';
import {
  POOL_FORM_FIELDS,
  poolFormSchema,
  type PoolFormValues,
} from '../schemas.ts';
import { useCreateTestCase } from '../api/mutations.ts';
import { LazyTestCasesPanel } from '../token-tools/lazy-test-cases-panel.tsx';
import { LazyTokenTester } from '../token-tools/lazy-token-tester.tsx';
import { PoolFields } from './pool-fields.tsx';

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

// The create form's owner choice is part of its drafts too; an edit form
// has no owner.
const OPTIONAL_FIELDS = ['assigned_resource_owner'] as const;

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
  draft: FormDraftTarget<PoolFormValues>;
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
  const { control, setError, setValue, setFocus } = form;
  const session = useFormSession(form, {
    ...draft,
    store: poolDrafts,
    fields: POOL_FORM_FIELDS,
    optionalFields: OPTIONAL_FIELDS,
    same: samePoolValues,
  });
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

  async function save(values: PoolFormValues) {
    // A filter the browser's own checker refuses would only be refused by
    // Confluent: say so at the field and send nothing. Only its errors
    // count; length is the server's call (a tenant's limit can be raised).
    const filterError = await filterCheckError(values.filter);
    if (filterError !== undefined) {
      setError('filter', { type: 'check', message: filterError });
      return;
    }
    try {
      await session.submit(values, onSubmit);
    } catch (caught) {
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

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,42rem)_minmax(0,1fr)]">
      <div className="grid max-w-2xl grid-cols-1 gap-4">
        <OfferedDrafts
          session={session}
          what="The pool"
          onAnswered={() => setFocus('display_name')}
        />
        <ResourceForm
          form={form}
          fields={POOL_FORM_FIELDS}
          onSubmit={save}
          className={FORM_CARD_CLASSES}
          onKeyDown={submitFromMultiline}
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
          poolId={existing?.poolId}
          savedFilter={existing?.savedFilter}
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
      <LeaveDialog
        leaving={session.leaving}
        what="This pool"
        onDiscard={() => session.drafts.finish()}
      />
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function PoolFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CARD_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-16', 'h-36']}
    />
  );
}
