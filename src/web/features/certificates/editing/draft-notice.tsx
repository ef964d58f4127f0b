import { useId } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { formatRelative } from '@/components/ui/relative-time.tsx';

function savedWhen(savedAt: number, now: number): string {
  // Intl says "now" for the first seconds, which reads badly after "from".
  if (now - savedAt < 45_000) return 'just now';
  return formatRelative(new Date(savedAt).toISOString(), now);
}

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
  savedAt: number;
  now: number;
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
      aria-describedby={detailId}
      data-slot="draft-notice"
      className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <div className="grid gap-1">
        <p id={titleId} className="font-semibold">
          You have unsaved changes from {savedWhen(savedAt, now)}
        </p>
        <p id={detailId}>
          {isOutdated
            ? `${what} has changed on the server since. If you restore them, saving shows you both versions before anything is overwritten.`
            : 'They are kept in this browser tab until you save or discard them.'}
        </p>
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
