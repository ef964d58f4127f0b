import type { SessionInfo } from '#contract/auth.ts';
import type { LoginInput } from '#contract/login-input.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type { LoginInput, SessionInfo };

export async function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  const { data } = await lifeguardApi().GET('/api/lifeguard/session', {
    signal,
  });
  return data!;
}

export async function login(input: LoginInput): Promise<SessionInfo> {
  const { data } = await lifeguardApi().POST('/api/lifeguard/login', {
    body: input,
  });
  return data!;
}

export async function logout(): Promise<void> {
  await lifeguardApi().POST('/api/lifeguard/logout');
}

/** Where the browser goes to sign in with OIDC, coming back to `returnTo`. */
export function oidcSignInHref(signInUrl: string, returnTo: string): string {
  const separator = signInUrl.includes('?') ? '&' : '?';
  return `${signInUrl}${separator}returnTo=${encodeURIComponent(returnTo)}`;
}
