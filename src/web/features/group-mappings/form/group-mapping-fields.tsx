import { useId } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';
import { FilterHelp } from '@/components/filter-editor/filter-help.tsx';
import { FilterModeSwitch } from '@/components/filter-editor/filter-mode.tsx';
import { FilterTemplates } from '@/components/filter-editor/filter-templates.tsx';
import { LazyFilterEditor } from '@/components/filter-editor/lazy-filter-editor.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldControlProps,
} from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import type { GroupMappingFormValues } from '../schemas.ts';
import { DuplicateNameNotice } from './duplicate-name-notice.tsx';
import { LazyMatchEverythingWarning } from './lazy-match-everything-warning.tsx';

function focusFilter(container: HTMLElement, editorId: string) {
  const target =
    container.querySelector<HTMLElement>(`[id="${editorId}"]`) ??
    container.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
}

const FILTER_EXAMPLE = '"engineering" in groups && "kafka-admins" in groups';

/**
 * The three writable fields of a group mapping, shared by create and edit.
 * Values go to the API exactly as typed: a filter is an expression, so even
 * whitespace is the user's to decide.
 */
export function GroupMappingFields({
  control,
  mappingId,
  onApplyTemplate,
}: {
  control: Control<GroupMappingFormValues>;
  /** The mapping being edited, which may keep its own name. */
  mappingId?: string;
  onApplyTemplate: (filter: string) => void;
}) {
  const filterId = `${useId()}-filter`;
  const countId = `${filterId}-count`;
  const warningId = `${filterId}-everyone`;

  return (
    <>
      <NameFields
        nameNotice={(name, id) => (
          <DuplicateNameNotice id={id} mappingId={mappingId} name={name} />
        )}
      />
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
                  id={countId}
                  className={cn(
                    'text-xs tabular-nums',
                    isOver ? 'font-semibold text-amber-800' : 'text-slate-600',
                  )}
                >
                  {field.value.length} / {DEFAULT_FILTER_MAX_LENGTH} characters
                </span>
              </div>
              <FilterTemplates
                dialect="group-mapping"
                currentFilter={field.value}
                onApply={(template) => onApplyTemplate(template.filter)}
              />
              {/* Where react-hook-form moves focus to the filter's error:
                  the editor (or, in builder mode, its first control). */}
              <div
                className="contents"
                ref={(element) =>
                  field.ref(
                    element && { focus: () => focusFilter(element, filterId) },
                  )
                }
              >
                <FilterModeSwitch
                  dialect="group-mapping"
                  value={field.value}
                  onChange={field.onChange}
                  renderTextEditor={() => (
                    <LazyFilterEditor
                      dialect="group-mapping"
                      id={filterId}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      invalid={fieldState.invalid}
                      ariaDescribedBy={
                        fieldControlProps(filterId, {
                          invalid: fieldState.invalid,
                          hasHint: true,
                          describedBy: [countId, warningId],
                        })['aria-describedby']
                      }
                    />
                  )}
                />
              </div>
              <FieldDescription>
                A CEL expression over <code className="font-mono">groups</code>,
                the list of SAML groups of a user who signs in through SSO;
                users for whom it is true act as this mapping’s principal. For
                example{' '}
                <code className="font-mono text-xs">{FILTER_EXAMPLE}</code>.
                Group names are compared exactly, case and spaces included.
              </FieldDescription>
              <FieldError>{fieldState.error?.message}</FieldError>
              <LazyMatchEverythingWarning id={warningId} filter={field.value} />
              <FilterHelp dialect="group-mapping" />
            </Field>
          );
        }}
      />
    </>
  );
}
