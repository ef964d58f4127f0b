import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import {
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@/components/ui/tabs.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { LazyAccessTab } from '@/features/access/components/lazy-access-tab.tsx';
import { LazyLandingAccess } from '@/features/access/components/lazy-landing-access.tsx';
import { ObjectHistory } from '@/features/audit/components/pool-history.tsx';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import {
  CertificatePoolDetail,
  CertificatePoolDetailSkeleton,
} from '@/features/certificates/pools/certificate-pool-detail.tsx';
import { DeleteCertificatePoolDialog } from '@/features/certificates/pools/delete-certificate-pool-dialog.tsx';
import { useCertificatePoolPage } from '@/features/certificates/pools/use-certificate-pool-page.tsx';
import { LazyCertificateTester } from '@/features/certificates/tester/lazy-certificate-tester.tsx';
import { ExportCertificatePoolDialog } from '@/features/export/components/export-certificate-pool-dialog.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

const TABS = ['details', 'history', 'access'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

export function CertificatePoolDetailRoute() {
  const { caId = '', poolId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const authority = useAuthorityPage(caId);
  const pool = useCertificatePoolPage(caId, poolId);
  const access = useWriteAccess();
  const requestedTab = searchParams.get('tab');
  const tab: Tab = isTab(requestedTab) ? requestedTab : 'details';
  const { data } = pool.query;
  useDocumentTitle(data?.display_name ?? 'Certificate pool');

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, pool.crumb]}
      failure={pool.failure}
      title={data?.display_name}
      actions={
        data && (
          <ScreenActions refusal={access.reason}>
            <WriteActionLink
              to={certificatePaths.poolEdit.getHref(caId, poolId)}
              variant="secondary"
            >
              Edit
            </WriteActionLink>
            <WriteActionLink
              to={certificatePaths.poolNew.getHref(caId, { copy_of: poolId })}
              variant="secondary"
            >
              Create a copy
            </WriteActionLink>
            <ExportCertificatePoolDialog
              authorityId={caId}
              pool={data}
              authority={authority.query.data}
            />
            <WriteAction label="Delete" variant="danger">
              <DeleteCertificatePoolDialog
                caId={caId}
                pool={data}
                onDeleted={() => {
                  notify.success(`Deleted ${data.display_name}`);
                  void navigate(certificatePaths.authority.getHref(caId));
                }}
              />
            </WriteAction>
          </ScreenActions>
        )
      }
    >
      <Tabs
        value={tab}
        onValueChange={(value) => {
          if (!isTab(value)) return;
          const next = new URLSearchParams(searchParams);
          if (value === 'details') next.delete('tab');
          else next.set('tab', value);
          setSearchParams(next, { replace: true });
        }}
      >
        <TabsList aria-label="Certificate pool sections">
          <TabsTrigger value="details">Details</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
          <TabsTrigger value="access">Access</TabsTrigger>
        </TabsList>
        <TabsContent value="details">
          {pool.query.isFetching && pool.query.failureReason && (
            <RetryNotice error={pool.query.failureReason} className="mb-3" />
          )}
          {data ? (
            <CertificatePoolDetail pool={data} />
          ) : (
            <CertificatePoolDetailSkeleton />
          )}
          {data && (
            <LazyCertificateTester
              className="mt-6 max-w-3xl"
              filter={data.filter}
              externalIdentifier={data.external_identifier}
              renderAccess={({ identity, refusal }) => (
                <LazyLandingAccess
                  wordingFor="certificate"
                  refusal={refusal}
                  landings={[
                    {
                      id: data.id,
                      name: data.display_name,
                      kind: 'certificate-pool',
                      href: certificatePaths.pool.getHref(caId, data.id, {
                        tab: 'access',
                      }),
                      detail:
                        identity === undefined
                          ? undefined
                          : ` as ${identity} (${data.external_identifier})`,
                    },
                  ]}
                  others={
                    <>
                      Other pools of this authority whose filters match it add
                      their access too:{' '}
                      <Link
                        to={certificatePaths.reach.getHref(caId)}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        find every pool it reaches
                      </Link>
                      .
                    </>
                  }
                />
              )}
            />
          )}
        </TabsContent>
        <TabsContent value="history">
          <ObjectHistory
            providerId={caId}
            objectId={poolId}
            noun="certificate pool"
          />
        </TabsContent>
        <TabsContent value="access">
          <LazyAccessTab
            principalId={poolId}
            kind="certificate-pool"
            readOnlyReason={access.reason}
          />
        </TabsContent>
      </Tabs>
    </ResourceScreen>
  );
}
