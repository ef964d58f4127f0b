import { useParams, useSearchParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import { CertificatePoolCreator } from '@/features/certificates/pool-form/certificate-pool-creator.tsx';
import { LazyCertificateTester } from '@/features/certificates/tester/lazy-certificate-tester.tsx';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificatePoolCreateRoute() {
  const { caId = '' } = useParams();
  // ?copy_of=: what the form starts from.
  const [searchParams] = useSearchParams();
  const authority = useAuthorityPage(caId);
  useDocumentTitle('New certificate pool');

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, { label: 'New pool' }]}
      // Only a missing authority stops the form; if its name fails to load
      // for another reason the crumb shows the id and creating still works.
      failure={authority.isMissing ? authority.failure : undefined}
      title="New certificate pool"
    >
      <WriteAccessGate
        refusal="You cannot create certificate pools"
        backHref={certificatePaths.authority.getHref(caId)}
        backLabel="Back to the certificate authority"
      >
        <CertificatePoolCreator
          caId={caId}
          searchParams={searchParams}
          aside={(typed) => <LazyCertificateTester {...typed} />}
        />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
