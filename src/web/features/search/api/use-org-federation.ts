import {
  useQueries,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import {
  indexCertificatePools,
  indexGroupMappings,
  type IndexedEntry,
} from '../search-index.ts';
import type {
  CertificateAuthority,
  CertificatePool,
  CertificateSource,
  GroupMapping,
  GroupMappingSource,
} from './org-pools.ts';
import { orgSearchQueries } from './queries.ts';

/** One walked list of the search beyond the identity pools. */
export type FederationWalk = {
  /** A stable key: `group-mappings`, or the authority's id. */
  key: string;
  /** What it is, for progress and errors: "Group mappings", the authority's name. */
  label: string;
  /** Objects loaded, once loaded. */
  count: number | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  /** Its walk, while it runs; undefined while it waits for its turn. */
  progress: WalkProgress | undefined;
  retry: () => void;
};

type ListState<T> = Pick<
  UseQueryResult<T[]>,
  'data' | 'error' | 'isError' | 'isFetching' | 'refetch'
>;

function combineLists<T>(results: UseQueryResult<T[]>[]) {
  return {
    states: results.map((result): ListState<T> => ({
      data: result.data,
      error: result.error,
      isError: result.isError,
      isFetching: result.isFetching,
      refetch: result.refetch,
    })),
    lists: results.map((result) => result.data),
  };
}

// Indexed once per list (the search rebuilds nothing on a keystroke).
const mappingIndex = new WeakMap<GroupMapping[], IndexedEntry[]>();
const poolIndex = new WeakMap<
  CertificatePool[],
  { authorityName: string; entries: IndexedEntry[] }
>();

function indexedMappings(mappings: GroupMapping[]): IndexedEntry[] {
  let entries = mappingIndex.get(mappings);
  if (!entries) {
    entries = indexGroupMappings(mappings);
    mappingIndex.set(mappings, entries);
  }
  return entries;
}

function indexedPools(
  authority: CertificateAuthority,
  pools: CertificatePool[],
): IndexedEntry[] {
  const cached = poolIndex.get(pools);
  if (cached?.authorityName === authority.display_name) return cached.entries;
  const entries = indexCertificatePools(authority, pools);
  poolIndex.set(pools, { authorityName: authority.display_name, entries });
  return entries;
}

const NO_AUTHORITIES: CertificateAuthority[] = [];

const NO_MAPPINGS: GroupMappingSource = {
  listsKey: ['search', 'no-group-mappings'],
  listAll: () => Promise.resolve([]),
};
const NO_CERTIFICATES: CertificateSource = {
  authorityListsKey: ['search', 'no-certificates'],
  listAllAuthorities: () => Promise.resolve([]),
  poolListsKey: (id) => ['search', 'no-certificates', id],
  listAllPools: () => Promise.resolve([]),
};

/**
 * The search's other kinds: every SSO group mapping, and every certificate
 * pool of every certificate authority, each list walked in the search's one
 * paced queue and cached on its own (a failed one keeps the others, and is
 * retried alone). Absent sources are not read.
 */
export function useOrgFederation(sources: {
  groupMappings?: GroupMappingSource;
  certificates?: CertificateSource;
}) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<
    Record<string, WalkProgress | undefined>
  >({});
  const [isStopped, setIsStopped] = useState(false);
  const mappingSource = sources.groupMappings ?? NO_MAPPINGS;
  const certificateSource = sources.certificates ?? NO_CERTIFICATES;

  const mappingsOptions = useMemo(
    () =>
      orgSearchQueries.groupMappings(mappingSource, (next) =>
        setProgress((all) => ({ ...all, 'group-mappings': next })),
      ),
    [mappingSource],
  );
  const mappings = useQuery({
    ...mappingsOptions,
    enabled: sources.groupMappings !== undefined,
  });
  const authoritiesOptions = orgSearchQueries.authorities(certificateSource);
  const authoritiesQuery = useQuery({
    ...authoritiesOptions,
    enabled: sources.certificates !== undefined,
  });
  const authorities = sources.certificates
    ? authoritiesQuery.data
    : NO_AUTHORITIES;

  const poolOptions = useMemo(
    () =>
      (authorities ?? []).map((authority) =>
        orgSearchQueries.certificatePools(
          certificateSource,
          authority.id,
          (next) => setProgress((all) => ({ ...all, [authority.id]: next })),
        ),
      ),
    [authorities, certificateSource],
  );
  const pools = useQueries({ queries: poolOptions, combine: combineLists });

  const entries = useMemo(
    () => [
      ...(mappings.data ? indexedMappings(mappings.data) : []),
      ...(authorities ?? []).flatMap((authority, index) => {
        const list = pools.lists[index];
        return list ? indexedPools(authority, list) : [];
      }),
    ],
    [mappings.data, authorities, pools.lists],
  );

  const walks: FederationWalk[] = [];
  if (sources.groupMappings) {
    walks.push({
      key: 'group-mappings',
      label: 'Group mappings',
      count: mappings.data?.length,
      error: mappings.error,
      isError: mappings.isError,
      isFetching: mappings.isFetching,
      progress: mappings.isFetching ? progress['group-mappings'] : undefined,
      retry: () => {
        setIsStopped(false);
        void mappings.refetch();
      },
    });
  }
  const authorityWalks = (authorities ?? []).map(
    (authority, index): FederationWalk => {
      const state = pools.states[index];
      return {
        key: authority.id,
        label: authority.display_name,
        count: state?.data?.length,
        error: state?.error,
        isError: state?.isError ?? false,
        isFetching: state?.isFetching ?? false,
        progress: state?.isFetching ? progress[authority.id] : undefined,
        retry: () => {
          setIsStopped(false);
          void state?.refetch();
        },
      };
    },
  );

  const stop = useCallback(() => {
    setIsStopped(true);
    for (const queryKey of [
      mappingsOptions.queryKey,
      authoritiesOptions.queryKey,
      ...poolOptions.map((options) => options.queryKey),
    ]) {
      void queryClient.cancelQueries({ queryKey, exact: true });
    }
  }, [queryClient, mappingsOptions, authoritiesOptions.queryKey, poolOptions]);

  const { refetch: refetchMappings } = mappings;
  const { refetch: refetchAuthorities } = authoritiesQuery;
  const hasMappings = sources.groupMappings !== undefined;
  const hasCertificates = sources.certificates !== undefined;
  const resume = useCallback(() => {
    setIsStopped(false);
    if (hasMappings && mappings.data === undefined && !mappings.isFetching) {
      void refetchMappings();
    }
    if (!hasCertificates) return;
    if (authoritiesQuery.data === undefined) {
      void refetchAuthorities();
      return;
    }
    for (const state of pools.states) {
      if (state.data === undefined && !state.isFetching) void state.refetch();
    }
  }, [
    hasMappings,
    hasCertificates,
    mappings.data,
    mappings.isFetching,
    refetchMappings,
    authoritiesQuery.data,
    refetchAuthorities,
    pools.states,
  ]);

  const refresh = useCallback(() => {
    setIsStopped(false);
    if (hasMappings) void refetchMappings();
    if (!hasCertificates) return;
    void refetchAuthorities();
    for (const state of pools.states) void state.refetch();
  }, [
    hasMappings,
    hasCertificates,
    refetchMappings,
    refetchAuthorities,
    pools.states,
  ]);

  return {
    /** Whether the search covers group mappings and certificate pools at all. */
    hasMappings,
    hasCertificates,
    authoritiesQuery,
    /** The authorities, once listed (every one, for the parent filter). */
    authorities: hasCertificates ? authoritiesQuery.data : undefined,
    walks: [...walks, ...authorityWalks],
    entries,
    isFetching:
      (hasMappings && mappings.isFetching) ||
      (hasCertificates && authoritiesQuery.isFetching) ||
      pools.states.some((state) => state.isFetching),
    isStopped,
    stop,
    resume,
    refresh,
  };
}
