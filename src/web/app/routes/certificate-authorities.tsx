import { useSearchParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { AuthorityList } from '@/features/certificates/authorities/authority-list.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificateAuthoritiesRoute() {
  useDocumentTitle('Certificate authorities');
  const access = useWriteAccess();
  const [searchParams, setSearchParams] = useSearchParams();
  const pageToken = searchParams.get('page_token') ?? undefined;
  return (
    <ResourceScreen
      crumbs={[{ label: 'Certificate authorities' }]}
      title="Certificate authorities"
      subtitle={
        <p className="mt-1 max-w-2xl text-slate-700">
          The authorities whose client certificates may act in your organisation
          over mutual TLS. Pick one to see its chain and manage the certificate
          pools that decide which of its certificates get in.
        </p>
      }
      actions={
        <ScreenActions refusal={access.reason}>
          <WriteActionLink to={certificatePaths.create.getHref()}>
            Register a certificate authority
          </WriteActionLink>
        </ScreenActions>
      }
    >
      <AuthorityList
        pageToken={pageToken}
        createDisabledReason={access.reason}
        onPage={(token) => setSearchParams(token ? { page_token: token } : {})}
      />
    </ResourceScreen>
  );
}
