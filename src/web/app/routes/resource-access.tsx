import { useMemo } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { orgBindingSource } from '@/features/access/api/queries.ts';
import { useDirectory } from '@/hooks/use-directory.ts';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { listProviders } from '@/features/providers/api/providers.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import {
  ResourceAccess,
  type KnownPool,
} from '@/features/resource-access/components/resource-access.tsx';
import type { OrgPoolSource } from '@/features/search/api/org-pools.ts';
import { useOrgPools } from '@/features/search/api/use-org-pools.ts';
import {
  ProviderErrors,
  SearchProgress,
} from '@/features/search/components/search-progress.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

// The same source and keys as the search route's, so the pools the search
// loaded answer here without a second walk, and the other way round.
const ORG_POOLS: OrgPoolSource = {
  providerListsKey: providerQueries.lists(),
  listProviders,
  poolListsKey: poolQueries.providerLists,
  listAllPools,
};

export function ResourceAccessRoute() {
  useDocumentTitle('Who can reach a resource');
  const directory = useDirectory();
  const orgPools = useOrgPools(ORG_POOLS);
  const { byProvider } = orgPools;
  const pools = useMemo(() => {
    const byId = new Map<string, KnownPool>();
    for (const { provider, pools: list } of byProvider) {
      for (const pool of list ?? []) {
        byId.set(pool.id, {
          pool,
          providerId: provider.id,
          providerName: provider.display_name,
          providerIssuer: provider.issuer,
        });
      }
    }
    return byId;
  }, [byProvider]);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Identity providers', href: paths.home.getHref() },
          { label: 'Who can reach a resource' },
        ]}
      />
      <h1 className="mb-1 text-2xl font-semibold">Who can reach a resource</h1>
      <p className="mb-4 max-w-prose text-slate-700">
        Pick a topic, consumer group, transactional id or subject (or a prefix
        of their names, or a whole cluster): every identity pool of every
        provider whose role bindings reach it, and how. Every role binding of
        the organization is fetched once, then the question is answered in your
        browser.
      </p>
      <ResourceAccess
        source={orgBindingSource}
        directory={directory}
        pools={pools}
        poolsStatus={
          <>
            <SearchProgress
              byProvider={byProvider}
              hasProviders={orgPools.providers !== undefined}
              isListingProviders={orgPools.providersQuery.isFetching}
              isStopped={orgPools.isStopped}
              onStop={orgPools.stop}
              onResume={orgPools.resume}
              onRefresh={orgPools.refresh}
            />
            <ProviderErrors byProvider={byProvider} />
          </>
        }
      />
    </>
  );
}
