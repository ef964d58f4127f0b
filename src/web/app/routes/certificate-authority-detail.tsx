import { useId } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { listAllCertificatePools } from '@/features/certificates/api/all-pools.ts';
import {
  AuthorityDetail,
  AuthorityDetailSkeleton,
  ChainTable,
} from '@/features/certificates/authorities/authority-detail.tsx';
import { DeleteAuthorityDialog } from '@/features/certificates/authorities/delete-authority-dialog.tsx';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import { CertificatePoolList } from '@/features/certificates/pools/certificate-pool-list.tsx';
import { CertificatePoolQuota } from '@/features/certificates/pools/pool-quota.tsx';
import { ExportCertificateAuthorityDialog } from '@/features/export/components/export-certificate-authority-dialog.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function CertificateAuthorityDetailRoute() {
  const { caId = '' } = useParams();
  const navigate = useNavigate();
  const authority = useAuthorityPage(caId);
  const access = useWriteAccess();
  const { data } = authority.query;
  const poolsTitleId = useId();
  useDocumentTitle(data?.display_name ?? 'Certificate authority');

  return (
    <ResourceScreen
      crumbs={authority.crumbs}
      failure={authority.failure}
      title={data?.display_name}
      subtitle={
        <p className="mt-1 text-sm text-slate-600">
          Certificate authority <code className="font-mono">{caId}</code>
        </p>
      }
      actions={
        data && (
          <ScreenActions refusal={access.reason}>
            <WriteActionLink
              to={certificatePaths.edit.getHref(caId)}
              variant="secondary"
            >
              Edit
            </WriteActionLink>
            <ExportCertificateAuthorityDialog
              authority={data}
              loadPools={(options) => listAllCertificatePools(caId, options)}
            />
            <WriteAction label="Delete" variant="danger">
              <DeleteAuthorityDialog
                authority={data}
                onDeleted={(poolCount) => {
                  notify.success(
                    `Deleted ${data.display_name}${poolCount ? ` and its ${poolCount} certificate pool${poolCount === 1 ? '' : 's'}` : ''}`,
                  );
                  void navigate(certificatePaths.list.getHref(), {
                    replace: true,
                  });
                }}
              />
            </WriteAction>
          </ScreenActions>
        )
      }
    >
      {authority.query.isFetching && authority.query.failureReason && (
        <RetryNotice error={authority.query.failureReason} className="mb-3" />
      )}
      {data ? (
        <div className="grid gap-6">
          <AuthorityDetail authority={data} />
          <ChainTable authority={data} />
        </div>
      ) : (
        <AuthorityDetailSkeleton />
      )}
      <section aria-labelledby={poolsTitleId} className="mt-8 grid gap-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1">
            <h2 id={poolsTitleId} className="text-lg font-semibold">
              Certificate pools
            </h2>
            <p className="max-w-2xl text-sm text-slate-700">
              Each pool admits the certificates of this authority its filter
              matches, as its own principal.{' '}
              <Link
                to={certificatePaths.reach.getHref(caId)}
                className="font-medium text-brand-700 hover:underline"
              >
                Find the pools a certificate reaches
              </Link>
              .
            </p>
            <CertificatePoolQuota caId={caId} />
          </div>
          <ScreenActions refusal={access.reason}>
            <WriteActionLink to={certificatePaths.poolNew.getHref(caId)}>
              New certificate pool
            </WriteActionLink>
          </ScreenActions>
        </div>
        <CertificatePoolList caId={caId} createDisabledReason={access.reason} />
      </section>
    </ResourceScreen>
  );
}
