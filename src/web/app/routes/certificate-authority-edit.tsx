import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { AuthorityEditor } from '@/features/certificates/authority-form/authority-editor.tsx';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificateAuthorityEditRoute() {
  const { caId = '' } = useParams();
  const authority = useAuthorityPage(caId);
  const { canWrite } = useWriteAccess();
  const { data } = authority.query;
  const title = data
    ? `Edit ${data.display_name}`
    : 'Edit certificate authority';
  useDocumentTitle(title);

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, { label: 'Edit' }]}
      failure={authority.failure}
      // The refusal does not wait for the authority; the form does.
      title={data || !canWrite ? title : undefined}
    >
      <WriteAccessGate
        refusal="You cannot edit certificate authorities"
        backHref={certificatePaths.authority.getHref(caId)}
        backLabel="Back to the certificate authority"
      >
        <AuthorityEditor authority={data} />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
