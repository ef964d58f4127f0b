import { queryOptions, skipToken } from '@tanstack/react-query';
import { getProvider, listProviders, type Jwks } from './providers.ts';

export const providerQueries = {
  all: () => ['providers'] as const,
  lists: () => [...providerQueries.all(), 'list'] as const,
  list: (params: { pageSize: number; pageToken?: string }) =>
    queryOptions({
      queryKey: [...providerQueries.lists(), params],
      queryFn: ({ signal }) => listProviders(params, signal),
    }),
  details: () => [...providerQueries.all(), 'detail'] as const,
  detail: (providerId: string) =>
    queryOptions({
      queryKey: [...providerQueries.details(), providerId],
      queryFn: ({ signal }) => getProvider(providerId, signal),
    }),
  /**
   * The answer to the last key refresh made from this console. The API
   * reports a key set's status only in answer to a refresh (a provider's GET
   * carries its keys but not their status), so nothing fetches this: the
   * refresh mutation writes it.
   */
  keyRefresh: (providerId: string) =>
    queryOptions<Jwks>({
      queryKey: [...providerQueries.all(), 'key-refresh', providerId],
      queryFn: skipToken,
      staleTime: Infinity,
      gcTime: Infinity,
    }),
};
