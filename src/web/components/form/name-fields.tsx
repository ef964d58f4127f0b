import { useId, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { Input, Textarea } from '@/components/ui/input.tsx';
import { FormField } from './form-field.tsx';

/** The two fields most Confluent objects have, named as the API names them. */
export type NameValues = { display_name: string; description: string };

/**
 * Display name and description, for a form inside a ResourceForm whose
 * values have both (react-hook-form's context cannot check that).
 */
export function NameFields({
  nameNotice,
}: {
  /** A note on the name typed (another object has it), read with the field. */
  nameNotice?: (name: string, id: string) => ReactNode;
}) {
  const { control } = useFormContext<NameValues>();
  const noticeId = useId();
  return (
    <>
      <FormField
        control={control}
        name="display_name"
        label="Display name"
        describedBy={[nameNotice && noticeId]}
        after={(value) => nameNotice?.(value, noticeId)}
      >
        {(props) => <Input {...props} autoComplete="off" />}
      </FormField>
      <FormField control={control} name="description" label="Description">
        {(props) => <Textarea {...props} rows={2} look="prose" />}
      </FormField>
    </>
  );
}
