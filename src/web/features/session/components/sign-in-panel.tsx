import { useLocation } from 'react-router';
import { AUTH_API } from '#contract/auth.ts';
import { buttonVariants } from '@/components/ui/button.tsx';
import { oidcSignInHref, type SessionInfo } from '../api/session.ts';
import { SignInForm } from './sign-in-form.tsx';

/** How this server signs people in: its password form, or the organisation's identity provider. */
export function SignInPanel({
  session,
  onSignedIn,
  autoFocus,
}: {
  session: SessionInfo;
  onSignedIn?: () => void;
  autoFocus?: boolean;
}) {
  const location = useLocation();
  if (session.mode === 'oidc') {
    const returnTo = `${location.pathname}${location.search}`;
    return (
      <div className="grid gap-3">
        <p className="text-sm text-slate-700">
          Lifeguard uses your organisation’s single sign-on. You come back to
          this page afterwards.
        </p>
        {/* A top-level navigation, not a fetch: it leaves for the identity provider. */}
        <a
          href={oidcSignInHref(
            session.signInUrl ?? AUTH_API.oidcLogin,
            returnTo,
          )}
          className={`${buttonVariants()} justify-self-start`}
        >
          Sign in with your organisation
        </a>
      </div>
    );
  }
  return <SignInForm onSignedIn={onSignedIn} autoFocus={autoFocus} />;
}
