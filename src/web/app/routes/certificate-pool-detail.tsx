import { Link, useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
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
import { DetailActions } from '../detail-actions.tsx';
import { DetailTabs } from '../detail-tabs.tsx';

export function CertificatePoolDetailRoute() {
  const { caId = '', poolId = '' } = useParams();
  const authority = useAuthorityPage(caId);
  const pool = useCertificatePoolPage(caId, poolId);
  const access = useWriteAccess();
  const { data } = pool.query;
  useDocumentTitle(data?.display_name ?? 'Certificate pool');

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, pool.crumb]}
      failure={pool.failure}
      title={data?.display_name}
      actions={
        data && (
          <DetailActions
            refusal={access.reason}
            name={data.display_name}
            editHref={certificatePaths.poolEdit.getHref(caId, poolId)}
            copyHref={certificatePaths.poolNew.getHref(caId, {
              copy_of: poolId,
            })}
            exportDialog={
              <ExportCertificatePoolDialog
                authorityId={caId}
                pool={data}
                authority={authority.query.data}
              />
            }
            renderDelete={(onDeleted) => (
              <DeleteCertificatePoolDialog
                caId={caId}
                pool={data}
                onDeleted={onDeleted}
              />
            )}
            deletedHref={certificatePaths.authority.getHref(caId)}
          />
        )
      }
    >
      <DetailTabs
        label="Certificate pool sections"
        query={pool.query}
        details={
          <>
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
          </>
        }
        history={
          <ObjectHistory
            providerId={caId}
            objectId={poolId}
            noun="certificate pool"
          />
        }
        access={
          <LazyAccessTab
            principalId={poolId}
            kind="certificate-pool"
            filter={data?.filter}
            displayName={data?.display_name}
            readOnlyReason={access.reason}
          />
        }
      />
    </ResourceScreen>
  );
}
