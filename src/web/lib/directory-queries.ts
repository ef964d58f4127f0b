import { queryOptions } from '@tanstack/react-query';
import type { components } from '#contract/schema.d.ts';
import { api } from './api-client.ts';
import { walkPages } from './paced-walk.ts';

export type Organization = components['schemas']['Organization'];
export type DirectoryUser = components['schemas']['User'];
export type Environment = components['schemas']['Environment'];
export type Cluster = components['schemas']['Cluster'];

// The directory changes far less often than pools do: a few minutes old is
// still right for a picker or a scope.
const DIRECTORY_STALE_MS = 5 * 60_000;

/**
 * The organization Lifeguard's credential belongs to: a Cloud API key
 * belongs to one, so the list holds that one (docs/confluent-api.md §18.1).
 */
export async function getOrganization(
  signal?: AbortSignal,
): Promise<Organization> {
  const { data } = await api().GET('/org/v2/organizations', {
    params: { query: { page_size: 1 } },
    signal,
  });
  const organization = data?.data?.[0];
  if (!organization) {
    throw new Error('Confluent listed no organization for this credential.');
  }
  return organization;
}

/** Every user of the organization, page after page, paced by the budget. */
export function listAllUsers(signal: AbortSignal): Promise<DirectoryUser[]> {
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET('/iam/v2/users', {
        params: { query: { page_size: pageSize, page_token: pageToken } },
        signal: pageSignal,
      });
      return data!;
    },
    // The query retries the whole walk itself (src/web/lib/retry-policy.ts).
    { signal, retry: false },
  );
}

/** Every environment of the organization, page after page. */
export function listAllEnvironments(
  signal: AbortSignal,
): Promise<Environment[]> {
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET('/org/v2/environments', {
        params: { query: { page_size: pageSize, page_token: pageToken } },
        signal: pageSignal,
      });
      return data!;
    },
    { signal, retry: false },
  );
}

/** One environment's Kafka clusters: Confluent requires the environment. */
export function listAllClusters(
  environmentId: string,
  signal: AbortSignal,
): Promise<Cluster[]> {
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET('/cmk/v2/clusters', {
        params: {
          query: {
            environment: environmentId,
            page_size: pageSize,
            page_token: pageToken,
          },
        },
        signal: pageSignal,
      });
      return data!;
    },
    { signal, retry: false },
  );
}

/**
 * The organization's directory, shared by every feature that names a scope
 * or a person (features do not import one another).
 */
export const directoryQueries = {
  all: () => ['directory'] as const,
  organization: () =>
    queryOptions({
      queryKey: [...directoryQueries.all(), 'organization'],
      queryFn: ({ signal }) => getOrganization(signal),
      staleTime: DIRECTORY_STALE_MS,
    }),
  environments: () =>
    queryOptions({
      queryKey: [...directoryQueries.all(), 'environments'],
      queryFn: ({ signal }) => listAllEnvironments(signal),
      staleTime: DIRECTORY_STALE_MS,
    }),
  clusters: (environmentId: string) =>
    queryOptions({
      queryKey: [...directoryQueries.all(), 'clusters', environmentId],
      queryFn: ({ signal }) => listAllClusters(environmentId, signal),
      staleTime: DIRECTORY_STALE_MS,
    }),
  users: () =>
    queryOptions({
      queryKey: [...directoryQueries.all(), 'users'],
      queryFn: ({ signal }) => listAllUsers(signal),
      staleTime: DIRECTORY_STALE_MS,
    }),
};

/** How a user is shown in a picker: full name and e-mail, or the e-mail alone. */
export function userLabel(user: DirectoryUser): string {
  const name = user.full_name?.trim();
  return name ? `${name} (${user.email})` : user.email;
}
