import { buildCrn, inclusiveCrnQuery } from '#contract/crn.ts';
import { poolPrincipal } from '#contract/export.ts';
import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';
import { walkPages, type PacedWalkOptions } from '@/lib/paced-walk.ts';

export type RoleBinding = components['schemas']['RoleBinding'];

export type PoolRoleBindingsOptions = Pick<
  PacedWalkOptions,
  'signal' | 'onProgress'
>;

/**
 * The id of the organization Lifeguard's credential belongs to: a Cloud API
 * key belongs to one, so the list holds that one (docs/confluent-api.md
 * §18.1). Asked here rather than shared, since features stay independent.
 */
export async function getOrganizationId(signal: AbortSignal): Promise<string> {
  // Walked for its retries; it is one page.
  const organizations = await walkPages(
    async ({ pageToken }, pageSignal) => {
      const { data } = await api().GET('/org/v2/organizations', {
        params: { query: { page_size: 1, page_token: pageToken } },
        signal: pageSignal,
      });
      // One is enough: the rest of a longer list is not read.
      return { ...data!, metadata: { ...data!.metadata, next: null } };
    },
    { signal },
  );
  const id = organizations[0]?.id;
  if (!id) {
    throw new Error('Confluent listed no organization for this credential.');
  }
  return id;
}

/**
 * Every role binding an object holds, anywhere in the organization (an
 * identity or certificate pool, `pool-…`, or a group mapping, `group-…`):
 * one inclusive query (`principal=User:<id>`,
 * `crn_pattern=crn://confluent.cloud/organization=<org>/*`), walked page by
 * page at the API budget's pace (see {@link walkPages}); `onProgress` hears
 * the walk of the bindings.
 */
export async function listPoolRoleBindings(
  poolId: string,
  { signal, onProgress }: PoolRoleBindingsOptions,
): Promise<RoleBinding[]> {
  const organization = await getOrganizationId(signal);
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET('/iam/v2/role-bindings', {
        params: {
          query: {
            principal: poolPrincipal({ id: poolId }),
            crn_pattern: inclusiveCrnQuery(buildCrn({ organization })),
            page_size: pageSize,
            page_token: pageToken,
          },
        },
        signal: pageSignal,
      });
      return data!;
    },
    // The organization was one request of the same budget.
    { signal, onProgress, paceFirstPage: true },
  );
}
