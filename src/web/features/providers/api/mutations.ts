import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createProvider,
  deleteProvider,
  discoverIssuer,
  refreshProviderKeys,
  updateProvider,
  type Provider,
  type ProviderCreateBody,
  type ProviderUpdateBody,
} from './providers.ts';
import { providerQueries } from './queries.ts';

// Writes are pessimistic (server validation must reach the form); each hook
// owns its cache effects and returns the invalidation so isPending covers it.

export function useCreateProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: ProviderCreateBody) => createProvider(body),
    onSuccess: (provider: Provider) => {
      queryClient.setQueryData(
        providerQueries.detail(provider.id).queryKey,
        provider,
      );
      return queryClient.invalidateQueries({
        queryKey: providerQueries.lists(),
      });
    },
  });
}

export function useUpdateProvider(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: ProviderUpdateBody) => updateProvider(providerId, body),
    onSuccess: (provider: Provider) => {
      queryClient.setQueryData(
        providerQueries.detail(providerId).queryKey,
        provider,
      );
      return queryClient.invalidateQueries({
        queryKey: providerQueries.lists(),
      });
    },
  });
}

export function useDeleteProvider(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => deleteProvider(providerId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: providerQueries.lists(),
      });
      // Last, right before the caller navigates away: removing it earlier
      // would make the still-mounted page refetch and flash a 404.
      queryClient.removeQueries({
        queryKey: providerQueries.detail(providerId).queryKey,
      });
      queryClient.removeQueries({
        queryKey: providerQueries.keyRefresh(providerId).queryKey,
      });
    },
  });
}

export function useRefreshProviderKeys(providerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => refreshProviderKeys(providerId),
    onSuccess: (jwks) => {
      queryClient.setQueryData(
        providerQueries.keyRefresh(providerId).queryKey,
        jwks,
      );
      // A refresh can bring new keys.
      return queryClient.invalidateQueries({
        queryKey: providerQueries.detail(providerId).queryKey,
      });
    },
  });
}

/** Reads an issuer's discovery document through the server, on request. */
export function useDiscoverIssuer() {
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (issuer: string) => discoverIssuer(issuer),
  });
}
