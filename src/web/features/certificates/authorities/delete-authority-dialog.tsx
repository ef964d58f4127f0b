import { useQuery } from '@tanstack/react-query';
import { ConfirmByNameDialog } from '@/components/form/confirm-by-name-dialog.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import type { CertificateAuthority } from '../api/authorities.ts';
import { useDeleteAuthority } from '../api/mutations.ts';
import { certificatePoolQueries } from '../api/queries.ts';

function pools(count: number) {
  return `${count} certificate pool${count === 1 ? '' : 's'}`;
}

/** How many pools the authority has: a one-item page's `total_size`. */
function usePoolCount(caId: string) {
  const page = useQuery(certificatePoolQueries.list({ caId, pageSize: 1 }));
  if (page.isPending) return { status: 'pending' as const };
  if (page.isError) return { status: 'error' as const };
  const total = page.data.metadata.total_size;
  const listed = page.data.data?.length ?? 0;
  return typeof total === 'number'
    ? { status: 'known' as const, count: total }
    : listed === 0
      ? { status: 'known' as const, count: 0 }
      : { status: 'some' as const };
}

/**
 * Deleting an authority cuts off every client certificate it issued, and
 * its certificate pools go with it, with their role bindings, so the name
 * must be typed and the pools that go are counted first.
 */
export function DeleteAuthorityDialog({
  authority,
  onDeleted,
}: {
  authority: CertificateAuthority;
  onDeleted: (poolCount: number | undefined) => void;
}) {
  const deleteAuthority = useDeleteAuthority(authority.id);
  const poolCount = usePoolCount(authority.id);
  const count = poolCount.status === 'known' ? poolCount.count : undefined;
  return (
    <ConfirmByNameDialog
      trigger={<Button variant="danger">Delete</Button>}
      title={`Delete ${authority.display_name}?`}
      description={
        <p>
          This cannot be undone. Confluent stops accepting every client
          certificate this authority issued, and its certificate pools are
          deleted with it, together with their role bindings.
        </p>
      }
      name={authority.display_name}
      confirmLabel={
        count ? `Delete authority and ${pools(count)}` : 'Delete authority'
      }
      pendingLabel="Deleting…"
      isPending={deleteAuthority.isPending}
      error={deleteAuthority.error}
      backHref={certificatePaths.list.getHref()}
      backLabel="Back to certificate authorities"
      // Not until the warning says how many pools go too.
      canConfirm={poolCount.status !== 'pending'}
      onConfirm={() =>
        deleteAuthority.mutate(undefined, {
          onSuccess: () => onDeleted(count),
        })
      }
      onClosed={() => deleteAuthority.reset()}
    >
      {poolCount.status === 'pending' ? (
        <p className="text-sm text-slate-600">Counting its pools…</p>
      ) : poolCount.status === 'known' && poolCount.count === 0 ? (
        <p className="text-sm">This authority has no certificate pools.</p>
      ) : (
        <Alert tone="warning">
          <AlertTitle>
            {poolCount.status === 'known'
              ? `${pools(poolCount.count)} will be deleted with it`
              : 'Its certificate pools go with it'}
          </AlertTitle>
          <p>
            {poolCount.status === 'error'
              ? 'Lifeguard could not count this authority’s pools. '
              : ''}
            Every pool of this authority is deleted with it, and so are the role
            bindings that name those pools: workloads that authenticate with its
            certificates lose their access at once.
          </p>
        </Alert>
      )}
    </ConfirmByNameDialog>
  );
}
