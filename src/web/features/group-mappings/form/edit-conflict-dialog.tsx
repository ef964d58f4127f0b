import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import {
  groupMappingVersionOf,
  type GroupMapping,
} from '../api/group-mappings.ts';
import {
  GROUP_MAPPING_FIELD_LABELS,
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormValuesOf,
  type GroupMappingFormValues,
} from '../schemas.ts';
import { formatSavedWhen } from './saved-when.ts';

export type ConflictAnswer = 'mine' | 'theirs' | 'cancel';

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });

function Value({ text }: { text: string }) {
  if (text === '') return <span className="text-slate-600 italic">empty</span>;
  return (
    <span className="font-mono text-xs break-all whitespace-pre-wrap">
      {text}
    </span>
  );
}

/**
 * Shown instead of saving when the mapping changed on the server after the
 * form opened: both versions of each field that differs, and a choice.
 * Nothing is sent before the user chooses; keeping theirs over the other
 * writer's sends only the fields the user changed.
 */
export function EditConflictDialog({
  theirs,
  mine,
  base,
  onAnswer,
}: {
  theirs: GroupMapping;
  mine: GroupMappingFormValues;
  /** The values the form was opened from, to tell what the user changed. */
  base: GroupMappingFormValues;
  onAnswer: (answer: ConflictAnswer) => void;
}) {
  const theirValues = groupMappingFormValuesOf(theirs);
  const differing = GROUP_MAPPING_FORM_FIELDS.filter(
    (name) => theirValues[name] !== mine[name],
  );
  const replaced = differing.filter((name) => mine[name] !== base[name]);
  const kept = differing.filter((name) => mine[name] === base[name]);
  const labels = (names: typeof differing) =>
    LIST.format(names.map((name) => GROUP_MAPPING_FIELD_LABELS[name]));
  const version = groupMappingVersionOf(theirs);

  return (
    <AlertDialog open onOpenChange={(open) => !open && onAnswer('cancel')}>
      <AlertDialogContent
        title="This group mapping was changed by someone else"
        size="xl"
        description={
          <p>
            It was saved
            {version ? ` ${formatSavedWhen(Date.parse(version))}` : ''}, after
            you opened this form. Nothing of yours has been sent: compare the
            two versions and choose which to keep.
          </p>
        }
      >
        {differing.length > 0 ? (
          <Table>
            <caption className="sr-only">Fields that differ</caption>
            <thead>
              <tr>
                <Th>Field</Th>
                <Th>Theirs now</Th>
                <Th>Yours</Th>
              </tr>
            </thead>
            <tbody>
              {differing.map((name) => (
                <tr key={name}>
                  <Th scope="row">{GROUP_MAPPING_FIELD_LABELS[name]}</Th>
                  <Td>
                    <Value text={theirValues[name]} />
                  </Td>
                  <Td>
                    <Value text={mine[name]} />
                    {!replaced.includes(name) && (
                      <span className="mt-1 block text-xs text-slate-600">
                        Not changed by you: theirs is kept
                      </span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-slate-700">
            None of the fields you see differ from theirs.
          </p>
        )}
        <div className="grid gap-1 text-sm text-slate-700">
          {replaced.length > 0 && (
            <p>
              Saving yours replaces their <strong>{labels(replaced)}</strong>.
            </p>
          )}
          {kept.length > 0 && (
            <p>
              Their {labels(kept)} {kept.length === 1 ? 'stays' : 'stay'} as
              they saved {kept.length === 1 ? 'it' : 'them'}: you did not change{' '}
              {kept.length === 1 ? 'it' : 'them'}.
            </p>
          )}
          <p>
            If you keep editing with theirs, your changes stay as a draft you
            can restore.
          </p>
        </div>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="secondary" onClick={() => onAnswer('theirs')}>
            Keep editing with theirs
          </Button>
          <Button variant="danger" onClick={() => onAnswer('mine')}>
            Save mine over theirs
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
