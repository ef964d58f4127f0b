import { useId } from 'react';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import type { GroupListReading } from './group-list.ts';
import { GroupListReadingView } from './group-list-reading.tsx';

/**
 * Where a user's SSO groups are pasted, for the tester and the reach page
 * alike: the formats it reads, and how it read them (or why it could not),
 * so a misreading shows at once. `reading` is `parseGroupList(value)`,
 * which the caller keeps to evaluate filters with.
 */
export function GroupListField({
  label,
  value,
  onChange,
  reading,
  rows,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  reading: GroupListReading | undefined;
  rows: number;
}) {
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const readingId = useId();
  const isInvalid = reading !== undefined && !reading.ok;
  return (
    <>
      <FieldLabel htmlFor={inputId}>{label}</FieldLabel>
      <Textarea
        id={inputId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={'engineering\nkafka-admins'}
        spellCheck={false}
        autoComplete="off"
        rows={rows}
        aria-describedby={[
          helpId,
          isInvalid ? errorId : reading ? readingId : undefined,
        ]
          .filter(Boolean)
          .join(' ')}
        aria-invalid={isInvalid}
        className="text-xs"
      />
      <FieldDescription id={helpId}>
        One group per line, a JSON array such as{' '}
        <code className="font-mono">["engineering", "devops"]</code>,
        comma-separated names, or the groups attribute of a SAML assertion (its{' '}
        <code className="font-mono">AttributeValue</code> elements). Names are
        compared exactly, case included; write{' '}
        <code className="font-mono">[]</code> for a user in no group. The groups
        are read in your browser only.
      </FieldDescription>
      {reading && !reading.ok && (
        <FieldError id={errorId}>{reading.message}</FieldError>
      )}
      {reading?.ok && <GroupListReadingView id={readingId} reading={reading} />}
    </>
  );
}
