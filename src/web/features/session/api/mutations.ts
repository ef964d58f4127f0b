import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isSessionQueryKey } from '@/lib/query-client.ts';
import { sessionQueries } from './queries.ts';
import { login, logout, type LoginInput, type SessionInfo } from './session.ts';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: (session: SessionInfo) => {
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
      // What failed while signed out (a 401 behind the sign-in dialog) is
      // fetched again for the page that stayed on screen.
      return queryClient.invalidateQueries({
        predicate: (query) => !isSessionQueryKey(query.queryKey),
      });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => logout(),
    onSuccess: () => {
      const key = sessionQueries.current().queryKey;
      // Signed out at once, whatever the refetch below answers; nothing the
      // last user loaded stays in memory for the next one.
      queryClient.setQueryData(key, (session) =>
        session ? { ...session, user: null } : session,
      );
      queryClient.removeQueries({
        predicate: (query) => !isSessionQueryKey(query.queryKey),
      });
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
