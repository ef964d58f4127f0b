import type { ReactNode } from 'react';
import { useWriteAccess } from '../api/use-session.ts';
import { WriteAccessNotice } from './write-access-notice.tsx';

/**
 * A screen only a role that may write can use (a form reached by its URL):
 * `children` for such a role; for any other, `refusal` as the notice's
 * title, the reason, and the way back.
 */
export function WriteAccessGate({
  refusal,
  backHref,
  backLabel,
  children,
}: {
  refusal: string;
  backHref: string;
  backLabel: string;
  children: ReactNode;
}) {
  const access = useWriteAccess();
  if (access.canWrite) return children;
  return (
    <WriteAccessNotice
      title={refusal}
      backHref={backHref}
      backLabel={backLabel}
    >
      {access.reason}
    </WriteAccessNotice>
  );
}
