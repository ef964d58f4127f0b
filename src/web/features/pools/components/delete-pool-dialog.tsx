import { useId, useState, type FormEvent } from 'react';
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
import { paths } from '@/config/paths.ts';
import { useDeletePool } from '../api/mutations.ts';
import type { Pool } from '../api/pools.ts';

/**
 * Deleting a pool breaks every workload that authenticates through it, so
 * the name must be typed, not just a button pressed.
 */
export function DeletePoolDialog({
  providerId,
  pool,
  onDeleted,
}: {
  providerId: string;
  pool: Pool;
  onDeleted: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [confirmation, setConfirmation] = useState('');
  const deletePool = useDeletePool(providerId, pool.id);
  const inputId = useId();
  const isConfirmed = confirmation === pool.display_name;

  function changeOpen(open: boolean) {
    // Closing mid-request would hide whether the pool is gone.
    if (deletePool.isPending) return;
    setIsOpen(open);
    if (!open) {
      setConfirmation('');
      deletePool.reset();
    }
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isConfirmed || deletePool.isPending) return;
    deletePool.mutate(undefined, { onSuccess: onDeleted });
  }

  return (
    <AlertDialog open={isOpen} onOpenChange={changeOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="danger">Delete</Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Delete ${pool.display_name}?`}
        description={
          <p>
            This cannot be undone. Tokens that matched this pool’s filter can no
            longer use it, and role bindings for{' '}
            <code className="font-mono text-xs break-all">
              User:{pool.principal}
            </code>{' '}
            stop working.
          </p>
        }
      >
        <form noValidate onSubmit={confirm} className="grid gap-4">
          <Field>
            <FieldLabel htmlFor={inputId}>
              Type{' '}
              <span className="font-mono break-all">{pool.display_name}</span>{' '}
              to confirm
            </FieldLabel>
            <Input
              id={inputId}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
            />
          </Field>
          {deletePool.isError && (
            <ApiErrorView
              error={deletePool.error}
              backHref={paths.provider.getHref(providerId)}
              backLabel="Back to the provider’s pools"
            />
          )}
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary" disabled={deletePool.isPending}>
                Cancel
              </Button>
            </AlertDialogCancel>
            <Button
              type="submit"
              variant="danger"
              disabled={!isConfirmed || deletePool.isPending}
            >
              {deletePool.isPending && (
                <span
                  aria-hidden="true"
                  className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
                />
              )}
              {deletePool.isPending ? 'Deleting…' : 'Delete'}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
