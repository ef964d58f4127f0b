import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { AuthorityCreator } from '@/features/certificates/authority-form/authority-creator.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificateAuthorityCreateRoute() {
  const { canWrite } = useWriteAccess();
  useDocumentTitle('Register a certificate authority');
  return (
    <ResourceScreen
      crumbs={[
        {
          label: 'Certificate authorities',
          href: certificatePaths.list.getHref(),
        },
        { label: 'Register' },
      ]}
      title="Register a certificate authority"
      subtitle={
        canWrite && (
          <p className="mt-1 max-w-2xl text-slate-700">
            Register the chain that issues your clients’ certificates. Once
            registered, its certificate pools decide which of those certificates
            may act in your organisation.
          </p>
        )
      }
    >
      <WriteAccessGate
        refusal="You cannot register certificate authorities"
        backHref={certificatePaths.list.getHref()}
        backLabel="Back to certificate authorities"
      >
        <AuthorityCreator />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
