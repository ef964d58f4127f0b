import { ConfirmByNameDialog } from '@/components/form/confirm-by-name-dialog.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
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
  const deleteProvider = useDeleteProvider(provider.id);
  const count = poolCount.status === 'known' ? poolCount.count : 0;
  return (
    <ConfirmByNameDialog
      trigger={<Button variant="danger">Delete</Button>}
      title={`Delete ${provider.display_name}?`}
      description={
        <p>
          This cannot be undone. Confluent stops accepting tokens issued by{' '}
          <code className="font-mono text-xs break-all">{provider.issuer}</code>
          .
        </p>
      }
      name={provider.display_name}
      confirmLabel={
        count > 0 ? `Delete provider and ${pools(count)}` : 'Delete provider'
      }
      pendingLabel="Deleting…"
      isPending={deleteProvider.isPending}
      error={deleteProvider.error}
      backHref={paths.home.getHref()}
      backLabel="Back to identity providers"
      // Not until the warning says how many pools go too.
      canConfirm={poolCount.status !== 'pending'}
      onConfirm={() =>
        deleteProvider.mutate(undefined, { onSuccess: onDeleted })
      }
      onClosed={() => deleteProvider.reset()}
    >
      <PoolWarning poolCount={poolCount} />
    </ConfirmByNameDialog>
  );
}
