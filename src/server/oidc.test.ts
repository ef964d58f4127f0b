import {
  Events,
  OAuth2Server,
  type MutableRedirectUri,
  type MutableResponse,
  type MutableToken,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server';
import { expect, onTestFinished, test } from 'vitest';
import { AUTH_API, type SessionInfo } from '#contract/auth.ts';
import type { AuthConfig } from './config.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { IN_MEMORY_SQLITE } from './store/open.ts';
import { testLocation, testStore } from './store/test-stores.ts';
import {
  reservePort,
  startFakeUpstream,
  startTestServer,
} from './test-helpers.ts';

// End to end against a real OpenID provider (oauth2-mock-server) on
// loopback: the test plays the browser, following each redirect by hand and
// carrying cookies as a browser would.

type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;
type Claims = Record<string, unknown>;

const CLIENT_ID = 'lifeguard';
const CLIENT_SECRET = 'oidc-client-secret-Vb72pQ';
const IAM = '/api/iam/v2/identity-providers';
const ADMIN = { sub: 'u-ada', name: 'Ada Admin', groups: ['lifeguard-admins'] };

/** What the browser saw of one response. */
type Page = {
  url: URL;
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
};

/**
 * Just enough of a browser: no automatic redirects, and a cookie jar for the
 * Lifeguard origin that honours Path and expiry (the identity provider sets
 * no cookies). Every page it saw is kept, to check none leaks a secret.
 */
function browser(origin: string) {
  const jar = new Map<string, { value: string; path: string }>();
  const pages: Page[] = [];

  function keep(line: string) {
    const [pair = '', ...attributes] = line
      .split(';')
      .map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    let path = '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key = '', setting = ''] = attribute.split('=');
      if (/^path$/i.test(key)) path = setting;
      if (/^max-age$/i.test(key) && Number(setting) <= 0) expired = true;
      if (/^expires$/i.test(key) && Date.parse(setting) <= Date.now()) {
        expired = true;
      }
    }
    if (expired) jar.delete(name);
    else jar.set(name, { value, path });
  }

  async function go(url: string | URL, init: RequestInit = {}): Promise<Page> {
    const target = new URL(url, origin);
    const headers = new Headers(init.headers);
    const own = target.origin === origin;
    if (own) {
      const cookie = [...jar]
        .filter(([, entry]) => target.pathname.startsWith(entry.path))
        .map(([name, entry]) => `${name}=${entry.value}`)
        .join('; ');
      if (cookie) headers.set('cookie', cookie);
    }
    const response = await fetch(target, {
      ...init,
      headers,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie();
    if (own) setCookies.forEach(keep);
    const page = {
      url: target,
      status: response.status,
      location: response.headers.get('location'),
      setCookies,
      body: await response.text(),
    };
    pages.push(page);
    return page;
  }

  return {
    go,
    pages,
    cookie: (name: string) => jar.get(name)?.value,
    /** Names of the sign-in-in-progress cookies it holds. */
    pendingCookies: () =>
      [...jar.keys()].filter((name) => name.startsWith('lifeguard_oidc_')),
    dropCookie: (name: string) => jar.delete(name),
    setCookie: (name: string, value: string, path = '/') =>
      jar.set(name, { value, path }),
    async session(): Promise<SessionInfo> {
      const page = await go(AUTH_API.session);
      expect(page.status).toBe(200);
      return JSON.parse(page.body) as SessionInfo;
    },
  };
}

type Browser = ReturnType<typeof browser>;

/**
 * A real OpenID provider on 127.0.0.1 whose ID tokens carry `claims`; it
 * records the token requests Lifeguard makes and the tokens it hands out.
 */
async function startIdentityProvider(claims: Claims = ADMIN, port = 0) {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(port, '127.0.0.1');
  onTestFinished(() => idp.stop());
  // The mock would name itself localhost; Lifeguard reaches it by address.
  idp.issuer.url = `http://127.0.0.1:${idp.address().port}`;
  const tokenRequests: TokenRequestIncomingMessage[] = [];
  const tokens: string[] = [];
  idp.service.on(Events.BeforeTokenSigning, (token: MutableToken) => {
    Object.assign(token.payload, claims);
  });
  idp.service.on(
    Events.BeforeResponse,
    (response: MutableResponse, request: TokenRequestIncomingMessage) => {
      tokenRequests.push(request);
      if (typeof response.body === 'object') {
        for (const key of ['access_token', 'id_token', 'refresh_token']) {
          if (typeof response.body[key] === 'string') {
            tokens.push(response.body[key]);
          }
        }
      }
    },
  );
  return { idp, url: idp.issuer.url, tokenRequests, tokens };
}

/** Lifeguard in oidc mode on a port chosen first, so its redirect URI is its own. */
async function startLifeguard(
  issuer: string,
  overrides: Partial<OidcConfig> & {
    publicClient?: boolean;
    /** A replica's: a store on a database others share too (closed by its owner). */
    store?: LifeguardStore;
  } = {},
) {
  const { publicClient, store: shared, ...rest } = overrides;
  const upstream = await startFakeUpstream();
  const store = shared ?? (await LifeguardStore.open(IN_MEMORY_SQLITE));
  const port = await reservePort();
  const auth: OidcConfig = {
    mode: 'oidc',
    issuer,
    clientId: CLIENT_ID,
    ...(publicClient ? {} : { clientSecret: CLIENT_SECRET }),
    redirectUri: `http://127.0.0.1:${port}${AUTH_API.oidcCallback}`,
    scopes: 'openid profile email',
    roleClaim: 'groups',
    adminValues: ['lifeguard-admins'],
    viewerValues: ['lifeguard-viewers'],
    ...rest,
  };
  const server = await startTestServer(upstream.url, { auth, store, port });
  onTestFinished(async () => {
    await server.close();
    await upstream.close();
    if (!shared) await store.close();
  });
  return { server, upstream };
}

/**
 * The sign-in journey up to the callback: Lifeguard's login route, then the
 * identity provider's authorize endpoint, which sends the browser back.
 */
async function startSignIn(
  user: Browser,
  returnTo: string | null = '/providers/x',
) {
  const login = await user.go(
    returnTo === null
      ? AUTH_API.oidcLogin
      : `${AUTH_API.oidcLogin}?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(login.status, login.body).toBe(302);
  const authorize = new URL(login.location!);
  const provider = await user.go(authorize);
  expect(provider.status).toBe(302);
  return { login, authorize, callback: new URL(provider.location!) };
}

/** The whole journey; `tamper` plays an attacker or a broken provider before the callback. */
async function signIn(
  user: Browser,
  returnTo: string | null = '/providers/x',
  tamper: (callback: URL) => void = () => {},
) {
  const started = await startSignIn(user, returnTo);
  tamper(started.callback);
  return { ...started, done: await user.go(started.callback) };
}

function sessionCookieSet(page: Page): boolean {
  return page.setCookies.some((line) => line.startsWith('lifeguard_session='));
}

test('an admin signs in with authorization code + PKCE and lands on returnTo with a session', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server, upstream } = await startLifeguard(url);
  const user = browser(server.url);

  const { login, authorize, callback, done } = await signIn(user);

  // To the provider's authorize endpoint, with PKCE (S256), state and nonce.
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${url}/authorize`);
  const query = authorize.searchParams;
  expect(query.get('response_type')).toBe('code');
  expect(query.get('client_id')).toBe(CLIENT_ID);
  expect(query.get('redirect_uri')).toBe(
    `${server.url}${AUTH_API.oidcCallback}`,
  );
  expect(query.get('scope')).toBe('openid profile email');
  expect(query.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(query.get('code_challenge_method')).toBe('S256');
  expect(query.get('state')).toMatch(/^[\w-]{20,}$/);
  expect(query.get('nonce')).toMatch(/^[\w-]{20,}$/);
  expect(query.get('nonce')).not.toBe(query.get('state'));
  expect(authorize.href).not.toContain(CLIENT_SECRET);
  // The pending sign-in rides in a cookie only the callback receives.
  const pending = login.setCookies.find((line) =>
    line.startsWith('lifeguard_oidc_'),
  );
  expect(pending).toContain(
    `lifeguard_oidc_${query.get('state')}=${query.get('state')}`,
  );
  expect(pending).toMatch(/Path=\/auth\/oidc\/callback/);
  expect(pending).toMatch(/HttpOnly/);
  expect(pending).toMatch(/SameSite=Lax/);

  // The provider sends the browser back with a code and the same state.
  expect(`${callback.origin}${callback.pathname}`).toBe(
    `${server.url}${AUTH_API.oidcCallback}`,
  );
  expect(callback.searchParams.get('code')).toBeTruthy();
  expect(callback.searchParams.get('state')).toBe(query.get('state'));

  // Lifeguard redeemed the code as a confidential client with the verifier.
  expect(tokenRequests).toHaveLength(1);
  const grant = tokenRequests[0]!.body as unknown as Record<string, unknown>;
  expect(grant).toMatchObject({
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code'),
    redirect_uri: `${server.url}${AUTH_API.oidcCallback}`,
    client_secret: CLIENT_SECRET,
  });
  expect(grant.code_verifier).toMatch(/^[\w-]{43,128}$/);

  expect(done.status).toBe(303);
  expect(done.location).toBe('/providers/x');
  const sessionLine = done.setCookies.find((line) =>
    line.startsWith('lifeguard_session='),
  );
  expect(sessionLine).toMatch(/HttpOnly/);
  expect(sessionLine).toMatch(/SameSite=Strict/);
  expect(sessionLine).toMatch(/Path=\//);
  expect(user.pendingCookies()).toEqual([]);

  expect(await user.session()).toEqual({
    mode: 'oidc',
    user: { id: 'u-ada', name: 'Ada Admin', role: 'admin' },
    signInUrl: AUTH_API.oidcLogin,
  });
  const api = await user.go(IAM);
  expect(api.status).toBe(200);
  expect(upstream.requests).toHaveLength(1);
});

test.each([
  {
    case: 'a viewer group',
    claims: { groups: ['lifeguard-viewers'] },
    role: 'viewer',
  },
  {
    case: 'both groups (admin wins)',
    claims: { groups: ['lifeguard-viewers', 'lifeguard-admins'] },
    role: 'admin',
  },
  {
    case: 'a single string claim',
    claims: { groups: 'lifeguard-admins' },
    role: 'admin',
  },
  {
    case: "no group, with viewerValues ['*']",
    claims: {},
    viewerValues: ['*'],
    role: 'viewer',
  },
])('$case makes a $role', async ({ claims, viewerValues, role }) => {
  const { url } = await startIdentityProvider({
    sub: 'u-vic',
    email: 'vic@example.com',
    ...claims,
  });
  const { server } = await startLifeguard(url, {
    ...(viewerValues ? { viewerValues } : {}),
  });
  const user = browser(server.url);
  const { done } = await signIn(user);
  expect(done.status).toBe(303);
  // Without a name claim the email is shown.
  expect((await user.session()).user).toEqual({
    id: 'u-vic',
    name: 'vic@example.com',
    role,
  });
});

test('a user whose claim names no role gets a 403 page that escapes their name, and no session', async () => {
  const { url } = await startIdentityProvider({
    sub: 'u-eve',
    name: '<b>Eve</b>',
    groups: ['marketing'],
  });
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { done } = await signIn(user);
  expect(done.status).toBe(403);
  expect(done.body).toContain('No access to Lifeguard');
  expect(done.body).toContain('&lt;b&gt;Eve&lt;/b&gt;');
  expect(done.body).not.toContain('<b>Eve');
  expect(done.body).toContain(
    '&quot;groups&quot; claim names no Lifeguard role',
  );
  expect(sessionCookieSet(done)).toBe(false);
  expect((await user.session()).user).toBeNull();
  expect((await user.go(IAM)).status).toBe(401);
});

test.each([
  {
    roleClaim: 'realm_access.roles',
    claims: { realm_access: { roles: ['offline_access', 'lifeguard-admins'] } },
  },
  {
    // A namespaced claim (Auth0 style) is taken whole, dots and all.
    roleClaim: 'https://lifeguard.example/roles',
    claims: { 'https://lifeguard.example/roles': ['lifeguard-admins'] },
  },
])('the role claim $roleClaim is read', async ({ roleClaim, claims }) => {
  const { url } = await startIdentityProvider({ sub: 'u-kc', ...claims });
  const { server } = await startLifeguard(url, { roleClaim });
  const user = browser(server.url);
  expect((await signIn(user)).done.status).toBe(303);
  expect((await user.session()).user).toMatchObject({
    id: 'u-kc',
    role: 'admin',
  });
});

test.each([
  {
    returnTo: '/providers/op-1/pools?tab=rules',
    lands: '/providers/op-1/pools?tab=rules',
  },
  { returnTo: null, lands: '/' },
  { returnTo: '//evil.example', lands: '/' },
  { returnTo: 'https://evil.example', lands: '/' },
  { returnTo: '/\\evil.example', lands: '/' },
  { returnTo: '/\t/evil.example', lands: '/' },
  { returnTo: '/a\u0001b', lands: '/' },
  { returnTo: '/caf\u00e9/\u0101', lands: '/' },
  { returnTo: '/caf%C3%A9', lands: '/caf%C3%A9' },
])('returnTo $returnTo lands on $lands', async ({ returnTo, lands }) => {
  const { url } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { done } = await signIn(user, returnTo);
  expect(done.status).toBe(303);
  expect(done.location).toBe(lands);
  expect((await user.session()).user?.role).toBe('admin');
});

function expectExpired(page: Page) {
  expect(page.status).toBe(400);
  expect(page.body).toContain('Sign-in expired');
  expect(page.body).toContain(`href="${AUTH_API.oidcLogin}"`);
  expect(sessionCookieSet(page)).toBe(false);
}

test('a callback opened in a browser that did not start the sign-in is refused as expired (login CSRF)', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  // The attacker signs in to their own account and sends the callback link.
  const attacker = browser(server.url);
  const { callback } = await startSignIn(attacker);
  const victim = browser(server.url);
  expectExpired(await victim.go(callback));
  expect((await victim.session()).user).toBeNull();
  expect(tokenRequests).toHaveLength(0);
  // The stray request spoiled nothing: the browser that started it finishes.
  expect((await attacker.go(callback)).status).toBe(303);
  expect((await attacker.session()).user?.role).toBe('admin');
});

test('a callback whose state cookie names no pending sign-in is refused as expired', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { done } = await signIn(user, '/', () => {
    for (const name of user.pendingCookies()) user.dropCookie(name);
    user.setCookie(
      'lifeguard_oidc_not-a-state',
      'not-a-state',
      AUTH_API.oidcCallback,
    );
  });
  expectExpired(done);
  expect(tokenRequests).toHaveLength(0);
  expect((await user.session()).user).toBeNull();
});

test('a callback whose state differs from the pending one is refused', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { done } = await signIn(user, '/', (callback) => {
    callback.searchParams.set('state', 'forged-state');
  });
  expectExpired(done);
  expect(sessionCookieSet(done)).toBe(false);
  expect(tokenRequests).toHaveLength(0);
  expect((await user.session()).user).toBeNull();
});

test('a callback replayed after sign-in is refused as expired, even with the old state cookie', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { login, callback, done } = await signIn(user);
  expect(done.status).toBe(303);
  const state = /^lifeguard_oidc_[^=]+=([^;]+)/.exec(login.setCookies[0]!)![1]!;

  // The browser dropped the state cookie, so a replay has none...
  expectExpired(await user.go(callback));
  // ...and one captured beforehand no longer names a pending sign-in.
  const attacker = browser(server.url);
  attacker.setCookie(`lifeguard_oidc_${state}`, state, AUTH_API.oidcCallback);
  expectExpired(await attacker.go(callback));
  expect((await attacker.session()).user).toBeNull();
  expect(tokenRequests).toHaveLength(1);
});

test('an error from the identity provider shows a 401 page that escapes its text, and no session', async () => {
  const { idp, url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  idp.service.once(
    Events.BeforeAuthorizeRedirect,
    (redirect: MutableRedirectUri) => {
      redirect.url.searchParams.delete('code');
      redirect.url.searchParams.set('error', 'access_denied');
      redirect.url.searchParams.set(
        'error_description',
        '<img src=x onerror=alert(1)> said no',
      );
    },
  );
  const user = browser(server.url);
  const { done } = await signIn(user);
  expect(done.status).toBe(401);
  expect(done.body).toContain('Sign-in failed');
  expect(done.body).toContain(
    'access_denied: &lt;img src=x onerror=alert(1)&gt; said no',
  );
  expect(done.body).not.toContain('<img');
  expect(sessionCookieSet(done)).toBe(false);
  expect(tokenRequests).toHaveLength(0);
  expect((await user.session()).user).toBeNull();
});

test.each([
  {
    case: 'an ID token for another nonce',
    claims: (token: MutableToken) => {
      if (token.payload.nonce) token.payload.nonce = 'replayed-nonce';
    },
  },
  {
    case: 'an ID token for another client',
    claims: (token: MutableToken) => {
      if (token.payload.nonce) token.payload.aud = 'some-other-client';
    },
  },
  {
    case: 'an ID token from another issuer',
    claims: (token: MutableToken) => {
      token.payload.iss = 'http://127.0.0.1:1/elsewhere';
    },
  },
])('$case is refused with 401', async ({ claims }) => {
  const { idp, url } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  idp.service.on(Events.BeforeTokenSigning, claims);
  const user = browser(server.url);
  const { done } = await signIn(user);
  expect(done.status).toBe(401);
  expect(done.body).toContain('Sign-in failed');
  expect(sessionCookieSet(done)).toBe(false);
  expect((await user.session()).user).toBeNull();
});

test('a tampered code is refused with 401 (the provider rejects it: no PKCE challenge matches)', async () => {
  const { url } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const { done } = await signIn(user, '/', (callback) => {
    callback.searchParams.set('code', 'forged-code');
  });
  expect(done.status).toBe(401);
  expect(done.body).toContain('Sign-in failed');
  expect(sessionCookieSet(done)).toBe(false);
  expect((await user.session()).user).toBeNull();
});

test('every sign-in starts a new session id, ending the one the browser had; logout ends the session', async () => {
  const { url } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);

  await signIn(user);
  const first = user.cookie('lifeguard_session')!;
  expect(first).toBeTruthy();
  await signIn(user);
  const second = user.cookie('lifeguard_session')!;
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
  expect((await user.session()).user?.id).toBe('u-ada');

  const old = browser(server.url);
  old.setCookie('lifeguard_session', first);
  expect((await old.session()).user).toBeNull();
  expect((await old.go(IAM)).status).toBe(401);
  expect((await user.go(IAM)).status).toBe(200);

  // A cross-site form cannot sign the user out: the console's header is required.
  const forged = await user.go(AUTH_API.logout, { method: 'POST' });
  expect(forged.status).toBe(403);
  expect((await user.session()).user?.id).toBe('u-ada');

  const logout = await user.go(AUTH_API.logout, {
    method: 'POST',
    headers: { 'x-lifeguard-csrf': '1' },
  });
  expect(logout.status).toBe(204);
  expect(user.cookie('lifeguard_session')).toBeUndefined();
  expect((await user.session()).user).toBeNull();
  // Even a browser that kept the cookie is signed out.
  const kept = browser(server.url);
  kept.setCookie('lifeguard_session', second);
  expect((await kept.session()).user).toBeNull();
  const api = await kept.go(IAM);
  expect(api.status).toBe(401);
  expect(JSON.parse(api.body)).toMatchObject({
    errors: [{ code: 'unauthenticated' }],
  });
});

test('a public client signs in with PKCE alone, sending no secret', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const { server } = await startLifeguard(url, { publicClient: true });
  const user = browser(server.url);
  const { done } = await signIn(user);
  expect(done.status).toBe(303);
  expect(tokenRequests).toHaveLength(1);
  const grant = tokenRequests[0]!.body as unknown as Record<string, unknown>;
  expect(grant.client_id).toBe(CLIENT_ID);
  expect(grant.client_secret).toBeUndefined();
  expect(grant.code_verifier).toMatch(/^[\w-]{43,128}$/);
  expect(tokenRequests[0]!.headers.authorization).toBeUndefined();
  expect((await user.session()).user?.role).toBe('admin');
});

test('while the issuer is down the login route answers 502 with a readable page, and discovery is retried once it is up', async () => {
  const port = await reservePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { server } = await startLifeguard(issuer);
  const user = browser(server.url);

  const down = await user.go(`${AUTH_API.oidcLogin}?returnTo=/providers`);
  expect(down.status).toBe(502);
  expect(down.body).toContain('Sign-in is unavailable');
  expect(down.body).toContain(
    `could not read the sign-in configuration of ${issuer}`,
  );
  expect(user.pendingCookies()).toEqual([]);
  expect(server.logs.join('\n')).toContain('OIDC discovery failed');

  await startIdentityProvider(ADMIN, port);
  const { done } = await signIn(user, '/providers');
  expect(done.status).toBe(303);
  expect(done.location).toBe('/providers');
  expect((await user.session()).user?.role).toBe('admin');
});

test('no page and no log line carries the code, a token or the client secret', async () => {
  const { idp, url, tokens } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const codes: string[] = [];
  const keepCode = (callback: URL) => {
    codes.push(callback.searchParams.get('code')!);
  };
  const user = browser(server.url);

  // A good sign-in, a replay of it, and ones the provider or Lifeguard
  // refuse (nonce mismatch, invalid_grant, no role).
  const good = await signIn(user, '/', keepCode);
  expect(good.done.status).toBe(303);
  await user.go(good.callback);
  const nonce = (token: MutableToken) => {
    if (token.payload.nonce) token.payload.nonce = 'other';
  };
  idp.service.on(Events.BeforeTokenSigning, nonce);
  expect((await signIn(user, '/', keepCode)).done.status).toBe(401);
  idp.service.off(Events.BeforeTokenSigning, nonce);
  idp.service.once(Events.BeforeResponse, (response: MutableResponse) => {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant', error_description: 'no' };
  });
  expect((await signIn(user, '/', keepCode)).done.status).toBe(401);
  idp.service.on(Events.BeforeTokenSigning, (token: MutableToken) => {
    token.payload.groups = ['marketing'];
  });
  expect((await signIn(user, '/', keepCode)).done.status).toBe(403);

  const secrets = [CLIENT_SECRET, ...codes, ...tokens];
  expect(codes).toHaveLength(4);
  expect(tokens.length).toBeGreaterThanOrEqual(12);
  // The provider's own redirect carries the code, as it must.
  const lifeguardPages = user.pages.filter(
    (page) => page.url.origin === server.url,
  );
  const seen = lifeguardPages
    .map(
      (page) =>
        `${page.location ?? ''}\n${page.setCookies.join('\n')}\n${page.body}`,
    )
    .join('\n');
  const logs = server.logs.join('\n');
  expect(logs).toContain('OIDC sign-in failed');
  for (const secret of secrets) {
    expect(seen).not.toContain(secret);
    expect(logs).not.toContain(secret);
  }
});

test('two tabs signing in at once both complete, each on its own page', async () => {
  const { url } = await startIdentityProvider();
  const { server } = await startLifeguard(url);
  const user = browser(server.url);
  const first = await user.go(`${AUTH_API.oidcLogin}?returnTo=/first`);
  const second = await user.go(`${AUTH_API.oidcLogin}?returnTo=/second`);
  expect(user.pendingCookies()).toHaveLength(2);
  for (const [login, returnTo] of [
    [second, '/second'],
    [first, '/first'],
  ] as const) {
    const authorize = await user.go(login.location!);
    const done = await user.go(authorize.location!);
    expect(done.status).toBe(303);
    expect(done.location).toBe(returnTo);
  }
  expect(user.pendingCookies()).toEqual([]);
  expect((await user.session()).user).not.toBeNull();
});

test('a sign-in started on one replica completes on another sharing its database, once only, and its session works on both', async () => {
  const { url, tokenRequests } = await startIdentityProvider();
  const database = await testLocation('postgres');
  const first = await startLifeguard(url, {
    store: await testStore('postgres', database),
  });
  // Replicas share their configuration, so the redirect URI too: the
  // balancer, played here by the test, sends the callback to either.
  const second = await startLifeguard(url, {
    store: await testStore('postgres', database),
    redirectUri: `${first.server.url}${AUTH_API.oidcCallback}`,
  });
  const onFirst = browser(first.server.url);
  const { callback } = await startSignIn(onFirst);
  const onSecond = browser(second.server.url);
  for (const name of onFirst.pendingCookies()) {
    onSecond.setCookie(name, onFirst.cookie(name)!, AUTH_API.oidcCallback);
  }
  const toSecond = new URL(callback);
  toSecond.port = String(new URL(second.server.url).port);
  const done = await onSecond.go(toSecond);
  expect(done.status).toBe(303);
  expect(done.location).toBe('/providers/x');
  expect((await onSecond.session()).user?.id).toBe('u-ada');

  // The same callback replayed on the first replica finds nothing.
  expectExpired(await onFirst.go(callback));
  expect(tokenRequests).toHaveLength(1);
  // The session started on the second is one on the first too.
  onFirst.setCookie('lifeguard_session', onSecond.cookie('lifeguard_session')!);
  expect((await onFirst.session()).user?.id).toBe('u-ada');
});
