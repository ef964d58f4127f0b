import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { AppLayout } from '@/components/layouts/app-layout.tsx';
import { ScreenSkeleton } from '@/components/layouts/screen-skeleton.tsx';
import {
  CERTIFICATE_AUTHORITIES,
  GROUP_MAPPINGS,
} from '@/config/federation-routes.ts';
import { paths } from '@/config/paths.ts';
import { useLogout } from '@/features/session/api/mutations.ts';
import { useSession } from '@/features/session/api/use-session.ts';
import { AccountMenu } from '@/features/session/components/account-menu.tsx';
import { SessionGate } from '@/features/session/components/session-gate.tsx';
// Not draft-store.ts: its parser (zod) stays out of the first screen.
import { clearDrafts, clearDraftsNotOwnedBy } from '@/lib/draft-keys.ts';
import { DraftOwnerContext } from '@/lib/draft-owner.ts';
import { ApiError, getErrorMessage } from '@/lib/errors.ts';
import { notify } from '@/lib/notify.ts';

/** The frame of every screen: who is signed in, and the sign-in when no one is. */
export function RootLayout() {
  const session = useSession();
  const logout = useLogout();
  // Set before the request, so the signed-out answer shows the sign-in
  // screen rather than the dialog for a session that ended by itself.
  const [isSigningOut, setIsSigningOut] = useState(false);
  const isAdmin = session.data?.user?.role === 'admin';

  // Whose page is on screen, and so whose drafts it keeps and offers: the
  // user last signed in. It stays while a session that ended by itself is
  // signed into again over the page, so that user loses nothing typed.
  const userId = session.data?.user?.id;
  const [pageOwner, setPageOwner] = useState<string>();
  if (userId !== undefined && userId !== pageOwner) setPageOwner(userId);

  // A browser can be shared. Effects, not event handlers: they run after
  // the page below has unmounted, and so after the last draft it writes as
  // it goes.
  useEffect(() => {
    // Someone else signed in in this tab (also after a reload): what the
    // user before typed is never theirs to see.
    if (pageOwner !== undefined) clearDraftsNotOwnedBy(pageOwner);
  }, [pageOwner]);
  const hasSignedOut = isSigningOut && session.data?.user === null;
  useEffect(() => {
    // Signing out leaves nothing typed in this tab for whoever comes next.
    if (hasSignedOut) clearDrafts();
  }, [hasSignedOut]);

  function signOut() {
    setIsSigningOut(true);
    logout.mutate(undefined, {
      onError: (error) => {
        // Already signed out: the session query is asked again anyway.
        if (error instanceof ApiError && error.status === 401) return;
        setIsSigningOut(false);
        notify.error(`Could not sign out: ${getErrorMessage(error)}`);
      },
    });
  }

  return (
    <AppLayout
      nav={
        session.data?.user && (
          <>
            <NavLink
              to={paths.search.getHref()}
              className="font-medium text-brand-700 hover:underline aria-[current=page]:underline"
            >
              Search
            </NavLink>
            <NavLink
              to={paths.resourceAccess.getHref()}
              className="font-medium text-brand-700 hover:underline aria-[current=page]:underline"
            >
              Who can reach…
            </NavLink>
            <NavLink
              to={GROUP_MAPPINGS}
              className="font-medium text-brand-700 hover:underline aria-[current=page]:underline"
            >
              Group mappings
            </NavLink>
            <NavLink
              to={CERTIFICATE_AUTHORITIES}
              className="font-medium text-brand-700 hover:underline aria-[current=page]:underline"
            >
              Certificate authorities
            </NavLink>
            {isAdmin && (
              <NavLink
                to={paths.audit.getHref()}
                className="font-medium text-brand-700 hover:underline aria-[current=page]:underline"
              >
                Audit log
              </NavLink>
            )}
          </>
        )
      }
      account={
        session.data && (
          <AccountMenu
            session={session.data}
            onSignOut={signOut}
            isSigningOut={logout.isPending}
          />
        )
      }
    >
      {session.data ? (
        <SessionGate
          session={session.data}
          isSigningOut={isSigningOut}
          onSignedIn={() => setIsSigningOut(false)}
        >
          {/* Keyed: someone else signing in over a page whose session
              ended gets it afresh, without what the last user typed. */}
          <DraftOwnerContext key={pageOwner} value={pageOwner}>
            <Outlet />
          </DraftOwnerContext>
        </SessionGate>
      ) : session.isError ? (
        <ApiErrorView
          error={session.error}
          onRetry={() => void session.refetch()}
        />
      ) : (
        <ScreenSkeleton />
      )}
    </AppLayout>
  );
}
