import { AlertDialog, AlertDialogContent } from '@/components/ui/dialog.tsx';
import type { SessionInfo } from '../api/session.ts';
import { SignInPanel } from './sign-in-panel.tsx';

/**
 * Signing in again over the page, when the session ended mid-use: the screen
 * underneath stays mounted, so a half-filled form keeps what was typed.
 */
export function SessionExpiredDialog({ session }: { session: SessionInfo }) {
  return (
    // Nothing to do on this page without a session: it closes by signing in.
    <AlertDialog open onOpenChange={() => {}}>
      <AlertDialogContent
        title="Your session has ended"
        description={
          session.mode === 'oidc' ? (
            <p>
              Sign in again to continue. Leaving for your organisation’s sign-in
              page discards changes that are not saved on this page.
            </p>
          ) : (
            <p>
              Sign in again to continue where you left off: this page and what
              you typed stay as they are.
            </p>
          )
        }
      >
        <SignInPanel session={session} autoFocus />
      </AlertDialogContent>
    </AlertDialog>
  );
}
