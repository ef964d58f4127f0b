import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, buttonVariants } from '@/components/ui/button.tsx';

/**
 * The foot of a create or edit form: submit, busy while the save is under
 * way; Cancel, back where the form was opened from; and, on an edit with
 * nothing changed yet, why submit is disabled.
 */
export function FormActions({
  submitLabel,
  pendingLabel,
  isPending,
  isUnchanged = false,
  cancelHref,
}: {
  submitLabel: ReactNode;
  pendingLabel: ReactNode;
  isPending: boolean;
  /** Nothing differs from what was loaded, so there is nothing to send. */
  isUnchanged?: boolean;
  cancelHref: string;
}) {
  const unchangedHintId = useId();
  return (
    <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
      <Button
        type="submit"
        pending={isPending}
        pendingLabel={pendingLabel}
        disabled={isUnchanged}
        aria-describedby={isUnchanged ? unchangedHintId : undefined}
      >
        {submitLabel}
      </Button>
      <Link
        to={cancelHref}
        className={buttonVariants({ variant: 'secondary' })}
      >
        Cancel
      </Link>
      {isUnchanged && (
        <p id={unchangedHintId} className="text-sm text-slate-600">
          No changes to save
        </p>
      )}
    </div>
  );
}
