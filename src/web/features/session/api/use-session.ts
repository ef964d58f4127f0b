import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { canWrite, VIEWER_WRITE_REASON, type Role } from '#contract/auth.ts';
import { sessionQueries } from './queries.ts';

export function useSession() {
  return useQuery(sessionQueries.current());
}

/**
 * Whether the signed-in user may create, edit and delete, and if not, the
 * sentence that says why (for disabled controls to point at).
 */
export function useWriteAccess(): {
  canWrite: boolean;
  reason: string | undefined;
} {
  const { data } = useSession();
  // While the session has ended under a page (the sign-in dialog is open),
  // the page stays as it was for the role it was shown to.
  const [shownRole, setShownRole] = useState<Role>();
  const role = data?.user?.role;
  if (role && role !== shownRole) setShownRole(role);
  const allowed = canWrite(role ?? shownRole);
  return {
    canWrite: allowed,
    reason: allowed ? undefined : VIEWER_WRITE_REASON,
  };
}
