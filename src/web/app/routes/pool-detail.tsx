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
import { paths } from '@/config/paths.ts';
import { LazyTokenAccess } from '@/features/access/components/lazy-token-access.tsx';
import { LazyAccessTab } from '@/features/access/components/lazy-access-tab.tsx';
import { PoolHistory } from '@/features/audit/components/pool-history.tsx';
import { ExportPoolDialog } from '@/features/export/components/export-pool-dialog.tsx';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { useCreateTestCase } from '@/features/pools/api/mutations.ts';
import { DeletePoolDialog } from '@/features/pools/detail/delete-pool-dialog.tsx';
import { LazyTestCasesPanel } from '@/features/pools/token-tools/lazy-test-cases-panel.tsx';
import { LazyTokenTester } from '@/features/pools/token-tools/lazy-token-tester.tsx';
import {
  PoolDetail,
  PoolDetailSkeleton,
} from '@/features/pools/detail/pool-detail.tsx';
import { usePoolPage } from '@/features/pools/detail/use-pool-page.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

const TABS = ['details', 'history', 'access'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

export function PoolDetailRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const provider = useProviderPage(providerId);
  const pool = usePoolPage(providerId, poolId);
  const createTestCase = useCreateTestCase(providerId, poolId);
  const access = useWriteAccess();
  const requestedTab = searchParams.get('tab');
  const tab: Tab = isTab(requestedTab) ? requestedTab : 'details';
  const { data } = pool.query;
  useDocumentTitle(data?.display_name ?? 'Identity pool');

  return (
    <ResourceScreen
      crumbs={[...provider.crumbs, pool.crumb]}
      failure={pool.failure}
      title={data?.display_name}
      actions={
        data && (
          <ScreenActions refusal={access.reason}>
            <WriteActionLink
              to={paths.poolEdit.getHref(providerId, poolId)}
              variant="secondary"
              aria-keyshortcuts="e"
            >
              Edit
            </WriteActionLink>
            <WriteActionLink
              to={paths.poolNew.getHref(providerId, { copy_of: poolId })}
              variant="secondary"
            >
              Create a copy
            </WriteActionLink>
            <ExportPoolDialog
              providerId={providerId}
              pool={data}
              provider={provider.query.data}
            />
            <WriteAction label="Delete" variant="danger">
              <DeletePoolDialog
                providerId={providerId}
                pool={data}
                onDeleted={() => {
                  notify.success(`Deleted ${data.display_name}`);
                  void navigate(paths.provider.getHref(providerId));
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
        <TabsList aria-label="Pool sections">
          <TabsTrigger value="details">Details</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
          <TabsTrigger value="access">Access</TabsTrigger>
        </TabsList>
        <TabsContent value="details">
          {pool.query.isFetching && pool.query.failureReason && (
            <RetryNotice error={pool.query.failureReason} className="mb-3" />
          )}
          {data ? <PoolDetail pool={data} /> : <PoolDetailSkeleton />}
          {data && (
            <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
              <LazyTokenTester
                filter={data.filter}
                identityClaim={data.identity_claim}
                providerIssuer={provider.query.data?.issuer}
                onSaveTestCase={async (testCase) => {
                  await createTestCase.mutateAsync(testCase);
                  notify.success(`Saved test case ${testCase.name}`);
                }}
                saveDisabledReason={access.reason}
                renderAccess={({ identity, refusal }) => (
                  <LazyTokenAccess
                    landings={[
                      {
                        providerId,
                        poolId,
                        poolName: data.display_name,
                        identityClaim: data.identity_claim,
                        identity,
                      },
                    ]}
                    refusal={refusal}
                    others={
                      <>
                        Other pools of this provider whose filters match it add
                        their access too:{' '}
                        <Link
                          to={paths.provider.getHref(providerId)}
                          className="font-medium text-brand-700 hover:underline"
                        >
                          find every pool it lands in
                        </Link>
                        .
                      </>
                    }
                  />
                )}
              />
              <LazyTestCasesPanel
                providerId={providerId}
                poolId={poolId}
                filter={data.filter}
                readOnlyReason={access.reason}
              />
            </div>
          )}
        </TabsContent>
        <TabsContent value="history">
          <PoolHistory providerId={providerId} poolId={poolId} />
        </TabsContent>
        <TabsContent value="access">
          <LazyAccessTab
            principalId={poolId}
            readOnlyReason={access.reason}
            risk={
              data && {
                pool: data,
                providerId,
                providerIssuer: provider.query.data?.issuer,
                loadProviderPools: ({ signal }) =>
                  listAllPools(providerId, { signal }),
              }
            }
          />
        </TabsContent>
      </Tabs>
    </ResourceScreen>
  );
}
