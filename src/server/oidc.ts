import type { FastifyInstance, FastifyReply } from 'fastify';
import * as client from 'openid-client';
import { AUTH_API, type Role, type SessionUser } from '#contract/auth.ts';
import { startSession, type AuthOptions } from './auth.ts';
import { isLoopback, type AuthConfig } from './config.ts';
import { PUBLIC_PAGE } from './endpoint.ts';

type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;

// One cookie per sign-in in progress (named by its state), so two tabs
// signing in at once do not undo each other.
const PENDING_COOKIE = 'lifeguard_oidc_';
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
const DISCOVERY_TIMEOUT_S = 10;

/** A path on this console, never another site: a sign-in must not become an open redirect. */
export function safeReturnTo(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    // Printable ASCII only (a browser's paths are percent-encoded): no
    // backslash, space or control character a browser would bend into
    // another host, nor anything Node refuses in a Location header.
    /[^\x21-\x7e]|\\/.test(value) ||
    value.length > 2000
  ) {
    return '/';
  }
  return value;
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  // Dotted names reach nested claims, e.g. realm_access.roles (Keycloak).
  if (path in claims) return claims[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      claims,
    );
}

/** The role the role claim grants: admin wins; undefined means no access. */
export function roleFromClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'roleClaim' | 'adminValues' | 'viewerValues'>,
): Role | undefined {
  const raw = claimAt(claims, config.roleClaim);
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (value): value is string => typeof value === 'string',
  );
  if (values.some((value) => config.adminValues.includes(value))) {
    return 'admin';
  }
  if (
    config.viewerValues.includes('*') ||
    values.some((value) => config.viewerValues.includes(value))
  ) {
    return 'viewer';
  }
  return undefined;
}

function userFromClaims(
  claims: Record<string, unknown>,
  role: Role,
): SessionUser {
  const name = [claims.name, claims.email, claims.preferred_username].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  const sub = String(claims.sub);
  return { id: sub, name: name ?? sub, role };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        char
      ]!,
  );
}

/** A plain page for the few sign-in outcomes the console cannot show itself. */
function messagePage(
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Lifeguard</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
        `<p><a href="${AUTH_API.oidcLogin}">Try signing in again</a></p></main></body></html>`,
    );
}

/**
 * Sign-in with the organisation's OpenID Connect provider: authorization
 * code with PKCE, state and nonce; the role comes from a claim of the ID
 * token. Discovery happens on first use and is retried after a failure.
 */
export function oidcRoutes(
  app: FastifyInstance,
  options: AuthOptions & { auth: OidcConfig },
) {
  const { auth } = options;
  // In the store, so the identity provider may send the browser back to
  // another replica than the one that sent it there.
  const pending = options.store.pendingSignIns;
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    const issuer = new URL(auth.issuer);
    discovered ??= client
      .discovery(
        issuer,
        auth.clientId,
        auth.clientSecret,
        auth.clientSecret ? undefined : client.None(),
        {
          timeout: DISCOVERY_TIMEOUT_S,
          // Plain http is accepted for a loopback issuer only (config.ts).
          ...(issuer.protocol === 'http:' && isLoopback(issuer.hostname)
            ? { execute: [client.allowInsecureRequests] }
            : {}),
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  app.get<{ Querystring: { returnTo?: string } }>(
    AUTH_API.oidcLogin,
    { config: { policy: PUBLIC_PAGE } },
    async (request, reply) => {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (error) {
        request.log.error(
          {
            err: {
              type: (error as Error).name,
              message: (error as Error).message,
            },
          },
          'OIDC discovery failed',
        );
        return messagePage(
          reply,
          502,
          'Sign-in is unavailable',
          `Lifeguard could not read the sign-in configuration of ${auth.issuer}. Try again in a moment; if it persists, tell whoever runs Lifeguard.`,
        );
      }
      const now = Date.now();
      // Expired and, past the cap, the oldest go: whoever calls, the table
      // stays bounded.
      await pending.purge(now - PENDING_TTL_MS, MAX_PENDING - 1);
      const state = client.randomState();
      const codeVerifier = client.randomPKCECodeVerifier();
      const nonce = client.randomNonce();
      await pending.add(state, {
        codeVerifier,
        nonce,
        returnTo: safeReturnTo(request.query.returnTo),
        startedAt: now,
      });
      // Lax: the identity provider's redirect back is a cross-site navigation.
      reply.setCookie(`${PENDING_COOKIE}${state}`, state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: AUTH_API.oidcCallback,
        maxAge: PENDING_TTL_MS / 1000,
      });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: auth.redirectUri,
        scope: auth.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get<{ Querystring: { state?: string } }>(
    AUTH_API.oidcCallback,
    { config: { policy: PUBLIC_PAGE } },
    async (request, reply) => {
      const { state } = request.query;
      // Only the browser that started this sign-in holds its cookie.
      const started =
        typeof state === 'string' &&
        request.cookies[`${PENDING_COOKIE}${state}`] === state;
      // Taken in one statement: a replayed callback finds nothing.
      const entry = started ? await pending.take(state) : undefined;
      if (started) {
        reply.clearCookie(`${PENDING_COOKIE}${state}`, {
          path: AUTH_API.oidcCallback,
        });
      }
      if (!started || !entry || Date.now() - entry.startedAt > PENDING_TTL_MS) {
        return messagePage(
          reply,
          400,
          'Sign-in expired',
          'This sign-in was not started here or took longer than 10 minutes.',
        );
      }
      // The identity provider answers on the registered redirect URI; the
      // query is what it sent back.
      const currentUrl = new URL(auth.redirectUri);
      currentUrl.search = (request.raw.url ?? '').split('?')[1] ?? '';
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(
          await configuration(),
          currentUrl,
          {
            pkceCodeVerifier: entry.codeVerifier,
            expectedState: state,
            expectedNonce: entry.nonce,
            idTokenExpected: true,
          },
        );
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch (error) {
        const reason =
          error instanceof client.AuthorizationResponseError
            ? `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`
            : (error as Error).message;
        request.log.warn(
          { err: { type: (error as Error).name, reason } },
          'OIDC sign-in failed',
        );
        return messagePage(
          reply,
          401,
          'Sign-in failed',
          `Your organisation's sign-in did not complete (${reason}).`,
        );
      }
      const role = roleFromClaims(claims, auth);
      if (!role) {
        request.log.warn(
          { user: claims.sub, claim: auth.roleClaim },
          'OIDC user has no Lifeguard role',
        );
        return messagePage(
          reply,
          403,
          'No access to Lifeguard',
          `You signed in as ${userFromClaims(claims, 'viewer').name}, but your "${auth.roleClaim}" claim names no Lifeguard role. Ask an administrator to add you to a group that may use Lifeguard.`,
        );
      }
      await startSession(request, reply, options, userFromClaims(claims, role));
      return reply.redirect(entry.returnTo, 303);
    },
  );
}
