import { Link, useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
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
import { DetailActions } from '../detail-actions.tsx';
import { DetailTabs } from '../detail-tabs.tsx';

export function PoolDetailRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const provider = useProviderPage(providerId);
  const pool = usePoolPage(providerId, poolId);
  const createTestCase = useCreateTestCase(providerId, poolId);
  const access = useWriteAccess();
  const { data } = pool.query;
  useDocumentTitle(data?.display_name ?? 'Identity pool');

  return (
    <ResourceScreen
      crumbs={[...provider.crumbs, pool.crumb]}
      failure={pool.failure}
      title={data?.display_name}
      actions={
        data && (
          <DetailActions
            refusal={access.reason}
            name={data.display_name}
            editHref={paths.poolEdit.getHref(providerId, poolId)}
            copyHref={paths.poolNew.getHref(providerId, { copy_of: poolId })}
            hasEditShortcut
            exportDialog={
              <ExportPoolDialog
                providerId={providerId}
                pool={data}
                provider={provider.query.data}
              />
            }
            renderDelete={(onDeleted) => (
              <DeletePoolDialog
                providerId={providerId}
                pool={data}
                onDeleted={onDeleted}
              />
            )}
            deletedHref={paths.provider.getHref(providerId)}
          />
        )
      }
    >
      <DetailTabs
        label="Pool sections"
        query={pool.query}
        details={
          <>
            {data ? <PoolDetail pool={data} /> : <PoolDetailSkeleton />}
            {data && (
              <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
                <LazyTokenTester
                  filter={data.filter}
                  identityClaim={data.identity_claim}
                  providerIssuer={provider.query.data?.issuer}
                  poolId={poolId}
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
                          Other pools of this provider whose filters match it
                          add their access too:{' '}
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
          </>
        }
        history={<PoolHistory providerId={providerId} poolId={poolId} />}
        access={
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
        }
      />
    </ResourceScreen>
  );
}
