import { useId, useState, type FormEvent } from 'react';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
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
import { useDeleteProvider } from '../api/mutations.ts';
import type { Provider } from '../api/providers.ts';

/** How many pools go with the provider, as far as is known. */
export type PoolCountState =
  | { status: 'pending' }
  | { status: 'error' }
  | { status: 'known'; count: number };

function pools(count: number) {
  return `${count} identity pool${count === 1 ? '' : 's'}`;
}

function PoolWarning({ poolCount }: { poolCount: PoolCountState }) {
  if (poolCount.status === 'pending') {
    return <p className="text-sm text-slate-600">Counting its pools…</p>;
  }
  if (poolCount.status === 'error') {
    return (
      <Alert tone="warning">
        <AlertTitle>Its pools go with it</AlertTitle>
        <p>
          Lifeguard could not count this provider’s pools. Any it has are
          deleted with it.
        </p>
      </Alert>
    );
  }
  if (poolCount.count === 0) {
    return <p className="text-sm">This provider has no identity pools.</p>;
  }
  return (
    <Alert tone="warning">
      <AlertTitle>{pools(poolCount.count)} will be deleted with it</AlertTitle>
      <p>
        Deleting the provider deletes its {pools(poolCount.count)} too: every
        workload that authenticates through them stops working, and their role
        bindings no longer match anyone.
      </p>
    </Alert>
  );
}

/**
 * Deleting a provider cuts off every token it issues, and its pools go with
 * it (docs/decisions/002), so the name must be typed and the number of pools
 * is shown first.
 */
export function DeleteProviderDialog({
  provider,
  poolCount,
  onDeleted,
}: {
  provider: Provider;
  poolCount: PoolCountState;
  onDeleted: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [confirmation, setConfirmation] = useState('');
  const deleteProvider = useDeleteProvider(provider.id);
  const inputId = useId();
  const isConfirmed = confirmation === provider.display_name;
  // Not until the warning says how many pools go too.
  const isReady = poolCount.status !== 'pending';
  const count = poolCount.status === 'known' ? poolCount.count : 0;

  function changeOpen(open: boolean) {
    // Closing mid-request would hide whether the provider is gone.
    if (deleteProvider.isPending) return;
    setIsOpen(open);
    if (!open) {
      setConfirmation('');
      deleteProvider.reset();
    }
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isConfirmed || !isReady || deleteProvider.isPending) return;
    deleteProvider.mutate(undefined, { onSuccess: onDeleted });
  }

  return (
    <AlertDialog open={isOpen} onOpenChange={changeOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="danger">Delete</Button>
      </AlertDialogTrigger>
      <AlertDialogContent
        title={`Delete ${provider.display_name}?`}
        description={
          <p>
            This cannot be undone. Confluent stops accepting tokens issued by{' '}
            <code className="font-mono text-xs break-all">
              {provider.issuer}
            </code>
            .
          </p>
        }
      >
        <form noValidate onSubmit={confirm} className="grid gap-4">
          <PoolWarning poolCount={poolCount} />
          <Field>
            <FieldLabel htmlFor={inputId}>
              Type{' '}
              <span className="font-mono break-all">
                {provider.display_name}
              </span>{' '}
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
          {deleteProvider.isError && (
            <ApiErrorView
              error={deleteProvider.error}
              backHref={paths.home.getHref()}
              backLabel="Back to identity providers"
            />
          )}
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary" disabled={deleteProvider.isPending}>
                Cancel
              </Button>
            </AlertDialogCancel>
            <Button
              type="submit"
              variant="danger"
              disabled={!isConfirmed || !isReady || deleteProvider.isPending}
            >
              {deleteProvider.isPending && (
                <span
                  aria-hidden="true"
                  className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
                />
              )}
              {deleteProvider.isPending
                ? 'Deleting…'
                : count > 0
                  ? `Delete provider and ${pools(count)}`
                  : 'Delete provider'}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
