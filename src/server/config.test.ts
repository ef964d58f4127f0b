import { expect, test } from 'vitest';
import { parseServerConfig } from './config.ts';

test('the server binds to loopback on 8080 by default', () => {
  expect(parseServerConfig({})).toMatchObject({
    ok: true,
    config: { host: '127.0.0.1', port: 8080, emulatorPort: 8090 },
  });
});

test('bad ports are named, each with what was given', () => {
  const result = parseServerConfig({ PORT: '80a', EMULATOR_PORT: '70000' });
  expect(result).toEqual({
    ok: false,
    errors: [
      'PORT: must be a whole number from 0 to 65535 (got "80a")',
      'EMULATOR_PORT: must be a whole number from 0 to 65535 (got "70000")',
    ],
  });
});

test('the credential decides the upstream: key and secret, token, token file, or the emulator', () => {
  const upstream = (env: Record<string, string>) => {
    const result = parseServerConfig(env);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.config.upstream;
  };
  expect(upstream({})).toEqual({ kind: 'emulator' });
  expect(
    upstream({ CONFLUENT_CLOUD_API_KEY: 'K', CONFLUENT_CLOUD_API_SECRET: 'S' }),
  ).toEqual({
    kind: 'api-key',
    endpoint: 'https://api.confluent.cloud',
    key: 'K',
    secret: 'S',
  });
  expect(
    upstream({
      CONFLUENT_CLOUD_ACCESS_TOKEN: 'T',
      CONFLUENT_CLOUD_ENDPOINT: 'http://127.0.0.1:9000/',
    }),
  ).toEqual({ kind: 'token', endpoint: 'http://127.0.0.1:9000', token: 'T' });
  expect(
    upstream({ CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '/run/token' }),
  ).toMatchObject({
    kind: 'token-file',
    file: '/run/token',
  });
});

test('conflicting or half-set credentials are refused without echoing them', () => {
  const result = parseServerConfig({
    CONFLUENT_CLOUD_API_KEY: 'K',
    CONFLUENT_CLOUD_ACCESS_TOKEN: 'tok-secret',
    CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '/x',
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^CONFLUENT_CLOUD_API_SECRET: must be set together/,
      ),
      expect.stringMatching(/^CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: set either/),
      expect.stringMatching(
        /^CONFLUENT_CLOUD_ACCESS_TOKEN: choose one credential/,
      ),
    ]),
  );
  expect(result.errors.join('\n')).not.toContain('tok-secret');
});

test('a non-loopback HOST is refused: without sign-in, anyone reaching it would act with the credential', () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'lifeguard.example']) {
    const result = parseServerConfig({ HOST: host });
    expect(result.ok, host).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatch(
        /^HOST: would expose Lifeguard beyond this machine/,
      );
  }
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
    expect(parseServerConfig({ HOST: host }).ok, host).toBe(true);
  }
});

test('the HOST error says how to configure sign-in', () => {
  const result = parseServerConfig({ HOST: '0.0.0.0' });
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.errors[0]).toContain('Set AUTH_MODE=password');
    expect(result.errors[0]).toContain('AUTH_MODE=oidc');
  }
});

const HASH = `scrypt$32768$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;

test('with password sign-in a non-loopback HOST is allowed and the users are read', () => {
  const result = parseServerConfig({
    HOST: '0.0.0.0',
    AUTH_MODE: 'password',
    AUTH_USERS: `alice:admin:${HASH}, victor:viewer:${HASH}`,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  expect(result.config.host).toBe('0.0.0.0');
  expect(result.config.auth.mode).toBe('password');
  if (result.config.auth.mode !== 'password') return;
  expect([...result.config.auth.users.values()]).toEqual([
    { username: 'alice', role: 'admin', hash: HASH },
    { username: 'victor', role: 'viewer', hash: HASH },
  ]);
});

test('password mode needs users, and bad entries are explained without echoing the list', () => {
  expect(parseServerConfig({ AUTH_MODE: 'password' })).toEqual({
    ok: false,
    errors: [
      'AUTH_USERS: is required with AUTH_MODE=password: list the users (or set AUTH_USERS_FILE)',
    ],
  });
  const cases: [string, RegExp][] = [
    [`alice:owner:${HASH}`, /role must be viewer or admin, not "owner"/],
    ['alice:admin:hunter2', /hash is not one `npm run user:hash` prints/],
    [`alice:${HASH}`, /must be username:role:hash/],
    [`al ice:admin:${HASH}`, /a username is 1 to 100 letters/],
    [`alice:admin:${HASH},alice:viewer:${HASH}`, /alice is listed twice/],
  ];
  for (const [users, message] of cases) {
    const result = parseServerConfig({
      AUTH_MODE: 'password',
      AUTH_USERS: users,
    });
    expect(result.ok, users).toBe(false);
    if (result.ok) continue;
    expect(result.errors[0], users).toMatch(/^AUTH_USERS: entry \d/);
    expect(result.errors[0], users).toMatch(message);
    expect(result.errors[0]).not.toContain('hunter2');
  }
});

test('an unreadable AUTH_USERS_FILE is named', () => {
  expect(
    parseServerConfig({
      AUTH_MODE: 'password',
      AUTH_USERS_FILE: '/nonexistent/users',
    }),
  ).toEqual({
    ok: false,
    errors: ['AUTH_USERS_FILE: cannot read /nonexistent/users (ENOENT)'],
  });
});

test('oidc mode needs its issuer, client, redirect and admin values, and https', () => {
  const result = parseServerConfig({ AUTH_MODE: 'oidc' });
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.errors.map((error) => error.split(':')[0])).toEqual([
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
      'OIDC_REDIRECT_URI',
      'OIDC_ADMIN_VALUES',
    ]);
  }
  const insecure = parseServerConfig({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'http://login.example.com',
    OIDC_CLIENT_ID: 'lifeguard',
    OIDC_REDIRECT_URI: 'https://lifeguard.example.com/auth/oidc/callback',
    OIDC_ADMIN_VALUES: 'lifeguard-admins',
  });
  expect(insecure.ok).toBe(false);
  if (!insecure.ok)
    expect(insecure.errors[0]).toMatch(/^OIDC_ISSUER: must use https/);
  const wrongPath = parseServerConfig({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://login.example.com',
    OIDC_CLIENT_ID: 'lifeguard',
    OIDC_REDIRECT_URI: 'https://lifeguard.example.com/callback',
    OIDC_ADMIN_VALUES: 'lifeguard-admins',
  });
  expect(wrongPath.ok).toBe(false);
  if (!wrongPath.ok)
    expect(wrongPath.errors[0]).toMatch(
      /^OIDC_REDIRECT_URI: must end with \/auth\/oidc\/callback/,
    );
});

test('a complete oidc configuration, with a secret that is never echoed', () => {
  const env = {
    HOST: '0.0.0.0',
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://login.example.com/realms/acme',
    OIDC_CLIENT_ID: 'lifeguard',
    OIDC_CLIENT_SECRET: 'client-secret-value',
    OIDC_REDIRECT_URI: 'https://lifeguard.example.com/auth/oidc/callback',
    OIDC_ROLE_CLAIM: 'realm_access.roles',
    OIDC_ADMIN_VALUES: 'lifeguard-admins, platform',
    SESSION_IDLE_MINUTES: '15',
    TRUSTED_PROXY: '10.0.0.0/8',
  };
  const result = parseServerConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  expect(result.config).toMatchObject({
    auth: {
      mode: 'oidc',
      roleClaim: 'realm_access.roles',
      adminValues: ['lifeguard-admins', 'platform'],
      viewerValues: ['*'],
      scopes: 'openid profile email',
    },
    session: { idleMs: 15 * 60_000, maxMs: 12 * 3_600_000 },
    trustProxy: ['10.0.0.0/8'],
  });
  const bad = parseServerConfig({ ...env, OIDC_ISSUER: 'not a url' });
  expect(bad.ok).toBe(false);
  if (!bad.ok)
    expect(bad.errors.join('\n')).not.toContain('client-secret-value');
});

test('each client may make 600 API requests a minute by default; 0 turns the limit off', () => {
  const config = (env: Record<string, string>) => {
    const result = parseServerConfig(env);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.config;
  };
  expect(config({})).toMatchObject({
    apiRateLimit: { max: 600, windowSeconds: 60 },
    upstreamConnections: 64,
  });
  expect(
    config({ API_RATE_LIMIT: '100', API_RATE_WINDOW_SECONDS: '10' })
      .apiRateLimit,
  ).toEqual({ max: 100, windowSeconds: 10 });
  expect(config({ API_RATE_LIMIT: '0' }).apiRateLimit).toBeUndefined();
  expect(
    parseServerConfig({
      API_RATE_LIMIT: '-1',
      API_RATE_WINDOW_SECONDS: '0',
      UPSTREAM_CONNECTIONS: '0',
    }),
  ).toEqual({
    ok: false,
    errors: [
      'UPSTREAM_CONNECTIONS: must be a whole number from 1 to 1024 (got "0")',
      'API_RATE_LIMIT: must be a whole number from 0 to 1000000 (got "-1")',
      'API_RATE_WINDOW_SECONDS: must be a whole number from 1 to 86400 (got "0")',
    ],
  });
});

test('without DATABASE_URL Lifeguard keeps its data in SQLite in DATA_DIR; with one, in PostgreSQL', () => {
  expect(parseServerConfig({ DATA_DIR: '/srv/lifeguard' })).toMatchObject({
    ok: true,
    config: {
      database: { dialect: 'sqlite', file: '/srv/lifeguard/lifeguard.sqlite' },
    },
  });
  for (const url of [
    'postgres://lifeguard:s3cret@db.example.com:5432/lifeguard',
    'postgresql://lifeguard@10.0.0.5/lifeguard?sslmode=require',
    'postgres://lifeguard:p%40ss%23word@db/lifeguard',
    'postgres:///lifeguard?host=/var/run/postgresql',
  ]) {
    expect(parseServerConfig({ DATABASE_URL: url }), url).toMatchObject({
      ok: true,
      config: { database: { dialect: 'postgres', url } },
    });
  }
});

test.each([
  ['not a URL', 'hunter@db.example.com', /must be a URL such as postgres:/],
  [
    'another scheme',
    'mysql://root:hunter2@db/lifeguard',
    /must be a postgres:\/\/ or postgresql:\/\/ URL/,
  ],
  [
    'a / in the password',
    'postgres://lifeguard:hunter/2@db/lifeguard',
    /must be percent-encoded/,
  ],
  [
    'a # in the user name',
    'postgres://hunter#2@db/lifeguard',
    /has a # that ends the URL early/,
  ],
  [
    'a # in the password',
    'postgres://lifeguard:hunter#2@db/lifeguard',
    /must be percent-encoded/,
  ],
  [
    'bad percent-encoding',
    'postgres://lifeguard:hunter%E0%A42@db/lifeguard',
    /not valid percent-encoding/,
  ],
  ['no host', 'postgres:///lifeguard', /names no host/],
])(
  'a malformed DATABASE_URL (%s) stops start-up naming it, never its password',
  (_name, url, message) => {
    const result = parseServerConfig({ DATABASE_URL: url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^DATABASE_URL: .*\(value hidden\)$/),
    ]);
    expect(result.errors[0]).toMatch(message);
    expect(result.errors[0]).not.toContain('hunter');
  },
);

const KEYLESS = {
  CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL:
    'https://login.example.com/oauth2/v1/token',
  CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: 'lifeguard',
  CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: 'idp-secret-never-echoed',
  CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: 'pool-AbC1',
};

function errorsOf(env: Record<string, string>): string[] {
  const result = parseServerConfig(env);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.errors.join('\n')).not.toContain('idp-secret-never-echoed');
  return result.errors;
}

test('keyless sign-in: client credentials at a token URL, or a token file, each with the identity pool', () => {
  const upstream = (env: Record<string, string>) => {
    const result = parseServerConfig(env);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.config.upstream;
  };
  expect(upstream(KEYLESS)).toEqual({
    kind: 'keyless',
    endpoint: 'https://api.confluent.cloud',
    identityPoolId: 'pool-AbC1',
    externalToken: {
      kind: 'client-credentials',
      tokenUrl: 'https://login.example.com/oauth2/v1/token',
      clientId: 'lifeguard',
      clientSecret: 'idp-secret-never-echoed',
    },
  });
  expect(
    upstream({
      ...KEYLESS,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL:
        'http://127.0.0.1:8090/test-idp/oauth2/token',
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE: 'api://lifeguard/.default',
      CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS: '300',
      CONFLUENT_CLOUD_ENDPOINT: 'http://127.0.0.1:8090',
    }),
  ).toEqual({
    kind: 'keyless',
    endpoint: 'http://127.0.0.1:8090',
    identityPoolId: 'pool-AbC1',
    externalToken: {
      kind: 'client-credentials',
      tokenUrl: 'http://127.0.0.1:8090/test-idp/oauth2/token',
      clientId: 'lifeguard',
      clientSecret: 'idp-secret-never-echoed',
      scope: 'api://lifeguard/.default',
    },
    stsExpiresInSeconds: 300,
  });
  expect(
    upstream({
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE:
        '/var/run/secrets/token',
      CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: 'pool-AbC1',
    }),
  ).toEqual({
    kind: 'keyless',
    endpoint: 'https://api.confluent.cloud',
    identityPoolId: 'pool-AbC1',
    externalToken: { kind: 'file', file: '/var/run/secrets/token' },
  });
});

test('keyless: exactly one of token URL and token file, and the pool, each named', () => {
  expect(
    errorsOf({ CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: 'pool-AbC1' }),
  ).toEqual([
    "CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: is required for keyless sign-in: the identity provider's token endpoint (or set CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE to a file holding its token)",
  ]);
  expect(
    errorsOf({
      ...KEYLESS,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE: '/run/token',
    }),
  ).toEqual([
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE: set either CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL (with a client id and secret) or this, not both (got "/run/token")',
  ]);
  expect(
    errorsOf({
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL:
        'https://login.example.com/token',
    }),
  ).toEqual([
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: is required with CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: Lifeguard signs in there with client credentials',
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: is required with CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: Lifeguard signs in there with client credentials',
    'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: is required for keyless sign-in: the identity pool (pool-…) whose role bindings Lifeguard acts with',
  ]);
  // Any one OAUTH variable is enough to ask for the pool.
  expect(
    errorsOf({ CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS: '600' }),
  ).toContain(
    'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: is required for keyless sign-in: the identity pool (pool-…) whose role bindings Lifeguard acts with',
  );
});

test('keyless: the client means nothing with a token file and is refused, its secret unrepeated', () => {
  expect(
    errorsOf({
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE: '/run/token',
      CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: 'pool-AbC1',
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: 'lifeguard',
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: 'idp-secret-never-echoed',
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE: 'openid',
    }).map((error) => error.split(': ')[0] + ' … ' + error.split('(').pop()),
  ).toEqual([
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID … got "lifeguard")',
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET … value hidden)',
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE … got "openid")',
  ]);
});

test('keyless: the token URL is https (http on loopback only), the pool id a pool id, the STS lifetime 1 to 900', () => {
  expect(
    errorsOf({
      ...KEYLESS,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL:
        'http://login.example.com/token',
      CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: 'pool_1',
      CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS: '3600',
    }),
  ).toEqual([
    'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: must be an identity pool id such as pool-AbC1 (got "pool_1")',
    'CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS: must be a whole number from 1 to 900 (got "3600")',
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: must use https (plain http is accepted only for an identity provider on loopback, for development): the client secret travels in the request (got "http://login.example.com/token")',
  ]);
  expect(
    errorsOf({
      ...KEYLESS,
      CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: 'login.example.com/token',
    }),
  ).toEqual([
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: must be an http(s) URL such as https://login.example.com/oauth2/token (got "login.example.com/token")',
  ]);
});

test('keyless excludes every other credential: choose one', () => {
  const errors = errorsOf({
    ...KEYLESS,
    CONFLUENT_CLOUD_API_KEY: 'K',
    CONFLUENT_CLOUD_API_SECRET: 'api-secret-never-echoed',
    CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '/run/sts-token',
  });
  const oneOf =
    'choose one credential: this must not be set while the CONFLUENT_CLOUD_OAUTH_* variables are (keyless sign-in through an identity pool); unset one or the other';
  expect(errors).toEqual(
    expect.arrayContaining([
      `CONFLUENT_CLOUD_API_KEY: ${oneOf} (got "K")`,
      `CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: ${oneOf} (got "/run/sts-token")`,
    ]),
  );
  expect(errors.join('\n')).not.toContain('api-secret-never-echoed');
  const token = errorsOf({
    ...KEYLESS,
    CONFLUENT_CLOUD_ACCESS_TOKEN: 'sts-token-never-echoed',
  });
  expect(token).toEqual([
    `CONFLUENT_CLOUD_ACCESS_TOKEN: ${oneOf} (value hidden)`,
  ]);
});
