import { lazy, Suspense, useState, type ReactNode } from 'react';
import { ScreenSkeleton } from '@/components/layouts/screen-skeleton.tsx';
import type { SessionInfo } from '../api/session.ts';

// Signing in is rare next to using the console: its form loads when needed.
const SignInScreen = lazy(async () => ({
  default: (await import('./sign-in-screen.tsx')).SignInScreen,
}));
const SessionExpiredDialog = lazy(async () => ({
  default: (await import('./session-expired-dialog.tsx')).SessionExpiredDialog,
}));

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
    return (
      <Suspense fallback={<ScreenSkeleton />}>
        <SignInScreen session={session} onSignedIn={onSignedIn} />
      </Suspense>
    );
  }
  // One shape whether or not the dialog shows, so the page never remounts.
  return (
    <>
      {children}
      {isSignedOut && (
        <Suspense fallback={null}>
          <SessionExpiredDialog session={session} />
        </Suspense>
      )}
    </>
  );
}
