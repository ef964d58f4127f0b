import { DeleteDialog } from '@/components/form/delete-dialog.tsx';
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
    <DeleteDialog
      name={pool.display_name}
      description={
        <p>
          This cannot be undone. Tokens that matched this pool’s filter can no
          longer use it, and its role bindings are deleted with it.
        </p>
      }
      mutation={deletePool}
      backHref={paths.provider.getHref(providerId)}
      backLabel="Back to the provider’s pools"
      onDeleted={onDeleted}
    >
      {/* Informs, never blocks: deleting works while these load or fail. */}
      <LazyPoolBindingsOnDelete
        providerId={providerId}
        poolId={pool.id}
        principal={pool.principal}
      />
    </DeleteDialog>
  );
}
