import { useId } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { DIALECTS } from '#filter/dialect.ts';
import { FilterHelp } from '@/components/filter-editor/filter-help.tsx';
import { FilterModeSwitch } from '@/components/filter-editor/filter-mode.tsx';
import { FilterTemplates } from '@/components/filter-editor/filter-templates.tsx';
import { LazyFilterEditor } from '@/components/filter-editor/lazy-filter-editor.tsx';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldControlProps,
} from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import { filterBreadth } from '../pools/filter-breadth.tsx';
import type { CertificatePoolFormValues } from '../schemas.ts';

const DIALECT = 'certificate-pool';
const MAX_LENGTH = DIALECTS[DIALECT].maxLength;
const EXAMPLE = "O == 'Acme' && CN.startsWith('orders-')";

/** Says what a filter at one of the two extremes lets in, as it is typed. */
export function FilterBreadthNotice({
  id,
  filter,
}: {
  id: string;
  filter: string;
}) {
  const breadth = filterBreadth(filter);
  return (
    <p
      id={id}
      role="status"
      className={cn(
        'text-sm empty:hidden',
        breadth === 'all' ? 'font-medium text-amber-900' : 'text-slate-700',
      )}
    >
      {breadth === 'none' &&
        'An empty filter matches no certificate: nobody can use this pool until you write one.'}
      {breadth === 'all' &&
        'true matches every certificate this certificate authority issued: any client holding one acts as this pool.'}
    </p>
  );
}

/**
 * A certificate pool's filter in the shared filter editor (text or
 * builder, templates, help) in the certificate-pool dialect: CEL over the
 * client certificate's subject attributes, with its length, and a notice
 * when it lets in nothing or everything.
 */
export function CertificateFilterField({
  control,
  sampleSubject,
}: {
  control: Control<CertificatePoolFormValues>;
  /** A sample certificate's subject attributes, for completions and lint. */
  sampleSubject?: Record<string, string>;
}) {
  const filterId = `${useId()}-filter`;
  const countId = `${filterId}-count`;
  const breadthId = `${filterId}-breadth`;
  return (
    <Controller
      control={control}
      name="filter"
      render={({ field, fieldState }) => {
        // Past the default limit is a warning: an organisation's limit can
        // be higher, and the server decides.
        const isOver = field.value.length > MAX_LENGTH;
        return (
          <Field controlId={filterId}>
            <div className="flex items-baseline justify-between gap-3">
              <FieldLabel>Filter</FieldLabel>
              <span
                id={countId}
                className={cn(
                  'text-xs tabular-nums',
                  isOver ? 'font-semibold text-amber-800' : 'text-slate-600',
                )}
              >
                {field.value.length} / {MAX_LENGTH} characters
              </span>
            </div>
            <FilterTemplates
              dialect={DIALECT}
              currentFilter={field.value}
              onApply={(template) => field.onChange(template.filter)}
            />
            <FilterModeSwitch
              dialect={DIALECT}
              value={field.value}
              onChange={field.onChange}
              renderTextEditor={() => (
                <LazyFilterEditor
                  id={filterId}
                  dialect={DIALECT}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  invalid={fieldState.invalid}
                  sampleClaims={sampleSubject}
                  ariaDescribedBy={
                    fieldControlProps(filterId, {
                      invalid: fieldState.invalid,
                      hasHint: true,
                      describedBy: [countId, breadthId],
                    })['aria-describedby']
                  }
                />
              )}
            />
            <FilterBreadthNotice id={breadthId} filter={field.value} />
            <FieldDescription>
              A CEL expression over the client certificate’s subject attributes
              (<code>CN</code>, <code>O</code>, <code>OU</code>, <code>C</code>,{' '}
              <code>L</code>, <code>ST</code>, <code>DC</code>, <code>UID</code>
              …, case-sensitive); only certificates of this authority for which
              it is true may use the pool. For example{' '}
              <code className="font-mono text-xs">{EXAMPLE}</code>, or{' '}
              <code className="font-mono text-xs">true</code> for every
              certificate of this authority.
            </FieldDescription>
            <FieldError>{fieldState.error?.message}</FieldError>
            <FilterHelp dialect={DIALECT} />
          </Field>
        );
      }}
    />
  );
}
