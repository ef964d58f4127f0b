import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button.tsx';
import { Field, FieldError, FieldLabel } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import type { AuditSearch } from '@/config/paths.ts';
import {
  auditFilterFormSchema,
  type AuditFilterFormValues,
} from '../schemas.ts';

const FIELDS: {
  name: keyof AuditFilterFormValues;
  label: string;
  type: 'text' | 'date';
  placeholder?: string;
}[] = [
  {
    name: 'provider_id',
    label: 'Provider id',
    type: 'text',
    placeholder: 'op-…',
  },
  {
    name: 'pool_id',
    label: 'Pool id',
    type: 'text',
    placeholder: 'pool-… or group-…',
  },
  { name: 'since', label: 'From (UTC)', type: 'date' },
  { name: 'until', label: 'To (UTC)', type: 'date' },
];

/**
 * The audit page's filters. Mount it with a `key` of the URL's search, so
 * that going back or forward shows the filters in effect.
 */
export function AuditFilters({
  search,
  onApply,
}: {
  search: AuditSearch;
  onApply: (search: AuditSearch) => void;
}) {
  const base = useId();
  const { control, handleSubmit, reset } = useForm<AuditFilterFormValues>({
    resolver: zodResolver(auditFilterFormSchema),
    defaultValues: {
      provider_id: search.provider_id ?? '',
      pool_id: search.pool_id ?? '',
      since: search.since ?? '',
      until: search.until ?? '',
    },
  });

  const apply = handleSubmit((values) =>
    onApply({
      provider_id: values.provider_id.trim() || undefined,
      pool_id: values.pool_id.trim() || undefined,
      since: values.since || undefined,
      until: values.until || undefined,
    }),
  );

  return (
    <form
      noValidate
      aria-label="Filter the audit log"
      onSubmit={(event) => void apply(event)}
      className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      {FIELDS.map(({ name, label, type, placeholder }) => (
        <Controller
          key={name}
          control={control}
          name={name}
          render={({ field, fieldState }) => {
            const id = `${base}-${name}`;
            return (
              <Field className="w-44">
                <FieldLabel htmlFor={id}>{label}</FieldLabel>
                <Input
                  {...field}
                  id={id}
                  type={type}
                  placeholder={placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  className={type === 'text' ? 'h-9 font-mono' : 'h-9'}
                  aria-invalid={fieldState.invalid}
                  aria-describedby={
                    fieldState.invalid ? `${id}-error` : undefined
                  }
                />
                <FieldError id={`${id}-error`}>
                  {fieldState.error?.message}
                </FieldError>
              </Field>
            );
          }}
        />
      ))}
      <div className="flex gap-2 self-end pb-0.5">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="secondary"
          onClick={() => {
            reset({ provider_id: '', pool_id: '', since: '', until: '' });
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
