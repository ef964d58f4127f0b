import { AUTH_API, type SessionInfo } from '#contract/auth.ts';
import type { LoginInput } from '#contract/login-input.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type { LoginInput, SessionInfo };

export function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return lifeguardApi(AUTH_API.session, { signal });
}

export function login(input: LoginInput): Promise<SessionInfo> {
  return lifeguardApi(AUTH_API.login, {
    method: 'POST',
    body: JSON.stringify(input),
  });
}

export function logout(): Promise<void> {
  return lifeguardApi(AUTH_API.logout, { method: 'POST' });
}

/** Where the browser goes to sign in with OIDC, coming back to `returnTo`. */
export function oidcSignInHref(signInUrl: string, returnTo: string): string {
  const separator = signInUrl.includes('?') ? '&' : '?';
  return `${signInUrl}${separator}returnTo=${encodeURIComponent(returnTo)}`;
}
