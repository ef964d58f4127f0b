import Database from 'better-sqlite3';
import { request } from 'node:http';
import { join } from 'node:path';
import { expect, onTestFinished, test, vi } from 'vitest';
import type { AuditEntry, AuditPage } from '#contract/audit.ts';
import { auditChanges } from './audit.ts';
import {
  startAuditedServer,
  type AuditedServer,
} from './testing/audited-server.ts';
import {
  offlineServer,
  passwordAuth,
  rawRequest,
  signIn,
  VIEWER_PASSWORD,
} from './test-helpers.ts';

const POOL = {
  display_name: 'ci-deployers',
  description: 'GitHub Actions deploy jobs',
  identity_claim: 'claims.sub',
  filter: 'claims.aud == "kafka" && claims.sub.startsWith("repo:acme/")',
};

async function history(
  api: AuditedServer['api'],
  query: string,
): Promise<AuditPage> {
  const response = await api('GET', `/api/lifeguard/audit?${query}`);
  expect(response.status).toBe(200);
  return response.body as unknown as AuditPage;
}

test('create, update and delete of a pool are recorded with who, request id and the values before and after', async () => {
  const { api, providerId } = await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  const created = await api('POST', pools, POOL);
  expect(created.status).toBe(201);
  const poolId = created.body.id as string;
  const updated = await api('PATCH', `${pools}/${poolId}`, {
    ...POOL,
    filter: 'claims.aud == "kafka" && claims.sub.startsWith("repo:acme/prod")',
  });
  expect(updated.status).toBe(200);
  const deleted = await api('DELETE', `${pools}/${poolId}`);
  expect(deleted.status).toBe(204);

  const page = await history(
    api,
    `provider_id=${providerId}&pool_id=${poolId}`,
  );
  expect(page.next).toBeNull();
  const [remove, update, create] = page.data as [
    AuditEntry,
    AuditEntry,
    AuditEntry,
  ];
  const actor = {
    id: 'local',
    name: 'Local user',
    role: 'admin',
    mode: 'none',
  };
  expect(create).toMatchObject({
    actor,
    action: 'create-pool',
    method: 'POST',
    target: pools,
    providerId,
    poolId,
    outcome: 'applied',
    status: 201,
    requestId: created.headers.get('x-request-id'),
  });
  expect(create.changes).toEqual(
    Object.entries(POOL).map(([field, after]) => ({
      field,
      before: null,
      after,
    })),
  );
  // Only the field whose value changed, with both values.
  expect(update).toMatchObject({ action: 'update-pool', status: 200 });
  expect(update.changes).toEqual([
    {
      field: 'filter',
      before: POOL.filter,
      after: 'claims.aud == "kafka" && claims.sub.startsWith("repo:acme/prod")',
    },
  ]);
  expect(remove).toMatchObject({ action: 'delete-pool', status: 204 });
  expect(remove.changes).toEqual(
    expect.arrayContaining([
      { field: 'display_name', before: 'ci-deployers', after: null },
      { field: 'filter', before: expect.stringContaining('prod'), after: null },
    ]),
  );
  expect(Date.parse(create.at)).toBeLessThanOrEqual(Date.parse(remove.at));
});

test('a write the upstream refuses is recorded as failed with its status and what was asked', async () => {
  const { api, providerId } = await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  const refused = await api('POST', pools, { ...POOL, identity_claim: 'sub' });
  expect(refused.status).toBe(422);
  const [entry] = (await history(api, `provider_id=${providerId}`)).data;
  expect(entry).toMatchObject({
    action: 'create-pool',
    outcome: 'failed',
    status: refused.status,
  });
  expect(entry!.changes).toContainEqual({
    field: 'identity_claim',
    before: null,
    after: 'sub',
  });
});

test('test cases are recorded by name, never with their claims', async () => {
  const { api, providerId, store } = await startAuditedServer();
  const pool = await api(
    'POST',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    POOL,
  );
  const poolId = pool.body.id as string;
  const path = `/api/lifeguard/providers/${providerId}/pools/${poolId}/test-cases`;
  const claims = { sub: 'svc-1', email: 'secret-person@example.com' };
  const created = await api('POST', path, {
    name: 'deployer matches',
    claims,
    expected: 'match',
  });
  expect(created.status).toBe(201);
  await api('DELETE', `${path}/${created.body.id as string}`);
  const entries = await store.auditLog.list({ pool_id: poolId }, 10);
  expect(entries.map((entry) => entry.action)).toEqual([
    'delete-test-case',
    'create-test-case',
    'create-pool',
  ]);
  expect(entries[1]!.changes).toEqual([
    { field: 'name', before: null, after: 'deployer matches' },
    { field: 'expected', before: null, after: 'match' },
  ]);
  expect(entries[0]!.changes).toEqual([
    { field: 'name', before: 'deployer matches', after: null },
    { field: 'expected', before: 'match', after: null },
  ]);
  expect(JSON.stringify(entries)).not.toContain('secret-person');
});

test('reads are not recorded, and the history pages by id and filters by time', async () => {
  const { api, providerId, store } = await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  await api('GET', pools);
  expect(await store.auditLog.list({}, 10)).toEqual([]);
  for (let index = 0; index < 5; index += 1) {
    await api('POST', pools, { ...POOL, display_name: `pool-${index}` });
  }
  const first = await history(api, 'page_size=2');
  expect(first.data.map((entry) => entry.changes[0]!.after)).toEqual([
    'pool-4',
    'pool-3',
  ]);
  const second = await history(api, `page_size=2&before=${first.next}`);
  expect(second.data.map((entry) => entry.changes[0]!.after)).toEqual([
    'pool-2',
    'pool-1',
  ]);
  const all = await history(api, 'page_size=10');
  const cut = all.data[2]!.at;
  const since = await history(api, `since=${encodeURIComponent(cut)}`);
  expect(since.data.length).toBeGreaterThanOrEqual(3);
  expect(since.data.every((entry) => entry.at >= cut)).toBe(true);
  expect((await history(api, 'until=2000-01-01T00:00:00Z')).data).toEqual([]);
});

test('the export is every matching entry as JSON Lines, as a download', async () => {
  const { api, providerId, server } = await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  await api('POST', pools, POOL);
  await api('POST', pools, { ...POOL, display_name: 'second' });
  const response = await fetch(
    `${server.url}/api/lifeguard/audit/export?provider_id=${providerId}`,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(
    /^application\/x-ndjson/,
  );
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="lifeguard-audit-.*\.jsonl"$/,
  );
  const lines = (await response.text()).trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
  expect(entries.map((entry) => entry.changes[0]!.after)).toEqual([
    'second',
    'ci-deployers',
  ]);
});

test.each([
  ['since=yesterday', 'since'],
  ['page_size=0', 'page_size'],
  ['page_size=1000', 'page_size'],
  ['before=-3', 'before'],
  ['pool_id=../x', 'pool_id'],
])('a bad query (%s) is a 400 naming the parameter', async (query, name) => {
  const { api } = await startAuditedServer();
  const response = await api('GET', `/api/lifeguard/audit?${query}`);
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({
    errors: [{ code: 'invalid_parameter', source: { parameter: name } }],
  });
});

test('the log is append-only: the database itself refuses to change or remove an entry', async () => {
  const { api, providerId, store, dir } = await startAuditedServer();
  await api(
    'POST',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    POOL,
  );
  const db = new Database(join(dir, 'lifeguard.sqlite'));
  onTestFinished(() => {
    db.close();
  });
  expect(() =>
    db.prepare("UPDATE audit_log SET actor_id = 'someone'").run(),
  ).toThrow(/append-only/);
  expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(
    /append-only/,
  );
  expect((await store.auditLog.list({}, 10))[0]!.actor.id).toBe('local');
});

test('each route declares what its writes record; reads and sign-in record nothing', async () => {
  const app = offlineServer();
  onTestFinished(() => app.close());
  await app.ready();
  const audit = (method: string, url: string, params: object) => {
    const route = app
      .declaredRoutes()
      .find((each) => each.method === method && each.url === url);
    expect(route, `${method} ${url}`).toBeDefined();
    return route!.policy.audit?.(method, params as Record<string, string>);
  };
  const POOL_URL =
    '/api/iam/v2/identity-providers/:provider_id/identity-pools/:id';
  expect(
    audit('PATCH', POOL_URL, { provider_id: 'op-1', id: 'pool-2' }),
  ).toEqual({
    action: 'update-pool',
    providerId: 'op-1',
    poolId: 'pool-2',
    readsBefore: true,
  });
  expect(
    audit('DELETE', '/api/iam/v2/identity-providers/:id', { id: 'op-1' }),
  ).toEqual({
    action: 'delete-provider',
    providerId: 'op-1',
    poolId: null,
    readsBefore: true,
    removesWith: 'identity-pools',
  });
  expect(
    audit('PATCH', '/api/iam/v2/identity-providers/:provider_id/jwks', {
      provider_id: 'op-1',
    }),
  ).toEqual({
    action: 'refresh-provider-keys',
    providerId: 'op-1',
    poolId: null,
    readsBefore: false,
  });
  expect(
    audit(
      'DELETE',
      '/api/lifeguard/providers/:providerId/pools/:poolId/test-cases/:id',
      {
        providerId: 'op-1',
        poolId: 'pool-2',
        id: 'tc-1',
      },
    ),
  ).toEqual({
    action: 'delete-test-case',
    providerId: 'op-1',
    poolId: 'pool-2',
  });
  expect(audit('GET', '/api/iam/v2/identity-providers', {})).toBeUndefined();
  expect(audit('POST', '/api/lifeguard/login', {})).toBeUndefined();
  expect(audit('POST', '/api/*', { '*': 'anything' })).toEqual({
    action: 'unrecognised-write',
    providerId: null,
    poolId: null,
  });
  expect(audit('GET', '/api/*', { '*': 'anything' })).toBeUndefined();
});

test('an applied update that changed nothing records no field; a failed one records what was asked', () => {
  const before = { display_name: 'a', filter: 'true', id: 'pool-1' };
  expect(
    auditChanges('update-pool', 'applied', {
      requested: { display_name: 'a', filter: 'true' },
      before,
      after: before,
    }),
  ).toEqual([]);
  expect(
    auditChanges('update-pool', 'failed', {
      requested: { filter: 'claims.sub == "x"' },
      before,
    }),
  ).toEqual([{ field: 'filter', before: 'true', after: 'claims.sub == "x"' }]);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('writes refused before forwarding are recorded as refused, with the reason and without their body', async () => {
  const { server, store, providerId } = await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  const json = { 'content-type': 'application/json' };
  const attempts: {
    path: string;
    headers?: Record<string, string>;
    body?: string;
    csrf?: boolean;
    status: number;
    reason: RegExp;
  }[] = [
    {
      path: pools,
      headers: json,
      body: '{"display_name": "half',
      status: 400,
      reason: /not valid JSON/,
    },
    {
      path: pools,
      headers: { 'content-type': 'text/plain' },
      body: 'display_name=x',
      status: 415,
      reason: /application\/json/,
    },
    {
      path: pools,
      headers: json,
      body: JSON.stringify({ description: 'x'.repeat(65 * 1024) }),
      status: 413,
      reason: /larger than 64 KiB/,
    },
    {
      path: pools,
      headers: json,
      body: JSON.stringify(POOL),
      csrf: false,
      status: 403,
      reason: /x-lifeguard-csrf header is missing/,
    },
    {
      path: pools.replace('/api/', '/%61pi/'),
      headers: json,
      body: JSON.stringify({ ...POOL, secret: 'not-kept-7' }),
      status: 400,
      reason: /percent-escape/,
    },
  ];
  for (const attempt of attempts) {
    const response = await rawRequest(server.port, 'POST', attempt.path, {
      headers: { 'x-request-id': 'script-run-9', ...attempt.headers },
      ...(attempt.body === undefined ? {} : { body: attempt.body }),
      ...(attempt.csrf === false ? { csrf: false } : {}),
    });
    expect(response.status, attempt.path).toBe(attempt.status);
    const [entry] = await store.auditLog.list({}, 1);
    expect(entry, attempt.path).toMatchObject({
      actor: { id: 'local' },
      method: 'POST',
      target: attempt.path,
      outcome: 'refused',
      status: attempt.status,
      changes: [],
      requestId: response.headers['x-request-id'],
      clientRequestId: 'script-run-9',
    });
    expect(entry!.requestId).toMatch(UUID);
    expect(entry!.reason).toMatch(attempt.reason);
  }
  const entries = await store.auditLog.list({}, 10);
  expect(entries.map((entry) => entry.action)).toEqual([
    'unrecognised-write',
    'create-pool',
    'create-pool',
    'create-pool',
    'create-pool',
  ]);
  expect(JSON.stringify(entries)).not.toContain('not-kept-7');
});

test('a write over the rate limit is recorded as refused, once per window; reads over it are not', async () => {
  const { server, store, providerId } = await startAuditedServer({
    apiRateLimit: { max: 2, windowSeconds: 60 },
  });
  // The setup's read of the providers spent one request.
  const pool = `/api/iam/v2/identity-providers/${providerId}/identity-pools/pool-x`;
  await rawRequest(server.port, 'GET', pool);
  expect((await rawRequest(server.port, 'GET', pool)).status).toBe(429);
  const refused = await rawRequest(server.port, 'DELETE', pool);
  expect(refused.status).toBe(429);
  // Hammering on records nothing more until the window ends.
  for (let i = 0; i < 5; i++) {
    expect((await rawRequest(server.port, 'DELETE', pool)).status).toBe(429);
  }
  expect(await store.auditLog.list({}, 10)).toEqual([
    expect.objectContaining({
      action: 'delete-pool',
      providerId,
      poolId: 'pool-x',
      outcome: 'refused',
      status: 429,
      reason: expect.stringContaining('Try again in'),
    }),
  ]);
});

test('writes without a session are refused and only logged: nothing unauthenticated grows the audit log', async () => {
  const { server, store, providerId } = await startAuditedServer({
    auth: await passwordAuth(),
  });
  for (const path of [
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    '/%61pi/lifeguard/providers/op-FAKE/pools/pool-FAKE/test-cases',
    '/api/lifeguard/providers/op-FAKE/pools/pool-FAKE/test-cases',
    '/api/nothing-here',
  ]) {
    const response = await rawRequest(server.port, 'POST', path, {
      headers: { 'content-type': 'application/json' },
      body: '{"name":"t","claims":{},"expected":"match"}',
    });
    expect(response.status, path).toBeGreaterThanOrEqual(400);
  }
  expect(await store.auditLog.list({}, 10)).toEqual([]);
  expect(await store.testCases.countAll()).toBe(0);
  expect(
    server.logs.filter((line) =>
      line.includes('not recorded in the audit log'),
    ),
  ).toHaveLength(4);
});

test('deleting a provider records each pool that went with it, findable by its pool id, and the provider’s keys by id only', async () => {
  const { api, emulator } = await startAuditedServer();
  // The demo seed's Okta provider has 263 pools: three pages to walk.
  const providers = await api(
    'GET',
    '/api/iam/v2/identity-providers?page_size=100',
  );
  const okta = (providers.body.data as { id: string; issuer: string }[]).find(
    (provider) => provider.issuer.includes('okta.com'),
  )!.id;
  const read = await api('GET', `/api/iam/v2/identity-providers/${okta}`);
  const kids = (read.body.keys as { kid: string }[]).map((key) => key.kid);
  expect(kids.length).toBeGreaterThan(0);
  const pools = `/api/iam/v2/identity-providers/${okta}/identity-pools`;
  // One pool with values of its own, the last created (on the last page).
  const last = await api('POST', pools, POOL);
  expect(last.status).toBe(201);
  const poolId = last.body.id as string;

  const deleted = await api('DELETE', `/api/iam/v2/identity-providers/${okta}`);
  expect(deleted.status).toBe(204);
  expect(
    (await emulator.call('GET', `/iam/v2/identity-providers/${okta}`)).status,
  ).toBe(404);

  // Filtered by the pool's id alone, the log finds how the pool ended.
  const [entry, ...others] = (await history(api, `pool_id=${poolId}`)).data;
  expect(entry).toMatchObject({
    action: 'delete-pool-with-provider',
    method: 'DELETE',
    target: `/api/iam/v2/identity-providers/${okta}`,
    providerId: okta,
    poolId,
    outcome: 'applied',
    status: 204,
    requestId: deleted.headers.get('x-request-id'),
  });
  expect(entry!.changes).toEqual(
    expect.arrayContaining(
      Object.entries(POOL).map(([field, value]) => ({
        field,
        before: value,
        after: null,
      })),
    ),
  );
  // Its creation is the entry before; nothing else.
  expect(others.map((other) => other.action)).toEqual(['create-pool']);

  // Every entry about the provider, page by page.
  const entries: AuditEntry[] = [];
  let older = '';
  for (;;) {
    const page = await history(
      api,
      `provider_id=${okta}&page_size=200${older}`,
    );
    entries.push(...page.data);
    if (page.next === null) break;
    older = `&before=${page.next}`;
  }
  const cascaded = entries.filter(
    (each) => each.action === 'delete-pool-with-provider',
  );
  expect(cascaded).toHaveLength(264);
  expect(new Set(cascaded.map((each) => each.poolId)).size).toBe(264);

  // The provider's own entry names its pools and keeps only its keys' ids.
  const provider = entries.find((each) => each.action === 'delete-provider');
  expect(provider).toMatchObject({ outcome: 'applied', status: 204 });
  const changes = Object.fromEntries(
    provider!.changes.map((change) => [change.field, change.before]),
  );
  expect(changes.keys).toEqual(kids);
  expect(changes.identity_pools).toHaveLength(264);
  expect(changes.identity_pools).toContain(poolId);
  const text = JSON.stringify(provider);
  for (const material of ['"n"', '"e"', '"x5c"', 'AQAB']) {
    expect(text).not.toContain(material);
  }
});

test('a provider delete that fails records no pool as deleted', async () => {
  const { api, emulator, providerId } = await startAuditedServer();
  await emulator.call('POST', '/_emulator/faults', {
    body: {
      match: { method: 'DELETE', path: 'identity-providers/[^/]+$' },
      respond: { status: 500 },
      times: 1,
    },
  });
  const deleted = await api(
    'DELETE',
    `/api/iam/v2/identity-providers/${providerId}`,
  );
  expect(deleted.status).toBe(500);
  const page = await history(api, `provider_id=${providerId}`);
  expect(page.data.map((entry) => [entry.action, entry.outcome])).toEqual([
    ['delete-provider', 'failed'],
  ]);
  expect(
    page.data[0]!.changes.find((change) => change.field === 'identity_pools'),
  ).toBeUndefined();
});

test('JSON Web Keys anywhere in a recorded value are reduced to their kid', () => {
  const key = { kty: 'RSA', kid: 'k1', n: 'modulus', e: 'AQAB', x5c: ['c'] };
  expect(
    auditChanges('update-provider', 'failed', {
      requested: { keys: [key], jwks: { keys: [key, { kty: 'EC' }] } },
      before: { keys: [key] },
    }),
  ).toEqual([
    { field: 'keys', before: ['k1'], after: ['k1'] },
    { field: 'jwks', before: null, after: { keys: ['k1', null] } },
  ]);
});

test('granting and revoking a role on a pool are recorded with the principal, role and CRN, in the pool’s entries', async () => {
  const { api, store, providerId } = await startAuditedServer();
  const pool = await api(
    'POST',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    POOL,
  );
  const poolId = pool.body.id as string;
  const [organization] = (await api('GET', '/api/org/v2/organizations')).body
    .data as { id: string }[];
  const [environment] = (await api('GET', '/api/org/v2/environments')).body
    .data as { id: string }[];
  const clusters = (
    await api('GET', `/api/cmk/v2/clusters?environment=${environment!.id}`)
  ).body.data as { id: string; spec: { config: { kind: string } } }[];
  const cluster = clusters.find((each) => each.spec.config.kind !== 'Basic')!;
  const binding = {
    principal: `User:${poolId}`,
    role_name: 'DeveloperRead',
    crn_pattern: `crn://confluent.cloud/organization=${organization!.id}/environment=${environment!.id}/cloud-cluster=${cluster.id}/kafka=${cluster.id}/topic=orders-*`,
  };
  const granted = await api('POST', '/api/iam/v2/role-bindings', binding);
  expect(granted.status).toBe(201);
  const id = granted.body.id as string;
  expect(granted.headers.get('location')).toBe(
    `/api/iam/v2/role-bindings/${id}`,
  );
  // At a scope the role does not allow: refused by Confluent, recorded as failed.
  const refused = await api('POST', '/api/iam/v2/role-bindings', {
    ...binding,
    crn_pattern: `crn://confluent.cloud/organization=${organization!.id}`,
  });
  expect(refused.status).toBe(400);
  const revoked = await api('DELETE', `/api/iam/v2/role-bindings/${id}`);
  expect(revoked.status).toBe(200);

  const entries = await store.auditLog.list({ pool_id: poolId }, 10);
  expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
    ['revoke-role', 'applied'],
    ['grant-role', 'failed'],
    ['grant-role', 'applied'],
    ['create-pool', 'applied'],
  ]);
  const fields = (entry: AuditEntry) =>
    Object.fromEntries(
      entry.changes.map((change) => [
        change.field,
        [change.before, change.after],
      ]),
    );
  expect(fields(entries[2]!)).toEqual({
    principal: [null, binding.principal],
    role_name: [null, 'DeveloperRead'],
    crn_pattern: [null, binding.crn_pattern],
  });
  expect(entries[1]!.reason).toMatch(/DeveloperRead/);
  expect(fields(entries[0]!)).toEqual({
    principal: [binding.principal, null],
    role_name: ['DeveloperRead', null],
    crn_pattern: [binding.crn_pattern, null],
  });
  expect(entries[0]!.target).toBe(`/api/iam/v2/role-bindings/${id}`);
  // The pool's History tab asks by provider and pool: the grants are there.
  const poolHistory = await history(
    api,
    `provider_id=${providerId}&pool_id=${poolId}`,
  );
  expect(poolHistory.data.map((entry) => entry.action)).toEqual([
    'revoke-role',
    'grant-role',
    'grant-role',
    'create-pool',
  ]);
  // Asked with another provider, only the entries that name no provider
  // come back: pool ids are unique in an organization.
  expect(
    (await history(api, `provider_id=op-other&pool_id=${poolId}`)).data.map(
      (entry) => entry.action,
    ),
  ).toEqual(['revoke-role', 'grant-role', 'grant-role']);
});

test('a viewer may list role bindings but not grant or revoke them', async () => {
  const auth = await passwordAuth();
  const { server } = await startAuditedServer({ auth });
  const cookie = await signIn(server.port, 'victor', VIEWER_PASSWORD);
  const call = (method: string, path: string, body?: unknown) =>
    rawRequest(server.port, method, path, {
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const list = await call(
    'GET',
    `/api/iam/v2/role-bindings?crn_pattern=${encodeURIComponent('crn://confluent.cloud/*')}`,
  );
  expect(list.status).not.toBe(403);
  const grant = await call('POST', '/api/iam/v2/role-bindings', {
    principal: 'User:pool-1',
    role_name: 'DeveloperRead',
    crn_pattern: 'crn://confluent.cloud/organization=o-1',
  });
  expect(grant.status).toBe(403);
  expect((await call('DELETE', '/api/iam/v2/role-bindings/rb-1')).status).toBe(
    403,
  );
});

test('a write is answered only once its entry is committed', async () => {
  const { api, providerId, store } = await startAuditedServer();
  const append = store.auditLog.append.bind(store.auditLog);
  let committed = false;
  vi.spyOn(store.auditLog, 'append').mockImplementation(async (...args) => {
    // A slow database: the answer must wait for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const entries = await append(...args);
    committed = true;
    return entries;
  });
  const created = await api(
    'POST',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    POOL,
  );
  expect(created.status).toBe(201);
  expect(committed).toBe(true);
  expect(await store.auditLog.list({}, 1)).toEqual([
    expect.objectContaining({ requestId: created.headers.get('x-request-id') }),
  ]);
});

test('when the entry cannot be written the write is still answered as it went, and the failure is logged as an error', async () => {
  const { api, providerId, store, server } = await startAuditedServer();
  vi.spyOn(store.auditLog, 'append').mockRejectedValue(
    new Error('database unavailable'),
  );
  const created = await api(
    'POST',
    `/api/iam/v2/identity-providers/${providerId}/identity-pools`,
    POOL,
  );
  // The pool exists upstream: answering 500 would say it did not.
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ display_name: POOL.display_name });
  const failure = server.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.msg === 'audit entry could not be written');
  expect(failure).toMatchObject({
    level: 50,
    action: 'create-pool',
    status: 201,
    err: { message: 'database unavailable' },
  });
});

test('a write whose browser goes away before the answer still runs to its end and is recorded', async () => {
  const { api, emulator, providerId, server, store } =
    await startAuditedServer();
  const pools = `/api/iam/v2/identity-providers/${providerId}/identity-pools`;
  const created = await api('POST', pools, POOL);
  const poolId = created.body.id as string;
  // A slow upstream: the browser leaves (a closed tab) while it works.
  const slow = await emulator.call('POST', '/_emulator/faults', {
    body: { match: { method: 'PATCH' }, delayMs: 400, times: 1 },
  });
  expect(slow.status).toBeLessThan(300);
  const body = JSON.stringify({ description: 'changed by a closed tab' });
  const sent = request(`${server.url}${pools}/${poolId}`, {
    method: 'PATCH',
    headers: {
      'x-lifeguard-csrf': '1',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  });
  const gone = new Promise<void>((resolve) => sent.once('close', resolve));
  sent.on('error', () => undefined);
  sent.end(body);
  setTimeout(() => sent.destroy(), 50);
  await gone;
  // Confluent applied it; the audit log must say so, not stay silent.
  await vi.waitFor(
    async () => {
      const [entry] = await store.auditLog.list({ pool_id: poolId }, 1);
      expect(entry).toMatchObject({
        action: 'update-pool',
        outcome: 'applied',
        status: 200,
      });
    },
    { timeout: 5_000, interval: 50 },
  );
  const stored = await api('GET', `${pools}/${poolId}`);
  expect(stored.body.description).toBe('changed by a closed tab');
});
