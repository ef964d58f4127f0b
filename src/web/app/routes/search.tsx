import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { listAllCertificatePools } from '@/features/certificates/api/all-pools.ts';
import { listAuthorities } from '@/features/certificates/api/authorities.ts';
import {
  authorityQueries,
  certificatePoolQueries,
} from '@/features/certificates/api/queries.ts';
import { listAllGroupMappings } from '@/features/group-mappings/api/all-group-mappings.ts';
import { groupMappingQueries } from '@/features/group-mappings/api/queries.ts';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { listProviders } from '@/features/providers/api/providers.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import type { OrgPoolSource } from '@/features/search/api/org-pools.ts';
import { OrgSearch } from '@/features/search/components/org-search.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { walkPages } from '@/lib/paced-walk.ts';

// The search reads every kind with its own feature's code (features do not
// import each other), and keeps its copies under their list keys, so a
// write that refreshes those lists refreshes the search too.
const ORG_OBJECTS: OrgPoolSource = {
  providerListsKey: providerQueries.lists(),
  listProviders,
  poolListsKey: poolQueries.providerLists,
  listAllPools,
  groupMappings: {
    listsKey: groupMappingQueries.lists(),
    listAll: listAllGroupMappings,
  },
  certificates: {
    authorityListsKey: authorityQueries.lists(),
    listAllAuthorities: (options) =>
      walkPages((page, signal) => listAuthorities(page, signal), options),
    poolListsKey: certificatePoolQueries.authorityLists,
    listAllPools: listAllCertificatePools,
  },
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
      <h1 className="mb-1 text-2xl font-semibold">Search</h1>
      <p className="mb-4 text-slate-700">
        Every identity pool of every provider, every SSO group mapping and every
        certificate pool of every certificate authority, loaded through
        Lifeguard’s server at the pace the API’s rate limit allows, then
        searched in your browser.
      </p>
      <OrgSearch source={ORG_OBJECTS} />
    </>
  );
}
