import {
  queryOptions,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { components } from '#contract/schema.d.ts';
import { indexBindings } from '#contract/effective-access.ts';
import { directoryQueries } from '@/lib/directory-queries.ts';
import type { PacedWalkOptions, WalkProgress } from '@/lib/paced-walk.ts';

export type RoleBinding = components['schemas']['RoleBinding'];

/**
 * How the page reads the organization's bindings. Features do not import
 * each other, so the route module hands in the Access feature's walker and
 * the key its lists live under: a refresh of access refreshes this too.
 */
export type OrgBindingSource = {
  listsKey: QueryKey;
  /** Every binding of the organization, any principal, every page. */
  listAllBindings: (
    organizationId: string,
    options: Required<Pick<PacedWalkOptions, 'signal' | 'onProgress'>>,
  ) => Promise<RoleBinding[]>;
};

// A whole-organization walk costs a request per 100 bindings, so its copy is
// kept like the search's pools: fresh for a while, and long after the page
// is left, so coming back answers at once.
const STALE_MS = 5 * 60_000;
const GC_MS = 30 * 60_000;

export const orgBindingQueries = {
  every: (
    source: OrgBindingSource,
    organizationId: string,
    report: (progress: WalkProgress) => void,
  ) =>
    // The key is the source's list key and the organization; the rest is
    // how to fetch, not what.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...source.listsKey, 'organization-wide', organizationId],
      queryFn: ({ signal }) =>
        source.listAllBindings(organizationId, { signal, onProgress: report }),
      staleTime: STALE_MS,
      gcTime: GC_MS,
    }),
};

/**
 * The organization and every one of its role bindings, indexed once for
 * any number of questions. `stop` cancels the walk; `fetchAgain` starts it
 * over (or refreshes a copy already loaded).
 */
export function useOrgBindings(source: OrgBindingSource) {
  const queryClient = useQueryClient();
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const [progress, setProgress] = useState<WalkProgress>();
  const [isStopped, setIsStopped] = useState(false);
  const options = orgBindingQueries.every(
    source,
    organizationId ?? '',
    setProgress,
  );
  const bindings = useQuery({
    ...options,
    // A stopped walk stays stopped until asked again, even on remount.
    enabled: organizationId !== undefined && !isStopped,
  });
  const index = useMemo(
    () => (bindings.data ? indexBindings(bindings.data) : undefined),
    [bindings.data],
  );
  const byPrincipal = useMemo(
    () => (bindings.data ? groupByPrincipal(bindings.data) : undefined),
    [bindings.data],
  );
  const { queryKey } = options;
  const stop = useCallback(() => {
    setIsStopped(true);
    void queryClient.cancelQueries({ queryKey, exact: true });
  }, [queryClient, queryKey]);
  const { refetch } = bindings;
  const fetchAgain = useCallback(() => {
    setProgress(undefined);
    setIsStopped(false);
    void refetch();
  }, [refetch]);
  return {
    organization,
    organizationId,
    bindings,
    index,
    /** The same bindings by principal (`User:pool-…`), once per fetch. */
    byPrincipal,
    progress: bindings.isFetching ? progress : undefined,
    isStopped: isStopped && !bindings.isFetching,
    stop,
    fetchAgain,
  };
}

/** Bindings by principal, in the order listed. */
export type BindingsByPrincipal = ReadonlyMap<string, readonly RoleBinding[]>;

function groupByPrincipal(bindings: readonly RoleBinding[]) {
  const byPrincipal = new Map<string, RoleBinding[]>();
  for (const binding of bindings) {
    const list = byPrincipal.get(binding.principal);
    if (list) list.push(binding);
    else byPrincipal.set(binding.principal, [binding]);
  }
  return byPrincipal as BindingsByPrincipal;
}
