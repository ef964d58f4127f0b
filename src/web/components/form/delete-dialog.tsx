import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmByNameDialog } from './confirm-by-name-dialog.tsx';

/**
 * Deleting an object that workloads or users get their access through: a
 * Delete button opening a dialog where its name must be typed (see
 * ConfirmByNameDialog). `mutation` is the feature's delete hook, run with
 * no variables; `onDeleted` is the caller's, once it succeeded (a toast,
 * leaving the page). A failed attempt stays in the dialog until it closes.
 */
export function DeleteDialog<TData, TContext>({
  name,
  description,
  mutation,
  backHref,
  backLabel,
  onDeleted,
  children,
}: {
  /** The object's display name: the title asks about it, the field wants it. */
  name: string;
  /** What deleting breaks, read out when the dialog opens. */
  description: ReactNode;
  mutation: UseMutationResult<TData, Error, void, TContext>;
  /** Where the error's way out leads (see ApiErrorView). */
  backHref: string;
  backLabel: string;
  onDeleted: () => void;
  /** More to know before confirming, such as what goes with it. */
  children?: ReactNode;
}) {
  return (
    <ConfirmByNameDialog
      trigger={<Button variant="danger">Delete</Button>}
      title={`Delete ${name}?`}
      description={description}
      name={name}
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      isPending={mutation.isPending}
      error={mutation.error}
      backHref={backHref}
      backLabel={backLabel}
      onConfirm={() => mutation.mutate(undefined, { onSuccess: onDeleted })}
      onClosed={() => mutation.reset()}
    >
      {children}
    </ConfirmByNameDialog>
  );
}
