import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FORM_CARD_CLASSES } from '@/components/form/form-frame.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { FormWithTester } from '@/components/form/form-with-tester.tsx';
import type { ResourceFormProps } from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { useLazySample } from '@/hooks/use-lazy-sample.ts';
import { isSharedIssuer } from '#contract/bodies.ts';
import { LazyFilterAccessRisk } from './lazy-filter-access-risk.tsx';
import { filterCheckError } from '@/lib/filter-check-error.ts';
import { withOwnerRefusalOnField } from '@/lib/owner-refusal.ts';
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

// The token decoder, loaded on demand with the filter engine's chunk.
async function loadTokenDecoder() {
  const { decodeToken } = await import('#filter/token.ts');
  return (input: string) => {
    const decoded = decodeToken(input);
    return decoded.ok ? decoded.claims : undefined;
  };
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
  const { control, setError, setValue } = form;
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
  const sampleClaims = useLazySample(tokenInput, loadTokenDecoder);
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
    const submit = () => session.submit(values, onSubmit);
    await (hasOwner ? withOwnerRefusalOnField(submit, setError) : submit());
  }

  return (
    <FormWithTester
      form={form}
      fields={POOL_FORM_FIELDS}
      session={session}
      what="pool"
      onSubmit={save}
      formProps={formProps}
      below={
        existing &&
        providerIssuer !== undefined && (
          <LazyFilterAccessRisk
            providerId={existing.providerId}
            poolId={existing.poolId}
            poolName={displayName}
            filter={filter}
            providerIssuer={providerIssuer}
          />
        )
      }
      tester={
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
      }
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
    </FormWithTester>
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
