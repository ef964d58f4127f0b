import { useId } from 'react';
import { Button } from '@/components/ui/button.tsx';
import type { GroupMappingDraft } from '../drafts.ts';
import { formatSavedWhen } from './saved-when.ts';

/**
 * Offers a draft kept from earlier (a reload, a failed save, a conflict):
 * nothing reaches the form until the user picks Restore.
 */
export function DraftNotice({
  draft,
  isOutdated,
  onRestore,
  onDiscard,
}: {
  draft: GroupMappingDraft;
  /** The mapping changed on the server after the draft's version. */
  isOutdated: boolean;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const titleId = useId();
  const detailId = useId();
  return (
    <div
      role="status"
      aria-labelledby={titleId}
      aria-describedby={isOutdated ? detailId : undefined}
      data-slot="draft-notice"
      className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <div className="grid gap-1">
        <p id={titleId} className="font-semibold">
          You have unsaved changes from {formatSavedWhen(draft.savedAt)}
        </p>
        {isOutdated ? (
          <p id={detailId}>
            The group mapping has changed on the server since. If you restore
            them, saving shows you both versions before anything is overwritten.
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
