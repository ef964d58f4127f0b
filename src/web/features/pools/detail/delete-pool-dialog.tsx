import { ConfirmByNameDialog } from '@/components/form/confirm-by-name-dialog.tsx';
import { Button } from '@/components/ui/button.tsx';
import { paths } from '@/config/paths.ts';
import { useDeletePool } from '../api/mutations.ts';
import type { Pool } from '../api/pools.ts';
import { LazyPoolBindingsOnDelete } from './lazy-pool-bindings-on-delete.tsx';

/**
 * Deleting a pool breaks every workload that authenticates through it and
 * deletes its role bindings (decision 015), so the name must be typed, not
 * just a button pressed, and the bindings that go are listed.
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
  const deletePool = useDeletePool(providerId, pool.id);
  return (
    <ConfirmByNameDialog
      trigger={<Button variant="danger">Delete</Button>}
      title={`Delete ${pool.display_name}?`}
      description={
        <p>
          This cannot be undone. Tokens that matched this pool’s filter can no
          longer use it, and its role bindings are deleted with it.
        </p>
      }
      name={pool.display_name}
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      isPending={deletePool.isPending}
      error={deletePool.error}
      backHref={paths.provider.getHref(providerId)}
      backLabel="Back to the provider’s pools"
      onConfirm={() => deletePool.mutate(undefined, { onSuccess: onDeleted })}
      onClosed={() => deletePool.reset()}
    >
      {/* Informs, never blocks: deleting works while these load or fail. */}
      <LazyPoolBindingsOnDelete
        providerId={providerId}
        poolId={pool.id}
        principal={pool.principal}
      />
    </ConfirmByNameDialog>
  );
}
