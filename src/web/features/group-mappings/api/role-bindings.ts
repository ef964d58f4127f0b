import { queryOptions } from '@tanstack/react-query';
import { buildCrn, inclusiveCrnQuery } from '#contract/crn.ts';
import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';
import { groupMappingQueries } from './queries.ts';

export type RoleBindingList = components['schemas']['RoleBindingList'];

/** What the CLI asks for, within both of Confluent's specs (decision 015). */
export const MAPPING_BINDINGS_PAGE_SIZE = 100;

/** The principal role bindings name a group mapping by: `User:group-…`. */
export function groupMappingPrincipal(mapping: { principal: string }): string {
  return `User:${mapping.principal}`;
}

/**
 * The first page of the role bindings a mapping's principal holds anywhere
 * in the organization: one inclusive query, `principal=User:<group id>`
 * with `crn_pattern=crn://confluent.cloud/organization=<org>/*`.
 */
export async function listGroupMappingRoleBindings(
  principal: string,
  organizationId: string,
  signal?: AbortSignal,
): Promise<RoleBindingList> {
  const { data } = await api().GET('/iam/v2/role-bindings', {
    params: {
      query: {
        principal,
        crn_pattern: inclusiveCrnQuery(
          buildCrn({ organization: organizationId }),
        ),
        page_size: MAPPING_BINDINGS_PAGE_SIZE,
      },
    },
    signal,
  });
  return data!;
}

export const groupMappingBindingQueries = {
  /**
   * The first page of the bindings the mapping holds in the organization,
   * read afresh each time it is shown: grants are made elsewhere (the
   * Access tab), whose writes do not reach this key.
   */
  firstPage: (id: string, principal: string, organizationId: string) =>
    queryOptions({
      queryKey: [
        ...groupMappingQueries.detail(id).queryKey,
        'role-bindings',
        principal,
        organizationId,
      ],
      queryFn: ({ signal }) =>
        listGroupMappingRoleBindings(principal, organizationId, signal),
      staleTime: 0,
    }),
};
