import { useId, useMemo } from 'react';
import { claimPaths, REGISTERED_CLAIMS } from '#filter/templates.ts';
import { Controller, type Control } from 'react-hook-form';
import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';
import { FormField } from '@/components/form/form-field.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import { OwnerField } from '@/components/form/owner-field.tsx';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldControlProps,
} from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import type { FilterTemplate } from '#filter/templates.ts';
import { FilterHelp } from '@/components/filter-editor/filter-help.tsx';
import { FilterModeSwitch } from '@/components/filter-editor/filter-mode.tsx';
import { FilterTemplates } from '@/components/filter-editor/filter-templates.tsx';
import { LazyFilterEditor } from '@/components/filter-editor/lazy-filter-editor.tsx';
import { cn } from '@/lib/cn.ts';
import { DuplicateNameNotice } from './duplicate-name-notice.tsx';
import type { PoolFormValues } from '../schemas.ts';

const FILTER_EXAMPLE = 'claims.aud == "kafka" && claims.sub.startsWith("svc-")';

/**
 * The four writable fields of a pool, shared by create and edit, and on
 * create its owner. Values go to
 * the API exactly as typed: a filter is an expression, so even whitespace is
 * the user's to decide.
 */
export function PoolFields({
  control,
  sampleClaims,
  sharedIssuer = false,
  onApplyTemplate,
  initialTemplateId,
  nameCheck,
  hasOwner = false,
}: {
  control: Control<PoolFormValues>;
  /** Claims of the token in the tester, for suggestions and lint. */
  sampleClaims?: Record<string, unknown>;
  sharedIssuer?: boolean;
  onApplyTemplate: (template: FilterTemplate) => void;
  /** The template the form was filled from, shown as chosen. */
  initialTemplateId?: string;
  /** Warn when another pool of this provider has the display name typed. */
  nameCheck?: { providerId: string; poolId?: string };
  /** Offer the Owner picker: creating only, as the API takes an owner only then. */
  hasOwner?: boolean;
}) {
  const claimListId = useId();
  const claimSuggestions = useMemo(
    () => [...new Set([...claimPaths(sampleClaims), ...REGISTERED_CLAIMS])],
    [sampleClaims],
  );
  const filterId = `${useId()}-filter`;
  const filterCountId = `${filterId}-count`;

  return (
    <>
      <NameFields
        nameNotice={
          nameCheck &&
          ((name, id) => (
            <DuplicateNameNotice
              id={id}
              providerId={nameCheck.providerId}
              poolId={nameCheck.poolId}
              name={name}
            />
          ))
        }
      />
      <FormField
        control={control}
        name="identity_claim"
        label="Identity claim"
        hint={
          <>
            The token claim that names the caller in audit logs, such as{' '}
            <code>claims.sub</code> or <code>claims.email</code>. Paste a token
            in the tester to preview the identity it gives.
          </>
        }
      >
        {(props) => (
          <>
            <Input
              {...props}
              list={claimListId}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
            <datalist id={claimListId}>
              {claimSuggestions.map((name) => (
                <option key={name} value={`claims.${name}`} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <Controller
        control={control}
        name="filter"
        render={({ field, fieldState }) => {
          // Past the default limit is a warning, not an error: an
          // organisation's limit can be higher, and the server decides.
          const isOver = field.value.length > DEFAULT_FILTER_MAX_LENGTH;
          return (
            <Field controlId={filterId}>
              <div className="flex items-baseline justify-between gap-3">
                <FieldLabel>Filter</FieldLabel>
                <span
                  id={filterCountId}
                  className={cn(
                    'text-xs tabular-nums',
                    isOver ? 'font-semibold text-amber-800' : 'text-slate-600',
                  )}
                >
                  {field.value.length} / {DEFAULT_FILTER_MAX_LENGTH} characters
                </span>
              </div>
              <FilterTemplates
                currentFilter={field.value}
                onApply={onApplyTemplate}
                initialTemplateId={initialTemplateId}
              />
              <FilterModeSwitch
                value={field.value}
                onChange={field.onChange}
                claimSuggestions={claimSuggestions}
                renderTextEditor={() => (
                  <LazyFilterEditor
                    id={filterId}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    invalid={fieldState.invalid}
                    sampleClaims={sampleClaims}
                    sharedIssuer={sharedIssuer}
                    ariaDescribedBy={
                      fieldControlProps(filterId, {
                        invalid: fieldState.invalid,
                        hasHint: true,
                        describedBy: [filterCountId],
                      })['aria-describedby']
                    }
                  />
                )}
              />
              <FieldDescription>
                A CEL expression over the token’s claims; only tokens for which
                it is true may use this pool. For example{' '}
                <code className="font-mono text-xs">{FILTER_EXAMPLE}</code>, or{' '}
                <code className="font-mono text-xs">true</code> for every token
                of this provider.
              </FieldDescription>
              <FieldError>{fieldState.error?.message}</FieldError>
              <FilterHelp />
            </Field>
          );
        }}
      />
      {hasOwner && <OwnerField control={control} />}
    </>
  );
}
