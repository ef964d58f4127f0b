import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { paths } from '@/config/paths.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import {
  DeleteProviderDialog,
  type PoolCountState,
} from '@/features/providers/components/delete-provider-dialog.tsx';
import {
  ProviderDetail,
  ProviderDetailSkeleton,
} from '@/features/providers/components/provider-detail.tsx';
import { ProviderKeys } from '@/features/providers/components/provider-keys.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function ProviderDetailRoute() {
  const { providerId = '' } = useParams();
  const navigate = useNavigate();
  const provider = useProviderPage(providerId);
  // The list envelope's total_size: the pools a delete takes with it.
  const poolPage = useQuery(poolQueries.list({ providerId, pageSize: 1 }));
  const access = useWriteAccess();
  const { data } = provider.query;
  useDocumentTitle(data ? `${data.display_name} details` : 'Identity provider');

  const poolCount: PoolCountState = poolPage.isPending
    ? { status: 'pending' }
    : poolPage.isError
      ? { status: 'error' }
      : {
          status: 'known',
          count:
            poolPage.data.metadata.total_size ??
            poolPage.data.data?.length ??
            0,
        };

  return (
    <ResourceScreen
      crumbs={[...provider.crumbs, { label: 'Details' }]}
      failure={provider.failure}
      title={data?.display_name}
      subtitle={
        <p className="mt-1 text-sm">
          <Link
            to={paths.provider.getHref(providerId)}
            className="text-brand-700 hover:underline"
          >
            {poolCount.status === 'known'
              ? `${poolCount.count} identity pool${poolCount.count === 1 ? '' : 's'}`
              : 'Identity pools'}
          </Link>
        </p>
      }
      actions={
        data && (
          <ScreenActions refusal={access.reason}>
            <WriteActionLink
              to={paths.providerEdit.getHref(providerId)}
              variant="secondary"
            >
              Edit
            </WriteActionLink>
            <WriteAction label="Delete" variant="danger">
              <DeleteProviderDialog
                provider={data}
                poolCount={poolCount}
                onDeleted={() => {
                  const count =
                    poolCount.status === 'known' ? poolCount.count : 0;
                  notify.success(
                    `Deleted ${data.display_name}${count > 0 ? ` and its ${count} pool${count === 1 ? '' : 's'}` : ''}`,
                  );
                  void navigate(paths.home.getHref(), { replace: true });
                }}
              />
            </WriteAction>
          </ScreenActions>
        )
      }
    >
      {provider.query.isFetching && provider.query.failureReason && (
        <RetryNotice error={provider.query.failureReason} className="mb-3" />
      )}
      {data ? (
        <>
          <ProviderDetail provider={data} />
          <ProviderKeys provider={data} disabledReason={access.reason} />
        </>
      ) : (
        <ProviderDetailSkeleton />
      )}
    </ResourceScreen>
  );
}
