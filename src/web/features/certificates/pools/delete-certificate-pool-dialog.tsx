import { DeleteDialog } from '@/components/form/delete-dialog.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { useDeleteCertificatePool } from '../api/mutations.ts';
import type { CertificatePool } from '../api/pools.ts';

/**
 * Deleting a certificate pool breaks every workload that authenticates
 * through it and deletes its role bindings, so the name must be typed.
 */
export function DeleteCertificatePoolDialog({
  caId,
  pool,
  onDeleted,
}: {
  caId: string;
  pool: CertificatePool;
  onDeleted: () => void;
}) {
  const deletePool = useDeleteCertificatePool(caId, pool.id);
  return (
    <DeleteDialog
      name={pool.display_name}
      description={
        <p>
          This cannot be undone. Client certificates that matched this pool’s
          filter can no longer use it, and the role bindings of{' '}
          <code className="font-mono text-xs">User:{pool.principal}</code> are
          deleted with it.
        </p>
      }
      mutation={deletePool}
      backHref={certificatePaths.authority.getHref(caId)}
      backLabel="Back to the certificate authority"
      onDeleted={onDeleted}
    />
  );
}
