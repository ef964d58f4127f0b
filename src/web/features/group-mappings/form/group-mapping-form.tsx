import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { FORM_CARD_CLASSES } from '@/components/form/form-frame.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import { FormWithTester } from '@/components/form/form-with-tester.tsx';
import type { ResourceFormProps } from '@/components/form/resource-form.tsx';
import type { FormDraftTarget } from '@/hooks/use-form-draft.ts';
import { useFormSession } from '@/hooks/use-form-session.ts';
import { filterCheckError } from '@/lib/filter-check-error.ts';
import { groupMappingDrafts } from '../drafts.ts';
import {
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormSchema,
  sameGroupMappingValues,
  type GroupMappingFormValues,
} from '../schemas.ts';
import { LazyGroupTester } from '../tester/lazy-group-tester.tsx';
import { GroupMappingFields } from './group-mapping-fields.tsx';

/**
 * Create and edit a group mapping. `onSubmit` rejects with the API's error,
 * which is shown next to the field it names, or else at the top; what was
 * typed stays, on screen and as a draft in the tab's storage until a save
 * succeeds. Beside it, the group tester runs the filter being typed.
 */
export function GroupMappingForm({
  defaultValues,
  onSubmit,
  mappingId,
  draft,
  ...formProps
}: ResourceFormProps<GroupMappingFormValues> & {
  /** The mapping being edited; none when creating. */
  mappingId?: string;
  /** Where drafts of this form are kept, and the version they build on. */
  draft: FormDraftTarget<GroupMappingFormValues>;
}) {
  const form = useForm<GroupMappingFormValues>({
    resolver: zodResolver(groupMappingFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const { control, setError, setValue } = form;
  const session = useFormSession(form, {
    ...draft,
    store: groupMappingDrafts,
    fields: GROUP_MAPPING_FORM_FIELDS,
    same: sameGroupMappingValues,
  });
  const filter = useWatch({ control, name: 'filter' });

  async function save(values: GroupMappingFormValues) {
    // A filter the browser's own checker refuses would only be refused by
    // Confluent: say so at the field and send nothing. Length is the
    // server's call (an organisation's limit can be raised).
    const filterError = await filterCheckError(values.filter, 'group-mapping');
    if (filterError !== undefined) {
      setError(
        'filter',
        { type: 'check', message: filterError },
        { shouldFocus: true },
      );
      return;
    }
    await session.submit(values, onSubmit);
  }

  return (
    <FormWithTester
      form={form}
      fields={GROUP_MAPPING_FORM_FIELDS}
      session={session}
      what="group mapping"
      onSubmit={save}
      formProps={formProps}
      tester={<LazyGroupTester filter={filter} />}
    >
      <GroupMappingFields
        control={control}
        mappingId={mappingId}
        onApplyTemplate={(template) =>
          setValue('filter', template, {
            shouldDirty: true,
            shouldValidate: true,
          })
        }
      />
    </FormWithTester>
  );
}

/** The form's outline while the record loads, at its final size. */
export function GroupMappingFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CARD_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-36']}
    />
  );
}
