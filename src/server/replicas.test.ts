import { Events, OAuth2Server, type MutableToken } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditEntry, AuditPage } from '#contract/audit.ts';
import { AUDIT_API } from '#contract/audit.ts';
import { AUTH_API } from '#contract/auth.ts';
import {
  startTestEmulator,
  type TestEmulator,
} from '../emulator/test-server.ts';
import { hashPassword } from './passwords.ts';
import { freshDatabase } from './testing/postgres.ts';
import {
  startBalancer,
  startReplica,
  type Balancer,
  type Replica,
} from './testing/replicas.ts';

// Two Lifeguard servers (child processes, as `npm start` runs them) on one
// PostgreSQL database, behind one round-robin balancer: every browser must
// see one Lifeguard, and the audit log must be one history.

const PASSWORD = 'replica-password-Qx81';
const USERS = ['alice', 'lou', 'rita', 'wes'];
const RATE_LIMIT = 30;
const CSRF = { 'x-lifeguard-csrf': '1' };

let emulator: TestEmulator;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let replicas: Replica[] = [];
let balancer: Balancer;
let providerId: string;
let poolPath: string;

function upstreamEnv(): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    CONFLUENT_CLOUD_ENDPOINT: emulator.url,
    CONFLUENT_CLOUD_API_KEY: emulator.config.apiKey,
    CONFLUENT_CLOUD_API_SECRET: emulator.config.apiSecret,
    API_RATE_LIMIT: String(RATE_LIMIT),
    LOG_LEVEL: 'warn',
  };
}

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: 'demo' });
  database = await freshDatabase();
  const hash = await hashPassword(PASSWORD);
  const env = {
    ...upstreamEnv(),
    AUTH_MODE: 'password',
    AUTH_USERS: USERS.map((name) => `${name}:admin:${hash}`).join(','),
  };
  // Started together: both migrate the empty database at once.
  replicas = await Promise.all([startReplica(env), startReplica(env)]);
  balancer = await startBalancer(replicas.map((replica) => replica.url));
  const providers = await emulator.call(
    'GET',
    '/iam/v2/identity-providers?page_size=1',
  );
  providerId = ((await providers.json()) as { data: { id: string }[] }).data[0]!
    .id;
  const pools = await emulator.call(
    'GET',
    `/iam/v2/identity-providers/${providerId}/identity-pools?page_size=1`,
  );
  const poolId = ((await pools.json()) as { data: { id: string }[] }).data[0]!
    .id;
  poolPath = `/api/iam/v2/identity-providers/${providerId}/identity-pools/${poolId}`;
}, 90_000);

afterAll(async () => {
  await balancer?.close();
  await Promise.all(replicas.map((replica) => replica.stop()));
  await emulator?.close();
  await database?.drop();
});

async function signIn(url: string, username: string, password = PASSWORD) {
  return fetch(`${url}${AUTH_API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF },
    body: JSON.stringify({ username, password }),
  });
}

function sessionCookie(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((header) => /^(__Host-)?lifeguard_session=/.test(header))
    ?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie (${response.status})`);
  return cookie;
}

function get(url: string, path: string, cookie: string) {
  return fetch(`${url}${path}`, { headers: { cookie } });
}

test('a session made through one replica works through the other; signing out on one ends it on both', async () => {
  const [a, b] = replicas;
  const cookie = sessionCookie(await signIn(a!.url, 'alice'));
  for (const replica of [b!, a!, b!]) {
    const session = await get(replica.url, AUTH_API.session, cookie);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { id: 'alice' } });
  }
  const out = await fetch(`${b!.url}${AUTH_API.logout}`, {
    method: 'POST',
    headers: { cookie, ...CSRF },
  });
  expect(out.status).toBeLessThan(300);
  for (const replica of [a!, b!]) {
    const list = await get(
      replica.url,
      '/api/iam/v2/identity-providers',
      cookie,
    );
    expect(list.status).toBe(401);
  }
});

test('sign-in failures spread over both replicas lock the user out on both', async () => {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const replica = replicas[attempt % 2]!;
    statuses.push((await signIn(replica.url, 'lou', 'wrong-password')).status);
  }
  // Counted together: a per-replica counter would allow twice as many.
  expect(statuses).toContain(429);
  const firstLock = statuses.indexOf(429);
  expect(firstLock).toBeLessThanOrEqual(10);
  for (const replica of replicas) {
    expect((await signIn(replica.url, 'lou')).status).toBe(429);
  }
});

test('the per-client /api rate limit counts across both replicas', async () => {
  const cookie = sessionCookie(await signIn(balancer.url, 'rita'));
  const statuses: number[] = [];
  for (let at = 0; at < RATE_LIMIT + 10; at += 1) {
    statuses.push(
      (await get(balancer.url, '/api/iam/v2/identity-providers', cookie))
        .status,
    );
  }
  const allowed = statuses.filter((status) => status === 200).length;
  // Sequential requests race with nothing: exactly the budget, not twice it.
  expect(allowed).toBe(RATE_LIMIT);
  expect(statuses.slice(RATE_LIMIT)).toEqual(
    Array.from({ length: 10 }, () => 429),
  );
});

async function auditPage(
  url: string,
  cookie: string,
  before?: number,
  size = 5,
) {
  const query = new URLSearchParams({
    page_size: String(size),
    provider_id: providerId,
  });
  if (before !== undefined) query.set('before', String(before));
  const response = await get(url, `${AUDIT_API.list}?${query}`, cookie);
  expect(response.status).toBe(200);
  return (await response.json()) as AuditPage;
}

// Every entry of the provider, newest first, paging 5 at a time through
// the replicas in turn.
async function wholeHistory(cookie: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  for (let page = 0; ; page += 1) {
    const { data, next } = await auditPage(
      replicas[page % replicas.length]!.url,
      cookie,
      before,
    );
    entries.push(...data);
    if (next === null) return entries;
    before = next;
  }
}

function patch(cookie: string, description: string) {
  return fetch(`${balancer.url}${poolPath}`, {
    method: 'PATCH',
    headers: { cookie, 'content-type': 'application/json', ...CSRF },
    body: JSON.stringify({ description }),
  });
}

test('writes through both replicas come back from either as one ordered history, without gaps or repeats', async () => {
  const cookie = sessionCookie(await signIn(balancer.url, 'alice'));
  const sent: string[] = [];
  for (let at = 0; at < 8; at += 1) {
    const response = await patch(cookie, `written ${at}`);
    expect(response.status).toBe(200);
    sent.push(response.headers.get('x-request-id')!);
  }
  const history = await wholeHistory(cookie);
  const ids = history.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...ids].sort((x, y) => y - x));
  // Newest first: the writes in the order they were answered.
  const ours = history
    .filter((entry) => sent.includes(entry.requestId))
    .map((entry) => entry.requestId);
  expect(ours).toEqual([...sent].reverse());
});

test('an OpenID Connect sign-in started on one replica completes on the other', async () => {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  idp.issuer.url = `http://127.0.0.1:${idp.address().port}`;
  idp.service.on(Events.BeforeTokenSigning, (token: MutableToken) => {
    Object.assign(token.payload, {
      sub: 'u-olga',
      name: 'Olga',
      groups: ['lifeguard-admins'],
    });
  });
  const env = {
    ...upstreamEnv(),
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: idp.issuer.url,
    OIDC_CLIENT_ID: 'lifeguard',
    OIDC_CLIENT_SECRET: 'oidc-client-secret-Rk29',
    OIDC_REDIRECT_URI: 'http://127.0.0.1:9/auth/oidc/callback',
    OIDC_ADMIN_VALUES: 'lifeguard-admins',
  };
  const pair = await Promise.all([startReplica(env), startReplica(env)]);
  try {
    const [a, b] = pair;
    const login = await fetch(`${a!.url}${AUTH_API.oidcLogin}`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    const pending = login.headers
      .getSetCookie()
      .map((header) => header.split(';')[0]!)
      .join('; ');
    const authorize = await fetch(login.headers.get('location')!, {
      redirect: 'manual',
    });
    const back = new URL(authorize.headers.get('location')!);
    // The identity provider sends the browser back; the balancer picks B.
    const callback = await fetch(`${b!.url}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie: pending },
    });
    expect(callback.status).toBe(303);
    const cookie = sessionCookie(callback);
    const session = await get(a!.url, AUTH_API.session, cookie);
    expect(await session.json()).toMatchObject({
      user: { id: 'u-olga', role: 'admin' },
    });
    // The state was used once: replaying the callback on A fails.
    const replay = await fetch(`${a!.url}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie: pending },
    });
    expect(replay.status).toBe(400);
  } finally {
    await Promise.all(pair.map((replica) => replica.stop()));
    await idp.stop();
  }
});

describe('a replica killed in the middle of a write stream', () => {
  test('loses no acknowledged write and no audit entry of one', async () => {
    const cookie = sessionCookie(await signIn(balancer.url, 'wes'));
    const acknowledged: string[] = [];
    let failed = 0;
    let answered = 0;
    // Three writers at once, so writes are in flight on the replica when
    // it is killed, a third of the way through.
    const writer = async (name: string) => {
      for (let at = 0; at < 8; at += 1) {
        const response = await patch(cookie, `${name} ${at}`).catch(
          () => undefined,
        );
        answered += 1;
        if (answered === 8) replicas[0]!.child.kill('SIGKILL');
        if (response?.status === 200) {
          acknowledged.push(response.headers.get('x-request-id')!);
        } else {
          failed += 1;
        }
      }
    };
    await Promise.all(['x', 'y', 'z'].map(writer));
    // Only requests to the killed replica may fail: one in flight per
    // writer, and one per writer sent before the balancer saw it was down.
    expect(failed).toBeLessThanOrEqual(6);
    expect(acknowledged.length).toBeGreaterThanOrEqual(18);
    const survivor = replicas[1]!;
    const history: AuditEntry[] = [];
    let before: number | undefined;
    for (;;) {
      // Few pages: this user's budget is mostly spent on the writes.
      const { data, next } = await auditPage(survivor.url, cookie, before, 200);
      history.push(...data);
      if (next === null) break;
      before = next;
    }
    const recorded = new Set(history.map((entry) => entry.requestId));
    expect(acknowledged.filter((id) => !recorded.has(id))).toEqual([]);
  });
});
