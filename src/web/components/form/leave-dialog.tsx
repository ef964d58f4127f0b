import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import type { HeldNavigation } from '@/lib/navigation-guard.ts';

/**
 * Asks before leaving a form with unsaved changes: stay, keep a draft, or
 * discard. `leaving` is what useUnsavedChanges held; none shows nothing.
 */
export function LeaveDialog({
  leaving,
  what,
  onDiscard,
}: {
  leaving: HeldNavigation | null;
  /** The record, for the sentence: "This certificate pool". */
  what: string;
  /** Forget the form's draft: the user threw their changes away. */
  onDiscard: () => void;
}) {
  return (
    <AlertDialog
      open={leaving !== null}
      onOpenChange={(open) => {
        if (!open) leaving?.reset();
      }}
    >
      <AlertDialogContent
        title="Discard your changes?"
        description={
          <p>
            {what} has changes that are not saved. Discard them, or leave them
            as a draft in this browser tab: this form offers them back when you
            open it again.
          </p>
        }
      >
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Stay</Button>
          </AlertDialogCancel>
          <Button variant="secondary" onClick={() => leaving?.proceed()}>
            Keep as draft
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (!leaving) return;
              onDiscard();
              leaving.proceed();
            }}
          >
            Discard
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
