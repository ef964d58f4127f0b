import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';
import {
  walkPages,
  type FetchPage,
  type ListPage,
  type PacedWalkOptions,
} from '@/lib/paced-walk.ts';

export type { Cluster, Environment } from '@/lib/directory-queries.ts';
export type RoleBinding = components['schemas']['RoleBinding'];
export type RoleBindingCreateBody = components['schemas']['RoleBindingCreate'];

/** Which page of a Confluent list to ask for: the first without a token. */
export type PageRequest = { pageSize: number; pageToken?: string };

function paging({ pageSize, pageToken }: PageRequest) {
  return { page_size: pageSize, page_token: pageToken };
}

export type RoleBindingFilter = {
  /** Exact, e.g. `User:pool-AzXR`. */
  principal?: string;
  /** Exact, e.g. `DeveloperRead`. */
  roleName?: string;
  /** Required by Confluent; ending in `/*` it takes in every scope below. */
  crnPattern: string;
};

export async function listRoleBindings(
  { principal, roleName, crnPattern }: RoleBindingFilter,
  page: PageRequest,
  signal?: AbortSignal,
) {
  const { data } = await api().GET('/iam/v2/role-bindings', {
    params: {
      query: {
        principal,
        role_name: roleName,
        crn_pattern: crnPattern,
        ...paging(page),
      },
    },
    signal,
  });
  return data!;
}

export async function createRoleBinding(
  body: RoleBindingCreateBody,
): Promise<RoleBinding> {
  const { data } = await api().POST('/iam/v2/role-bindings', { body });
  return data!;
}

/**
 * Revokes a binding. Confluent's specs answer 200 with the deleted binding,
 * its own client mocks 204 without a body: both are a success, and the
 * binding is returned when there was one.
 */
export async function deleteRoleBinding(
  id: string,
): Promise<RoleBinding | undefined> {
  const { data } = await api().DELETE('/iam/v2/role-bindings/{id}', {
    params: { path: { id } },
  });
  return data ?? undefined;
}

/**
 * Every item of a list, page after page (100 at a time), paced by the API
 * budget. The caller's query retries a failed walk, so pages are not
 * retried here.
 */
export function everyItem<T>(
  fetchPage: (page: PageRequest, signal: AbortSignal) => Promise<ListPage<T>>,
  options: Pick<PacedWalkOptions, 'signal' | 'onProgress'>,
): Promise<T[]> {
  const walk: FetchPage<T> = (page, signal) => fetchPage(page, signal);
  return walkPages(walk, { ...options, retry: false });
}
