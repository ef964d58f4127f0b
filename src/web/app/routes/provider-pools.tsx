import { useQuery } from '@tanstack/react-query';
import { memo, useId } from 'react';
import { Link, useParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { HeadingSkeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { ExportProviderDialog } from '@/features/export/components/export-provider-dialog.tsx';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { LazyMatchingPools } from '@/features/pools/components/lazy-matching-pools.tsx';
import { NewPoolFromTemplate } from '@/features/pools/components/new-pool-from-template.tsx';
import { PoolList } from '@/features/pools/components/pool-list.tsx';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function ProviderPoolsRoute() {
  const { providerId = '' } = useParams();
  // The address changes with every page of the list; only the list reads
  // it, so the rest of the screen is not rendered again for a new page.
  return <ProviderPools providerId={providerId} />;
}

const ProviderPools = memo(function ProviderPools({
  providerId,
}: {
  providerId: string;
}) {
  const provider = useQuery(providerQueries.detail(providerId));
  const access = useWriteAccess();
  const reasonId = useId();
  useDocumentTitle(
    provider.data ? `${provider.data.display_name} pools` : 'Identity pools',
  );
  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    { label: provider.data?.display_name ?? providerId },
  ];
  const exportDialog = provider.data && (
    <ExportProviderDialog
      provider={provider.data}
      loadPools={(options) => listAllPools(providerId, options)}
    />
  );
  // Only when nothing was loaded: a failed background refetch keeps the page
  // (its toast says so), so nothing typed on it is unmounted.
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
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {provider.data ? provider.data.display_name : <HeadingSkeleton />}
          </h1>
          <p className="mt-1 font-mono text-xs break-all text-slate-600">
            {provider.data?.issuer ?? '\u00a0'}
          </p>
          <p className="mt-1 text-sm">
            <Link
              to={paths.providerDetail.getHref(providerId)}
              className="text-brand-700 hover:underline"
            >
              Provider details and signing keys
            </Link>
          </p>
        </div>
        {access.canWrite ? (
          <div className="flex flex-wrap items-start gap-2">
            {exportDialog}
            <NewPoolFromTemplate providerId={providerId} />
            <Link
              to={paths.poolNew.getHref(providerId)}
              className={buttonVariants()}
              aria-keyshortcuts="n"
            >
              New pool
            </Link>
          </div>
        ) : (
          <div className="grid max-w-sm justify-items-end gap-1 text-right">
            <div className="flex gap-2">
              {exportDialog}
              <Button disabled aria-describedby={reasonId}>
                New pool
              </Button>
            </div>
            <DisabledReason id={reasonId}>{access.reason}</DisabledReason>
          </div>
        )}
      </div>
      <PoolList providerId={providerId} createDisabledReason={access.reason} />
      <details className="mt-6">
        <summary className="cursor-pointer font-medium text-brand-700">
          Find the pools a token lands in
        </summary>
        <div className="mt-3">
          <LazyMatchingPools
            providerId={providerId}
            providerIssuer={provider.data?.issuer}
          />
        </div>
      </details>
    </>
  );
});
