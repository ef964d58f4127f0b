import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { HeadingSkeleton } from '@/components/ui/skeleton.tsx';
import {
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@/components/ui/tabs.tsx';
import { paths } from '@/config/paths.ts';
import { PoolHistory } from '@/features/audit/components/pool-history.tsx';
import { ExportPoolDialog } from '@/features/export/components/export-pool-dialog.tsx';
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
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

const TABS = ['details', 'history'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

export function PoolDetailRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const provider = useQuery(providerQueries.detail(providerId));
  const pool = useQuery(poolQueries.detail(providerId, poolId));
  const createTestCase = useCreateTestCase(providerId, poolId);
  const access = useWriteAccess();
  const reasonId = useId();
  const requestedTab = searchParams.get('tab');
  const tab: Tab = isTab(requestedTab) ? requestedTab : 'details';
  useDocumentTitle(pool.data?.display_name ?? 'Identity pool');

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    { label: pool.data?.display_name ?? poolId },
  ];

  // Only when nothing was loaded: a failed background refetch keeps what is
  // on screen (its toast says so), so nothing typed below is unmounted.
  if (pool.isError && pool.data === undefined) {
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
          {pool.data ? pool.data.display_name : <HeadingSkeleton />}
        </h1>
        {pool.data &&
          (access.canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Link
                to={paths.poolEdit.getHref(providerId, poolId)}
                className={buttonVariants({ variant: 'secondary' })}
                aria-keyshortcuts="e"
              >
                Edit
              </Link>
              <Link
                to={paths.poolNew.getHref(providerId, { copy_of: poolId })}
                className={buttonVariants({ variant: 'secondary' })}
              >
                Create a copy
              </Link>
              <ExportPoolDialog
                providerId={providerId}
                pool={pool.data}
                provider={provider.data}
              />
              <DeletePoolDialog
                providerId={providerId}
                pool={pool.data}
                onDeleted={() => {
                  notify.success(`Deleted ${pool.data.display_name}`);
                  void navigate(paths.provider.getHref(providerId));
                }}
              />
            </div>
          ) : (
            <div className="grid max-w-sm justify-items-end gap-1 text-right">
              <div className="flex flex-wrap justify-end gap-2">
                <Button
                  variant="secondary"
                  disabled
                  aria-describedby={reasonId}
                >
                  Edit
                </Button>
                <Button
                  variant="secondary"
                  disabled
                  aria-describedby={reasonId}
                >
                  Create a copy
                </Button>
                <ExportPoolDialog
                  providerId={providerId}
                  pool={pool.data}
                  provider={provider.data}
                />
                <Button variant="danger" disabled aria-describedby={reasonId}>
                  Delete
                </Button>
              </div>
              <DisabledReason id={reasonId}>{access.reason}</DisabledReason>
            </div>
          ))}
      </div>
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
        <TabsList aria-label="Pool sections">
          <TabsTrigger value="details">Details</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
        </TabsList>
        <TabsContent value="details">
          {pool.isFetching && pool.failureReason && (
            <RetryNotice error={pool.failureReason} className="mb-3" />
          )}
          {pool.data ? <PoolDetail pool={pool.data} /> : <PoolDetailSkeleton />}
          {pool.data && (
            <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
              <LazyTokenTester
                filter={pool.data.filter}
                identityClaim={pool.data.identity_claim}
                providerIssuer={provider.data?.issuer}
                onSaveTestCase={async (testCase) => {
                  await createTestCase.mutateAsync(testCase);
                  notify.success(`Saved test case ${testCase.name}`);
                }}
                saveDisabledReason={access.reason}
              />
              <LazyTestCasesPanel
                providerId={providerId}
                poolId={poolId}
                filter={pool.data.filter}
                readOnlyReason={access.reason}
              />
            </div>
          )}
        </TabsContent>
        <TabsContent value="history">
          <PoolHistory providerId={providerId} poolId={poolId} />
        </TabsContent>
      </Tabs>
    </>
  );
}
