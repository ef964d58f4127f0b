import { queryOptions } from '@tanstack/react-query';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import {
  createSerialQueue,
  listEveryProvider,
  type CertificateSource,
  type GroupMappingSource,
  type OrgPoolSource,
} from './org-pools.ts';

/**
 * A whole-organisation walk costs a request per 100 pools, so its copy stays
 * fresh for a while (Refresh fetches it again) and is kept long after the
 * page is left, so coming back does not walk again.
 */
export const ORG_SEARCH_STALE_MS = 5 * 60_000;
const ORG_SEARCH_GC_MS = 30 * 60_000;

// One list walks at a time (a provider's pools, the group mappings, the
// authorities, an authority's pools), page after page, so the search never
// spends the API budget faster than a single paced walker would; the page
// shares one budget, hence one queue.
const walks = createSerialQueue();

export const orgSearchQueries = {
  providers: (source: OrgPoolSource) =>
    // The key is the source's own list key; the rest of `source` is how to
    // fetch, not what.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...source.providerListsKey, 'every'],
      queryFn: ({ signal }) => listEveryProvider(source, signal),
      staleTime: ORG_SEARCH_STALE_MS,
      gcTime: ORG_SEARCH_GC_MS,
    }),
  /**
   * Every pool of one provider. `report` hears the walk's progress, and
   * undefined while it waits for its turn behind other providers.
   */
  pools: (
    source: OrgPoolSource,
    providerId: string,
    report: (progress: WalkProgress | undefined) => void,
  ) =>
    queryOptions({
      queryKey: [...source.poolListsKey(providerId), 'every'],
      queryFn: ({ signal }) => {
        report(undefined);
        return walks.run(
          () =>
            source.listAllPools(providerId, {
              signal,
              onProgress: report,
              // The provider walked before may have left the budget low.
              paceFirstPage: true,
            }),
          signal,
        );
      },
      // The walker already retries each failed page as the policy says.
      retry: false,
      staleTime: ORG_SEARCH_STALE_MS,
      gcTime: ORG_SEARCH_GC_MS,
    }),
  /**
   * Every SSO group mapping, in the queue with the other walks. `report`
   * hears the walk's progress, and undefined while it waits its turn.
   */
  groupMappings: (
    source: GroupMappingSource,
    report: (progress: WalkProgress | undefined) => void,
  ) =>
    queryOptions({
      queryKey: [...source.listsKey, 'every'],
      queryFn: ({ signal }) => {
        report(undefined);
        return walks.run(
          () =>
            source.listAll({ signal, onProgress: report, paceFirstPage: true }),
          signal,
        );
      },
      retry: false,
      staleTime: ORG_SEARCH_STALE_MS,
      gcTime: ORG_SEARCH_GC_MS,
    }),
  /** Every certificate authority, in the queue with the other walks. */
  authorities: (source: CertificateSource) =>
    queryOptions({
      queryKey: [...source.authorityListsKey, 'every'],
      queryFn: ({ signal }) =>
        walks.run(
          () => source.listAllAuthorities({ signal, paceFirstPage: true }),
          signal,
        ),
      retry: false,
      staleTime: ORG_SEARCH_STALE_MS,
      gcTime: ORG_SEARCH_GC_MS,
    }),
  /** Every certificate pool of one authority, as `pools` is for a provider. */
  certificatePools: (
    source: CertificateSource,
    authorityId: string,
    report: (progress: WalkProgress | undefined) => void,
  ) =>
    queryOptions({
      queryKey: [...source.poolListsKey(authorityId), 'every'],
      queryFn: ({ signal }) => {
        report(undefined);
        return walks.run(
          () =>
            source.listAllPools(authorityId, {
              signal,
              onProgress: report,
              paceFirstPage: true,
            }),
          signal,
        );
      },
      retry: false,
      staleTime: ORG_SEARCH_STALE_MS,
      gcTime: ORG_SEARCH_GC_MS,
    }),
};
