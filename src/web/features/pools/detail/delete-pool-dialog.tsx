import { ConfirmByNameDialog } from '@/components/form/confirm-by-name-dialog.tsx';
import { Button } from '@/components/ui/button.tsx';
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
  const deletePool = useDeletePool(providerId, pool.id);
  return (
    <ConfirmByNameDialog
      trigger={<Button variant="danger">Delete</Button>}
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
      name={pool.display_name}
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      isPending={deletePool.isPending}
      error={deletePool.error}
      backHref={paths.provider.getHref(providerId)}
      backLabel="Back to the provider’s pools"
      onConfirm={() => deletePool.mutate(undefined, { onSuccess: onDeleted })}
      onClosed={() => deletePool.reset()}
    />
  );
}
