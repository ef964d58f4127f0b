import { useState, type ReactNode } from 'react';
import type { SessionInfo } from '../api/session.ts';
import { SessionExpiredDialog } from './session-expired-dialog.tsx';
import { SignInScreen } from './sign-in-screen.tsx';

/**
 * Shows `children` to a signed-in user (or to everyone without sign-in).
 * Signed out, it shows the sign-in screen, except when the session ended
 * under a page already on screen: then the page stays mounted (a half-filled
 * form keeps its content) and the sign-in opens over it.
 */
export function SessionGate({
  session,
  isSigningOut,
  onSignedIn,
  children,
}: {
  session: SessionInfo;
  /** The user chose to sign out: no page to come back to. */
  isSigningOut: boolean;
  onSignedIn?: () => void;
  children: ReactNode;
}) {
  // Whose page is on screen; set while rendering, as React recommends for
  // state derived from a changing prop.
  const [pageUserId, setPageUserId] = useState<string>();
  const { user } = session;
  if (user && user.id !== pageUserId) setPageUserId(user.id);

  const isSignedOut = session.mode !== 'none' && !user;
  if (isSignedOut && (pageUserId === undefined || isSigningOut)) {
    return <SignInScreen session={session} onSignedIn={onSignedIn} />;
  }
  // One shape whether or not the dialog shows, so the page never remounts.
  return (
    <>
      {children}
      {isSignedOut && <SessionExpiredDialog session={session} />}
    </>
  );
}
