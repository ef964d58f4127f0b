import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import { CertificatePoolEditor } from '@/features/certificates/pool-form/certificate-pool-editor.tsx';
import { useCertificatePoolPage } from '@/features/certificates/pools/use-certificate-pool-page.tsx';
import { LazyCertificateTester } from '@/features/certificates/tester/lazy-certificate-tester.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificatePoolEditRoute() {
  const { caId = '', poolId = '' } = useParams();
  const authority = useAuthorityPage(caId);
  const pool = useCertificatePoolPage(caId, poolId);
  const { canWrite } = useWriteAccess();
  const name = pool.query.data?.display_name;
  const title = name === undefined ? 'Edit certificate pool' : `Edit ${name}`;
  useDocumentTitle(title);

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, pool.crumb, { label: 'Edit' }]}
      failure={pool.failure}
      // The refusal does not wait for the pool; the form does.
      title={name === undefined && canWrite ? undefined : title}
    >
      <WriteAccessGate
        refusal="You cannot edit certificate pools"
        backHref={certificatePaths.pool.getHref(caId, poolId)}
        backLabel="Back to the certificate pool"
      >
        <CertificatePoolEditor
          caId={caId}
          poolId={poolId}
          pool={pool.query.data}
          aside={(typed) => <LazyCertificateTester {...typed} />}
        />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
