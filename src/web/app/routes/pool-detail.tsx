import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { buttonVariants } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { DeletePoolDialog } from '@/features/pools/components/delete-pool-dialog.tsx';
import { LazyTestCasesPanel } from '@/features/pools/components/lazy-test-cases-panel.tsx';
import { LazyTokenTester } from '@/features/pools/components/lazy-token-tester.tsx';
import { useCreateTestCase } from '@/features/pools/api/mutations.ts';
import {
  PoolDetail,
  PoolDetailSkeleton,
} from '@/features/pools/components/pool-detail.tsx';
import { PoolLoadError } from '@/features/pools/components/pool-load-error.tsx';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function PoolDetailRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const navigate = useNavigate();
  const provider = useQuery(providerQueries.detail(providerId));
  const pool = useQuery(poolQueries.detail(providerId, poolId));
  const createTestCase = useCreateTestCase(providerId, poolId);
  useDocumentTitle(pool.data?.display_name ?? 'Identity pool');

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    { label: pool.data?.display_name ?? poolId },
  ];

  if (pool.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PoolLoadError
          error={pool.error}
          providerId={providerId}
          onRetry={() => void pool.refetch()}
        />
      </>
    );
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">
          {pool.data ? (
            pool.data.display_name
          ) : (
            <Skeleton className="h-8 w-64" />
          )}
        </h1>
        {pool.data && (
          <div className="flex gap-2">
            <Link
              to={paths.poolEdit.getHref(providerId, poolId)}
              className={buttonVariants({ variant: 'secondary' })}
            >
              Edit
            </Link>
            <DeletePoolDialog
              providerId={providerId}
              pool={pool.data}
              onDeleted={() => {
                toast.success(`Deleted ${pool.data.display_name}`);
                void navigate(paths.provider.getHref(providerId));
              }}
            />
          </div>
        )}
      </div>
      {pool.data ? <PoolDetail pool={pool.data} /> : <PoolDetailSkeleton />}
      {pool.data && (
        <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
          <LazyTokenTester
            filter={pool.data.filter}
            identityClaim={pool.data.identity_claim}
            providerIssuer={provider.data?.issuer}
            onSaveTestCase={async (testCase) => {
              await createTestCase.mutateAsync(testCase);
              toast.success(`Saved test case ${testCase.name}`);
            }}
          />
          <LazyTestCasesPanel
            providerId={providerId}
            poolId={poolId}
            filter={pool.data.filter}
          />
        </div>
      )}
    </>
  );
}
