import { useMutation, useQueryClient } from '@tanstack/react-query';
import { quotaQueries } from '@/lib/quota-queries.ts';
import {
  createAuthority,
  deleteAuthority,
  replaceAuthority,
  type CertificateAuthority,
  type CertificateAuthorityWrite,
} from './authorities.ts';
import {
  createCertificatePool,
  deleteCertificatePool,
  replaceCertificatePool,
  type CertificatePool,
  type CertificatePoolCreateInput,
  type CertificatePoolWrite,
} from './pools.ts';
import { authorityQueries, certificatePoolQueries } from './queries.ts';

// Writes are pessimistic (server validation must reach the form); each hook
// owns its cache effects and returns the invalidation so isPending covers it.

export function useCreateAuthority() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: CertificateAuthorityWrite) => createAuthority(body),
    onSuccess: (authority: CertificateAuthority) => {
      queryClient.setQueryData(
        authorityQueries.detail(authority.id).queryKey,
        authority,
      );
      return queryClient.invalidateQueries({
        queryKey: authorityQueries.lists(),
      });
    },
  });
}

export function useReplaceAuthority(caId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: CertificateAuthorityWrite) =>
      replaceAuthority(caId, body),
    onSuccess: (authority: CertificateAuthority) => {
      queryClient.setQueryData(
        authorityQueries.detail(caId).queryKey,
        authority,
      );
      return queryClient.invalidateQueries({
        queryKey: authorityQueries.lists(),
      });
    },
  });
}

export function useDeleteAuthority(caId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => deleteAuthority(caId),
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: quotaQueries.all() });
      await queryClient.invalidateQueries({
        queryKey: authorityQueries.lists(),
      });
      // Last, right before the caller navigates away: removing them earlier
      // would make the still-mounted page refetch and flash a 404. Its
      // pools went with it.
      queryClient.removeQueries({
        queryKey: certificatePoolQueries.authorityLists(caId),
      });
      queryClient.removeQueries({
        queryKey: certificatePoolQueries.authorityDetails(caId),
      });
      queryClient.removeQueries({
        queryKey: authorityQueries.detail(caId).queryKey,
      });
    },
  });
}

export function useCreateCertificatePool(caId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (input: CertificatePoolCreateInput) =>
      createCertificatePool(caId, input),
    onSuccess: (pool: CertificatePool) => {
      queryClient.setQueryData(
        certificatePoolQueries.detail(caId, pool.id).queryKey,
        pool,
      );
      // The quota's usage moves with the pools.
      void queryClient.invalidateQueries({ queryKey: quotaQueries.all() });
      return queryClient.invalidateQueries({
        queryKey: certificatePoolQueries.authorityLists(caId),
      });
    },
  });
}

export function useReplaceCertificatePool(caId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (body: CertificatePoolWrite) =>
      replaceCertificatePool(caId, poolId, body),
    onSuccess: (pool: CertificatePool) => {
      queryClient.setQueryData(
        certificatePoolQueries.detail(caId, poolId).queryKey,
        pool,
      );
      return queryClient.invalidateQueries({
        queryKey: certificatePoolQueries.authorityLists(caId),
      });
    },
  });
}

export function useDeleteCertificatePool(caId: string, poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => deleteCertificatePool(caId, poolId),
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: quotaQueries.all() });
      await queryClient.invalidateQueries({
        queryKey: certificatePoolQueries.authorityLists(caId),
      });
      // Last, right before the caller navigates away (see above).
      queryClient.removeQueries({
        queryKey: certificatePoolQueries.detail(caId, poolId).queryKey,
      });
    },
  });
}
