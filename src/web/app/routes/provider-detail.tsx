import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { HeadingSkeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import {
  DeleteProviderDialog,
  type PoolCountState,
} from '@/features/providers/components/delete-provider-dialog.tsx';
import {
  ProviderDetail,
  ProviderDetailSkeleton,
} from '@/features/providers/components/provider-detail.tsx';
import { ProviderKeys } from '@/features/providers/components/provider-keys.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function ProviderDetailRoute() {
  const { providerId = '' } = useParams();
  const navigate = useNavigate();
  const provider = useQuery(providerQueries.detail(providerId));
  // The list envelope's total_size: the pools a delete takes with it.
  const poolPage = useQuery(poolQueries.list({ providerId, pageSize: 1 }));
  const access = useWriteAccess();
  const reasonId = useId();
  useDocumentTitle(
    provider.data
      ? `${provider.data.display_name} details`
      : 'Identity provider',
  );

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    { label: 'Details' },
  ];

  // Only when nothing was loaded: a failed background refetch keeps the page.
  if (provider.isError && provider.data === undefined) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <ApiErrorView
          error={provider.error}
          onRetry={() => void provider.refetch()}
        />
      </>
    );
  }

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
    <>
      <Breadcrumbs items={crumbs} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">
            {provider.data ? provider.data.display_name : <HeadingSkeleton />}
          </h1>
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
        </div>
        {provider.data &&
          (access.canWrite ? (
            <div className="flex gap-2">
              <Link
                to={paths.providerEdit.getHref(providerId)}
                className={buttonVariants({ variant: 'secondary' })}
              >
                Edit
              </Link>
              <DeleteProviderDialog
                provider={provider.data}
                poolCount={poolCount}
                onDeleted={() => {
                  const count =
                    poolCount.status === 'known' ? poolCount.count : 0;
                  notify.success(
                    `Deleted ${provider.data.display_name}${count > 0 ? ` and its ${count} pool${count === 1 ? '' : 's'}` : ''}`,
                  );
                  void navigate(paths.home.getHref(), { replace: true });
                }}
              />
            </div>
          ) : (
            <div className="grid max-w-sm justify-items-end gap-1 text-right">
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled
                  aria-describedby={reasonId}
                >
                  Edit
                </Button>
                <Button variant="danger" disabled aria-describedby={reasonId}>
                  Delete
                </Button>
              </div>
              <DisabledReason id={reasonId}>{access.reason}</DisabledReason>
            </div>
          ))}
      </div>
      {provider.isFetching && provider.failureReason && (
        <RetryNotice error={provider.failureReason} className="mb-3" />
      )}
      {provider.data ? (
        <>
          <ProviderDetail provider={provider.data} />
          <ProviderKeys
            provider={provider.data}
            disabledReason={access.reason}
          />
        </>
      ) : (
        <ProviderDetailSkeleton />
      )}
    </>
  );
}
