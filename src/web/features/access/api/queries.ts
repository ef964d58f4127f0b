import { queryOptions } from '@tanstack/react-query';
import { buildCrn, inclusiveCrnQuery } from '#contract/crn.ts';
import { directoryQueries } from '@/lib/directory-queries.ts';
import type { OrgBindingSource } from '@/hooks/use-org-bindings.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { everyItem, listRoleBindings } from './access.ts';

/**
 * The principal an object holds its roles as: `User:<id>` for an identity
 * pool or certificate pool (`pool-…`) and for a group mapping (`group-…`).
 */
export function objectPrincipal(objectId: string): string {
  return `User:${objectId}`;
}

/** The principal a pool holds its roles as (see {@link objectPrincipal}). */
export const poolPrincipal = objectPrincipal;

/** The query for every binding anywhere in the organization (`…/*` is inclusive). */
export function organizationWidePattern(organizationId: string): string {
  return inclusiveCrnQuery(buildCrn({ organization: organizationId }));
}

export const accessQueries = {
  all: () => ['access'] as const,
  /** Shared (src/web/lib) with the other features that build CRNs. */
  organization: () => directoryQueries.organization(),
  /**
   * Every list of one object's bindings (a pool's or a group mapping's, by
   * its id): what a grant or revoke invalidates.
   */
  poolBindingLists: (poolId: string) =>
    [...accessQueries.all(), 'bindings', poolId] as const,
  /**
   * Every binding the object (`pool-…` or `group-…`) holds anywhere in the
   * organization, from one inclusive query, all pages read (grouping needs
   * them all; an object rarely has more than one page). `report` hears the
   * walk's progress.
   */
  poolBindings: (
    poolId: string,
    organizationId: string,
    report?: (progress: WalkProgress) => void,
  ) =>
    // `report` is where progress goes, not what is fetched.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...accessQueries.poolBindingLists(poolId), organizationId],
      queryFn: ({ signal }) =>
        everyItem(
          (page, pageSignal) =>
            listRoleBindings(
              {
                principal: objectPrincipal(poolId),
                crnPattern: organizationWidePattern(organizationId),
              },
              page,
              pageSignal,
            ),
          { signal, onProgress: report },
        ),
    }),
};

// Under the Access feature's key, beside its other lists. A grant or revoke
// refreshes only its pool's list: this copy catches up on Refresh or once stale.
export const orgBindingSource: OrgBindingSource = {
  listsKey: accessQueries.all(),
  listAllBindings: (organizationId, options) =>
    everyItem(
      (page, signal) =>
        listRoleBindings(
          { crnPattern: organizationWidePattern(organizationId) },
          page,
          signal,
        ),
      options,
    ),
};
