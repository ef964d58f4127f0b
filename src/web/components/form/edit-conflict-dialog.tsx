import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import type { ConflictAnswer } from '@/hooks/use-versioned-save.ts';
import { formatSavedWhen } from './saved-when.ts';

/** One field that differs between the server's version and the form. */
export type ConflictRow = {
  label: string;
  theirs: string;
  mine: string;
  /** The user changed it: saving theirs over it replaces their value. */
  isChangedByMe: boolean;
};

/**
 * The rows of a form whose fields are text shown as typed: each of `fields`
 * where the server's values differ from the form's, `base` telling which the
 * user changed.
 */
export function conflictRowsOf<TName extends string>({
  fields,
  labels,
  theirs,
  mine,
  base,
}: {
  fields: readonly TName[];
  labels: Record<TName, string>;
  theirs: Record<TName, string>;
  mine: Record<TName, string>;
  base: Record<TName, string>;
}): ConflictRow[] {
  return fields
    .filter((name) => theirs[name] !== mine[name])
    .map((name) => ({
      label: labels[name],
      theirs: theirs[name],
      mine: mine[name],
      isChangedByMe: mine[name] !== base[name],
    }));
}

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
 * Shown instead of saving when the record changed on the server after the
 * form opened: both versions of each field that differs, and a choice.
 * Nothing is sent before the user chooses; keeping theirs over the other
 * writer's replaces only the fields the user changed.
 */
export function EditConflictDialog({
  what,
  savedAt,
  rows,
  onAnswer,
}: {
  /** The record, for the title: "This certificate pool". */
  what: string;
  /** The other writer's `updated_at`. */
  savedAt: string | undefined;
  rows: readonly ConflictRow[];
  onAnswer: (answer: ConflictAnswer) => void;
}) {
  const replaced = rows.filter((row) => row.isChangedByMe);
  const kept = rows.filter((row) => !row.isChangedByMe);
  const labels = (some: readonly ConflictRow[]) =>
    LIST.format(some.map((row) => row.label));

  return (
    <AlertDialog open onOpenChange={(open) => !open && onAnswer('cancel')}>
      <AlertDialogContent
        title={`${what} was changed by someone else`}
        size="xl"
        description={
          <p>
            It was saved
            {savedAt ? ` ${formatSavedWhen(Date.parse(savedAt))}` : ''}, after
            you opened this form. Nothing of yours has been sent: compare the
            two versions and choose which to keep.
          </p>
        }
      >
        {rows.length > 0 ? (
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
              {rows.map((row) => (
                <tr key={row.label}>
                  <Th scope="row">{row.label}</Th>
                  <Td>
                    <Value text={row.theirs} />
                  </Td>
                  <Td>
                    <Value text={row.mine} />
                    {!row.isChangedByMe && (
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
