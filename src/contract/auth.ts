/** Who may do what: viewers browse and test tokens, admins also write. */
export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How the server knows who is calling (AUTH_MODE). */
export const AUTH_MODES = ['none', 'password', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export type SessionUser = {
  /** Stable id: the username, the OIDC subject, or "local" without sign-in. */
  id: string;
  /** What the console shows: the username, the OIDC name or email. */
  name: string;
  role: Role;
};

/** GET /api/lifeguard/session: always 200, `user` null when signed out. */
export type SessionInfo = {
  mode: AuthMode;
  user: SessionUser | null;
  /** For oidc: where the browser goes to sign in (append ?returnTo=/path). */
  signInUrl?: string;
};

/** Whether a role may create, edit or delete. */
export function canWrite(role: Role | undefined): boolean {
  return role === 'admin';
}

/** Why a viewer sees a disabled control. */
export const VIEWER_WRITE_REASON =
  'Your role is viewer: you can browse pools and test tokens. Ask a Lifeguard admin to make changes.';

export const AUTH_API = {
  session: '/api/lifeguard/session',
  login: '/api/lifeguard/login',
  logout: '/api/lifeguard/logout',
  /** Top-level navigations, not fetches: they redirect to and from the identity provider. */
  oidcLogin: '/auth/oidc/login',
  oidcCallback: '/auth/oidc/callback',
} as const;
