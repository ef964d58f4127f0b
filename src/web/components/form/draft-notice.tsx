import { useId } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Button } from '@/components/ui/button.tsx';
import type { FormSession } from '@/hooks/use-form-session.ts';
import { formatSavedWhen } from './saved-when.ts';

/**
 * Offers a draft kept from earlier (a reload, a failed save, a conflict):
 * nothing reaches the form until the user picks Restore.
 */
export function DraftNotice({
  savedAt,
  now,
  isOutdated,
  what,
  onRestore,
  onDiscard,
}: {
  /** When the draft was written, in milliseconds since the epoch. */
  savedAt: number;
  /** A clock that ticks keeps "2 minutes ago" true; the render's time otherwise. */
  now?: number;
  /** The record changed on the server after the draft's version. */
  isOutdated: boolean;
  /** The record, for the sentence: "The certificate pool". */
  what: string;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const titleId = useId();
  const detailId = useId();
  return (
    <div
      role="status"
      aria-labelledby={titleId}
      // Only the warning is worth a second announcement.
      aria-describedby={isOutdated ? detailId : undefined}
      data-slot="draft-notice"
      className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <div className="grid gap-1">
        <p id={titleId} className="font-semibold">
          You have unsaved changes from {formatSavedWhen(savedAt, now)}
        </p>
        {isOutdated ? (
          <p id={detailId}>
            {what} has changed on the server since. If you restore them, saving
            shows you both versions before anything is overwritten.
          </p>
        ) : (
          <p>
            They are kept in this browser tab until you save or discard them.
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={onRestore}>
          Restore
        </Button>
        <Button size="sm" variant="secondary" onClick={onDiscard}>
          Discard
        </Button>
      </div>
    </div>
  );
}

/**
 * A DraftNotice for each draft the form's session offers. `onAnswered` runs
 * after a restore or discard (the notice is gone: put focus back in the
 * form).
 */
export function OfferedDrafts<TValues extends FieldValues>({
  session,
  what,
  now,
  onAnswered,
}: {
  session: Pick<FormSession<TValues>, 'drafts' | 'isOutdated'>;
  /** The record, for the sentence: "The certificate pool". */
  what: string;
  now?: number;
  onAnswered: () => void;
}) {
  const { drafts } = session;
  return drafts.offered.map((offered) => (
    <DraftNotice
      key={offered.id}
      savedAt={offered.savedAt}
      now={now}
      what={what}
      isOutdated={session.isOutdated(offered)}
      onRestore={() => {
        drafts.restore(offered);
        onAnswered();
      }}
      onDiscard={() => {
        drafts.discard(offered);
        onAnswered();
      }}
    />
  ));
}
