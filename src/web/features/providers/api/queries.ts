import { queryOptions } from '@tanstack/react-query';
import { getProvider, listProviders } from './providers.ts';

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
};
