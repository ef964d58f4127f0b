import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { expect, onTestFinished, test } from 'vitest';
import { parse } from 'yaml';
import { CSRF_HEADER } from '#contract/lifeguard-api.ts';
import { createServer, type ServerOptions } from './app.ts';
import { basicCredentials } from './credentials.ts';
import {
  ADMIN_PASSWORD,
  offlineServer,
  passwordAuth,
  startFakeUpstream,
  VIEWER_PASSWORD,
} from './test-helpers.ts';

// src/contract/lifeguard-openapi.yaml against the server itself: the same
// operations as the routes it declares under /api/lifeguard, with the same
// access, and answers that fit the document.

type Schema = Record<string, unknown>;
type ResponseSpec = {
  $ref?: string;
  content?: Record<string, { schema: Schema }>;
};
type Operation = {
  operationId: string;
  'x-lifeguard-access': string;
  'x-lifeguard-rate-limited': boolean;
  /** Declared only while the upstream is the embedded emulator. */
  'x-lifeguard-emulator-only'?: boolean;
  responses: Record<string, ResponseSpec>;
};
type Doc = {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: { responses: Record<string, ResponseSpec> };
};

const DOC = parse(
  readFileSync(
    new URL('../contract/lifeguard-openapi.yaml', import.meta.url),
    'utf8',
  ),
) as Doc;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Documented = { method: string; path: string; operation: Operation };

/** Every operation of the document (path items also hold `parameters`). */
function documented(): Documented[] {
  return Object.entries(DOC.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => METHODS.includes(key))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation: operation as Operation,
      })),
  );
}

/** `/a/{id}` as Fastify spells it: `/a/:id`. */
function routeUrl(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

async function lifeguardRoutes(app: FastifyInstance) {
  await app.ready();
  const routes = app
    .declaredRoutes()
    .filter((route) => route.url.startsWith('/api/lifeguard/'));
  const gets = new Set(
    routes.filter((route) => route.method === 'GET').map((route) => route.url),
  );
  // Fastify answers HEAD wherever GET is; it is no operation of its own.
  return routes.filter(
    (route) => !(route.method === 'HEAD' && gets.has(route.url)),
  );
}

async function declaredNames(label: string) {
  const app = offlineServer(label);
  onTestFinished(() => app.close());
  return (await lifeguardRoutes(app))
    .map((route) => `${route.method} ${route.url}`)
    .sort();
}

function documentedNames(options: { withEmulatorOnly: boolean }) {
  return documented()
    .filter(
      ({ operation }) =>
        options.withEmulatorOnly || !operation['x-lifeguard-emulator-only'],
    )
    .map(({ method, path }) => `${method} ${routeUrl(path)}`)
    .sort();
}

test('the document has exactly the /api/lifeguard routes the server declares', async () => {
  // Over the embedded emulator the server declares every operation.
  const overEmulator = await declaredNames('emulator');
  expect(documentedNames({ withEmulatorOnly: true })).toEqual(overEmulator);
  expect(overEmulator).toContain('POST /api/lifeguard/login');
  // Over any other upstream, all but those marked emulator-only.
  const overConfluent = await declaredNames('confluent-cloud');
  expect(documentedNames({ withEmulatorOnly: false })).toEqual(overConfluent);
  expect(overConfluent).not.toContain('POST /api/lifeguard/sts-check');
});

test('each operation states its route’s access and rate limit, and the refusals they bring', async () => {
  const app = offlineServer('emulator');
  onTestFinished(() => app.close());
  const routes = await lifeguardRoutes(app);
  const ids = new Set<string>();
  for (const { method, path, operation } of documented()) {
    const name = `${method} ${path}`;
    const route = routes.find(
      (each) => each.method === method && each.url === routeUrl(path),
    );
    expect(route, name).toBeDefined();
    const { policy } = route!;
    expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
    expect(ids, name).not.toContain(operation.operationId);
    ids.add(operation.operationId);
    expect(operation['x-lifeguard-access'], name).toBe(policy.access);
    expect(operation['x-lifeguard-rate-limited'], name).toBe(
      policy.rateLimited,
    );
    const statuses = Object.keys(operation.responses);
    const refusals = [
      ...(policy.access === 'public' ? [] : ['401']),
      ...(policy.access === 'admin' || method !== 'GET' ? ['403'] : []),
      ...(policy.rateLimited ? ['429'] : []),
    ];
    for (const status of refusals) expect(statuses, name).toContain(status);
  }
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...DOC, $id: 'lifeguard-openapi.json' });

function inDocument(schema: Schema): Schema {
  return JSON.parse(
    JSON.stringify(schema).replaceAll(
      '"#/components/',
      '"lifeguard-openapi.json#/components/',
    ),
  ) as Schema;
}

function operationFor(method: string, url: string): Documented {
  const path = url.split('?')[0]!;
  const found = documented().find(
    (each) =>
      each.method === method &&
      new RegExp(`^${each.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
}

function expectValid(schema: Schema, value: unknown, what: string) {
  const validate = ajv.compile(inDocument(schema));
  validate(value);
  expect(validate.errors ?? [], what).toEqual([]);
}

type Call = {
  cookie?: string;
  /** JSON, or text sent as JSON as it is. */
  body?: unknown;
  csrf?: boolean;
};

/** Calls the server and checks the answer's status and body against the document. */
async function conforms(
  app: FastifyInstance,
  method: string,
  url: string,
  status: number,
  call: Call = {},
) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(call.cookie ? { cookie: call.cookie } : {}),
      ...(call.csrf === false ? {} : { [CSRF_HEADER]: '1' }),
      ...(call.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
    },
    ...(call.body === undefined
      ? {}
      : {
          payload:
            typeof call.body === 'string'
              ? call.body
              : JSON.stringify(call.body),
        }),
  });
  const what = `${method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`;
  expect(response.statusCode, what).toBe(status);
  const { operation } = operationFor(method, url);
  let spec = operation.responses[String(status)];
  expect(spec, `${operation.operationId} documents ${status}`).toBeDefined();
  if (spec!.$ref) {
    spec = DOC.components.responses[spec!.$ref.split('/').pop()!];
  }
  const type = String(response.headers['content-type'] ?? '').split(';')[0]!;
  const content = spec!.content;
  if (!content) {
    expect(response.body, what).toBe('');
    return response;
  }
  expect(Object.keys(content), what).toContain(type);
  if (type === 'application/x-ndjson') {
    const entry = { $ref: '#/components/schemas/AuditEntry' };
    for (const line of response.body.split('\n').filter(Boolean)) {
      expectValid(entry, JSON.parse(line), what);
    }
  } else {
    expectValid(content[type]!.schema, response.json(), what);
  }
  return response;
}

async function lifeguard(
  options: Partial<ServerOptions> & {
    label?: string;
    answer?: Parameters<typeof startFakeUpstream>[0];
  } = {},
) {
  const { label = 'test', answer, ...serverOptions } = options;
  const upstream = await startFakeUpstream(answer);
  const app = createServer({
    distDir: '/nonexistent',
    upstream: {
      endpoint: upstream.url,
      label,
      credentials: basicCredentials('k', 'secret-value-1'),
      timeoutMs: 2_000,
    },
    logLevel: 'silent',
    auth: await passwordAuth(),
    ...serverOptions,
  });
  onTestFinished(async () => {
    await app.close();
    await upstream.close();
  });
  return app;
}

async function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
) {
  const response = await conforms(app, 'POST', '/api/lifeguard/login', 200, {
    body: { username, password },
  });
  const cookie = [response.headers['set-cookie']].flat()[0]!.split(';')[0]!;
  expect(cookie).toMatch(/^lifeguard_session=/);
  return cookie;
}

test('the server’s answers fit the document', async () => {
  const app = await lifeguard();
  const session = '/api/lifeguard/session';
  const login = '/api/lifeguard/login';
  await conforms(app, 'GET', session, 200);
  await conforms(app, 'POST', login, 400, { body: {} });
  await conforms(app, 'POST', login, 400, { body: '{"username":' });
  await conforms(app, 'POST', login, 401, {
    body: { username: 'alice', password: 'wrong' },
  });
  await conforms(app, 'POST', login, 403, {
    body: { username: 'alice', password: ADMIN_PASSWORD },
    csrf: false,
  });
  const admin = await signIn(app, 'alice', ADMIN_PASSWORD);
  const viewer = await signIn(app, 'victor', VIEWER_PASSWORD);
  await conforms(app, 'GET', session, 200, { cookie: admin });

  const cases = '/api/lifeguard/providers/op-1/pools/pool-2/test-cases';
  await conforms(app, 'GET', cases, 401);
  await conforms(app, 'GET', cases, 200, { cookie: viewer });
  await conforms(
    app,
    'GET',
    '/api/lifeguard/providers/op.1/pools/p/test-cases',
    404,
    {
      cookie: viewer,
    },
  );
  const testCase = {
    name: 'orders',
    claims: { sub: 'svc' },
    expected: 'match',
  };
  await conforms(app, 'POST', cases, 403, { cookie: viewer, body: testCase });
  await conforms(app, 'POST', cases, 422, {
    cookie: admin,
    body: { ...testCase, expected: 'maybe' },
  });
  const created = await conforms(app, 'POST', cases, 201, {
    cookie: admin,
    body: testCase,
  });
  await conforms(app, 'GET', cases, 200, { cookie: viewer });
  const { id } = created.json<{ id: string }>();
  await conforms(app, 'DELETE', `${cases}/${id}`, 204, { cookie: admin });
  await conforms(app, 'DELETE', `${cases}/${id}`, 404, { cookie: admin });

  const audit = '/api/lifeguard/audit';
  const history = `${audit}?provider_id=op-1&pool_id=pool-2`;
  const page = await conforms(app, 'GET', history, 200, { cookie: viewer });
  expect(page.json<{ data: unknown[] }>().data.length).toBeGreaterThan(0);
  await conforms(app, 'GET', audit, 403, { cookie: viewer });
  await conforms(app, 'GET', `${audit}?page_size=0&since=yesterday`, 400, {
    cookie: admin,
  });
  await conforms(app, 'GET', `${audit}/export`, 200, { cookie: admin });
  await conforms(app, 'GET', `${audit}/export`, 403, { cookie: viewer });

  const discovery = '/api/lifeguard/discovery';
  await conforms(app, 'GET', `${discovery}?issuer=http://login.example`, 400, {
    cookie: admin,
  });
  // A loopback address is refused before anything is read.
  await conforms(app, 'GET', `${discovery}?issuer=https://127.0.0.1`, 422, {
    cookie: admin,
  });

  await conforms(app, 'POST', '/api/lifeguard/logout', 204, { cookie: admin });
});

test('a client over its budget is answered as the document says', async () => {
  const app = await lifeguard({
    apiRateLimit: { max: 1, windowSeconds: 60 },
  });
  await conforms(app, 'GET', '/api/lifeguard/session', 200);
  const over = await conforms(app, 'GET', '/api/lifeguard/session', 429);
  expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  // Signing out is never limited.
  await conforms(app, 'POST', '/api/lifeguard/logout', 204);
});

test('the emulator’s STS check answers as the document says', async () => {
  // A stand-in STS: the pool id picks the answer.
  const app = await lifeguard({
    label: 'emulator',
    answer: (request, response) => {
      const pool = new URLSearchParams(request.body.toString()).get(
        'identity_pool_id',
      );
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (pool === 'pool-ok') {
        return json(200, {
          access_token: 'issued-token',
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 60,
        });
      }
      if (pool === 'pool-busy') {
        response.writeHead(429, { 'retry-after': '7' });
        return response.end();
      }
      if (pool === 'pool-broken') return json(500, { errors: [] });
      json(400, {
        errors: [{ status: '400', detail: 'The filter does not match.' }],
      });
    },
  });
  const check = '/api/lifeguard/sts-check';
  const body = (pool: string) => ({
    identity_pool_id: pool,
    subject_token: 'a.b.c',
  });
  await conforms(app, 'POST', check, 401, { body: body('pool-ok') });
  const viewer = await signIn(app, 'victor', VIEWER_PASSWORD);
  await conforms(app, 'POST', check, 403, {
    cookie: viewer,
    body: body('pool-ok'),
    csrf: false,
  });
  await conforms(app, 'POST', check, 400, { cookie: viewer, body: {} });
  await conforms(app, 'POST', check, 400, { cookie: viewer, body: '[' });
  const exchanged = await conforms(app, 'POST', check, 200, {
    cookie: viewer,
    body: body('pool-ok'),
  });
  expect(exchanged.json()).toEqual({ exchanged: true, expiresIn: 60 });
  const refused = await conforms(app, 'POST', check, 200, {
    cookie: viewer,
    body: body('pool-no'),
  });
  expect(refused.json()).toEqual({
    exchanged: false,
    status: 400,
    reason: 'The filter does not match.',
  });
  const busy = await conforms(app, 'POST', check, 429, {
    cookie: viewer,
    body: body('pool-busy'),
  });
  expect(busy.headers['retry-after']).toBe('7');
  await conforms(app, 'POST', check, 502, {
    cookie: viewer,
    body: body('pool-broken'),
  });
});
