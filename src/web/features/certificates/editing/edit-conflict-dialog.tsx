import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { formatRelative } from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';

export type ConflictAnswer = 'mine' | 'theirs' | 'cancel';

/** One field that differs between the server's version and the form. */
export type ConflictRow = {
  label: string;
  theirs: string;
  mine: string;
  /** The user changed it: saving theirs over it replaces their value. */
  isChangedByMe: boolean;
};

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
  /** "This certificate pool". */
  what: string;
  /** The other writer's `updated_at`. */
  savedAt: string | undefined;
  rows: readonly ConflictRow[];
  onAnswer: (answer: ConflictAnswer) => void;
}) {
  const replaced = rows.filter((row) => row.isChangedByMe);
  return (
    <AlertDialog open onOpenChange={(open) => !open && onAnswer('cancel')}>
      <AlertDialogContent
        title={`${what} was changed by someone else`}
        size="xl"
        description={
          <p>
            It was saved{savedAt ? ` ${formatRelative(savedAt)}` : ''}, after
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
              Saving yours replaces their{' '}
              <strong>{replaced.map((row) => row.label).join(', ')}</strong>.
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
