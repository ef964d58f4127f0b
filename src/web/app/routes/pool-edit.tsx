import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { paths } from '@/config/paths.ts';
import { PoolEditor } from '@/features/pools/form/pool-editor.tsx';
import { usePoolPage } from '@/features/pools/detail/use-pool-page.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function PoolEditRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const provider = useProviderPage(providerId);
  const pool = usePoolPage(providerId, poolId);
  const { canWrite } = useWriteAccess();
  const name = pool.query.data?.display_name;
  const title = name === undefined ? 'Edit identity pool' : `Edit ${name}`;
  useDocumentTitle(title);

  return (
    <ResourceScreen
      crumbs={[...provider.crumbs, pool.crumb, { label: 'Edit' }]}
      failure={pool.failure}
      // The refusal does not wait for the pool; the form does.
      title={name === undefined && canWrite ? undefined : title}
    >
      <WriteAccessGate
        refusal="You cannot edit pools"
        backHref={paths.pool.getHref(providerId, poolId)}
        backLabel="Back to the pool"
      >
        <PoolEditor
          providerId={providerId}
          poolId={poolId}
          pool={pool.query.data}
          providerIssuer={provider.query.data?.issuer}
        />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
