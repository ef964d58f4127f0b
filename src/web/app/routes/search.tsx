import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { listProviders } from '@/features/providers/api/providers.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import type { OrgPoolSource } from '@/features/search/api/org-pools.ts';
import { OrgSearch } from '@/features/search/components/org-search.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

// The search reads providers and walks pools with their own features' code
// (features do not import each other), and keeps its copies under their list
// keys, so a pool or provider write that refreshes those lists refreshes the
// search too.
const ORG_POOLS: OrgPoolSource = {
  providerListsKey: providerQueries.lists(),
  listProviders,
  poolListsKey: poolQueries.providerLists,
  listAllPools,
};

export function SearchRoute() {
  useDocumentTitle('Search');
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Identity providers', href: paths.home.getHref() },
          { label: 'Search' },
        ]}
      />
      <h1 className="mb-1 text-2xl font-semibold">Search all pools</h1>
      <p className="mb-4 text-slate-700">
        Every identity pool of every provider, loaded through Lifeguard’s server
        at the pace the API’s rate limit allows, then searched in your browser.
      </p>
      <OrgSearch source={ORG_POOLS} />
    </>
  );
}
