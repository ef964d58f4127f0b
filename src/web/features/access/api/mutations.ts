import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isBindingGone } from '../access-errors.ts';
import {
  createRoleBinding,
  deleteRoleBinding,
  type RoleBindingCreateBody,
} from './access.ts';
import { accessQueries } from './queries.ts';

// Grants and revokes are never retried: one that timed out may have been
// applied. The caller shows their errors (next to the form, in the dialog).

export function useGrantAccess(poolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    retry: false,
    mutationFn: (body: RoleBindingCreateBody) => createRoleBinding(body),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: accessQueries.poolBindingLists(poolId),
      }),
  });
}

export function useRevokeAccess(poolId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: accessQueries.poolBindingLists(poolId),
    });
  return useMutation({
    meta: { handlesErrors: true },
    retry: false,
    mutationFn: (bindingId: string) => deleteRoleBinding(bindingId),
    onSuccess: refresh,
    // Gone already (revoked elsewhere): the list still shows it, so refresh.
    onError: (error) => (isBindingGone(error) ? refresh() : undefined),
  });
}
