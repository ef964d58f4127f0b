import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import type { SessionInfo } from '../api/session.ts';
import { SignInPanel } from './sign-in-panel.tsx';

/** Shown instead of every screen until someone signs in. */
export function SignInScreen({
  session,
  onSignedIn,
}: {
  session: SessionInfo;
  onSignedIn?: () => void;
}) {
  useDocumentTitle('Sign in');
  return (
    <section
      aria-labelledby="sign-in-title"
      className="mx-auto mt-8 grid max-w-sm gap-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      <div>
        <h1 id="sign-in-title" className="text-2xl font-semibold">
          Sign in to Lifeguard
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          Lifeguard manages your Confluent Cloud identity pools; sign in to
          continue.
        </p>
      </div>
      <SignInPanel session={session} onSignedIn={onSignedIn} autoFocus />
    </section>
  );
}
