import { queryOptions } from '@tanstack/react-query';
import { buildCrn, inclusiveCrnQuery } from '#contract/crn.ts';
import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';
import { poolQueries } from './queries.ts';

export type RoleBindingList = components['schemas']['RoleBindingList'];

/** What the CLI asks for, within both of Confluent's specs (decision 015). */
export const POOL_BINDINGS_PAGE_SIZE = 100;

/**
 * The first page of the role bindings a pool holds anywhere in the
 * organization: one inclusive query, `principal=User:<pool id>` with
 * `crn_pattern=crn://confluent.cloud/organization=<org>/*`.
 */
export async function listPoolRoleBindings(
  poolId: string,
  organizationId: string,
  signal?: AbortSignal,
): Promise<RoleBindingList> {
  const { data } = await api().GET('/iam/v2/role-bindings', {
    params: {
      query: {
        principal: `User:${poolId}`,
        crn_pattern: inclusiveCrnQuery(
          buildCrn({ organization: organizationId }),
        ),
        page_size: POOL_BINDINGS_PAGE_SIZE,
      },
    },
    signal,
  });
  return data!;
}

// Not in queries.ts: that module is on the first screen (pool counts), and
// this one brings the CRN builder.
export const poolBindingQueries = {
  /**
   * The first page of the bindings the pool holds in the organization. Read
   * afresh each time it is shown: grants are made elsewhere (the Access
   * tab), whose writes do not reach this key.
   */
  firstPage: (providerId: string, poolId: string, organizationId: string) =>
    queryOptions({
      queryKey: [
        ...poolQueries.detail(providerId, poolId).queryKey,
        'role-bindings',
        organizationId,
      ],
      queryFn: ({ signal }) =>
        listPoolRoleBindings(poolId, organizationId, signal),
      staleTime: 0,
    }),
};
