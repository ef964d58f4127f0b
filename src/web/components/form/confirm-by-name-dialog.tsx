import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
  AlertDialogTrigger,
} from '@/components/ui/dialog.tsx';
import { Field, FieldLabel } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';

/**
 * A confirmation for what cannot be undone and breaks things elsewhere: the
 * confirm button stays disabled until `name` is typed exactly, Enter in the
 * field confirms, Escape and Cancel close. A failed attempt is explained in
 * the dialog, which stays open; it cannot close while one is under way, as
 * that would hide whether it happened.
 */
export function ConfirmByNameDialog({
  trigger,
  title,
  description,
  name,
  confirmLabel,
  pendingLabel,
  isPending,
  error,
  backHref,
  backLabel,
  canConfirm = true,
  onConfirm,
  onClosed,
  children,
}: {
  /** The button that opens the dialog. */
  trigger: ReactNode;
  title: ReactNode;
  /** What will happen, read out when the dialog opens. */
  description: ReactNode;
  /** What must be typed, exactly, to confirm. */
  name: string;
  confirmLabel: ReactNode;
  pendingLabel: ReactNode;
  isPending: boolean;
  /** Why the last attempt failed; none while `null` or `undefined`. */
  error: unknown;
  /** Where the error's way out leads (see ApiErrorView). */
  backHref?: string;
  backLabel?: string;
  /** False while something the confirmation depends on is not known yet. */
  canConfirm?: boolean;
  onConfirm: () => void;
  /** The dialog closed: forget the last attempt (reset the mutation). */
  onClosed?: () => void;
  /** More to know before confirming, shown above the name field. */
  children?: ReactNode;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const isConfirmed = typed === name && canConfirm;

  function changeOpen(open: boolean) {
    if (isPending) return;
    setIsOpen(open);
    if (!open) {
      setTyped('');
      onClosed?.();
    }
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isConfirmed || isPending) return;
    onConfirm();
  }

  return (
    <AlertDialog open={isOpen} onOpenChange={changeOpen}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent title={title} description={description}>
        <form noValidate onSubmit={confirm} className="grid gap-4">
          {children}
          <Field controlId={inputId}>
            <FieldLabel>
              Type <span className="font-mono break-all">{name}</span> to
              confirm
            </FieldLabel>
            <Input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
            />
          </Field>
          {error != null && (
            <ApiErrorView
              error={error}
              backHref={backHref}
              backLabel={backLabel}
            />
          )}
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary" disabled={isPending}>
                Cancel
              </Button>
            </AlertDialogCancel>
            <Button
              type="submit"
              variant="danger"
              disabled={!isConfirmed}
              pending={isPending}
              pendingLabel={pendingLabel}
            >
              {confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
