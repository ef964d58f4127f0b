import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { AUTH_API } from '#contract/auth.ts';
import {
  envFlag,
  envInt,
  envList,
  parseEnv,
  type EnvResult,
} from '#contract/env.ts';
import type { KeylessSettings } from './keyless/keyless-credentials.ts';
import type { DatabaseLocation } from './store/open.ts';
import { parseUsers, type LocalUser } from './users.ts';

export const CONFLUENT_CLOUD_ENDPOINT = 'https://api.confluent.cloud';

/** Every variable the server reads, for `--help` (the README has the same table). */
export const SERVER_VARIABLES = [
  [
    'HOST',
    '127.0.0.1',
    'Address the console server binds to; beyond loopback only with AUTH_MODE password or oidc',
  ],
  ['PORT', '8080', 'Port of the console server'],
  [
    'CONFLUENT_CLOUD_API_KEY',
    '',
    'Cloud API key (with _SECRET): forward with HTTP Basic',
  ],
  ['CONFLUENT_CLOUD_API_SECRET', '', 'Secret of that key'],
  [
    'CONFLUENT_CLOUD_ACCESS_TOKEN',
    '',
    'Or: a Confluent STS access token, sent as Bearer',
  ],
  [
    'CONFLUENT_CLOUD_ACCESS_TOKEN_FILE',
    '',
    'Or: a file holding that token, re-read when it changes',
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL',
    '',
    "Keyless: the identity provider's token endpoint (https; http only on loopback); Lifeguard gets a token there with client credentials and exchanges it at Confluent's STS",
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID',
    '',
    'Keyless: the client id Lifeguard has at the identity provider',
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET',
    '',
    'Keyless: its secret, sent in the form body (client_secret_post)',
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE',
    '',
    'Keyless: scope to request, sent only when set (Entra ID: api://<client id>/.default)',
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE',
    '',
    "Keyless, instead of the token URL and client: a file holding the identity provider's token (a Kubernetes projected service-account token, a CI job's OIDC token), re-read when it changes",
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID',
    '',
    'Keyless: the identity pool (pool-…) whose role bindings Lifeguard acts with; required with any CONFLUENT_CLOUD_OAUTH_* variable',
  ],
  [
    'CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS',
    '',
    "Keyless: lifetime to ask of Confluent's STS tokens, 1 to 900 (Confluent's default: 900)",
  ],
  [
    'CONFLUENT_CLOUD_ENDPOINT',
    CONFLUENT_CLOUD_ENDPOINT,
    'Upstream API base URL',
  ],
  [
    'UPSTREAM_TIMEOUT_MS',
    '15000',
    'Upstream answers slower than this become 504',
  ],
  [
    'UPSTREAM_CONNECTIONS',
    '64',
    'Most connections open to the upstream at once; more requests wait for one',
  ],
  [
    'API_RATE_LIMIT',
    '600',
    'Requests to /api per API_RATE_WINDOW_SECONDS per signed-in user (or per address without sign-in); over it: 429 with Retry-After; 0 turns the limit off',
  ],
  ['API_RATE_WINDOW_SECONDS', '60', 'Length of that window'],
  [
    'SHUTDOWN_TIMEOUT_MS',
    '10000',
    'How long in-flight requests may finish on SIGTERM/SIGINT',
  ],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['DIST_DIR', './dist', 'The built console'],
  [
    'DATA_DIR',
    './.data',
    'Where Lifeguard (without DATABASE_URL) and the embedded emulator keep their SQLite data',
  ],
  [
    'DATABASE_URL',
    '',
    "postgres://user:password@host:5432/database: keep Lifeguard's own data (sessions, audit log, test cases, sign-in and rate-limit counters) in PostgreSQL, shared by every replica; unset, SQLite in DATA_DIR",
  ],
  [
    'EMULATOR_PORT',
    '8090',
    'Embedded emulator: its port (used when no credentials are set)',
  ],
  [
    'AUTH_MODE',
    'none',
    'none (loopback only), password (AUTH_USERS) or oidc (OIDC_*)',
  ],
  [
    'AUTH_USERS',
    '',
    'password: username:role:hash entries, comma-separated; role viewer or admin; hash from `npm run user:hash`',
  ],
  ['AUTH_USERS_FILE', '', 'password: or a file of such entries, one per line'],
  ['OIDC_ISSUER', '', 'oidc: issuer URL (https; http only on loopback)'],
  ['OIDC_CLIENT_ID', '', 'oidc: client id registered for Lifeguard'],
  [
    'OIDC_CLIENT_SECRET',
    '',
    'oidc: its secret (omit for a public client: PKCE alone)',
  ],
  [
    'OIDC_REDIRECT_URI',
    '',
    `oidc: this server's callback as the browser reaches it, e.g. https://lifeguard.example.com${AUTH_API.oidcCallback}`,
  ],
  ['OIDC_SCOPES', 'openid profile email', 'oidc: scopes to request'],
  [
    'OIDC_ROLE_CLAIM',
    'groups',
    'oidc: the ID-token claim (string or list) that decides the role',
  ],
  [
    'OIDC_ADMIN_VALUES',
    '',
    'oidc: comma-separated claim values that make a user admin',
  ],
  [
    'OIDC_VIEWER_VALUES',
    '*',
    'oidc: values that make a user viewer; * means every signed-in user',
  ],
  [
    'TLS_CERT_FILE',
    '',
    'Serve https with this PEM certificate (chain); with TLS_KEY_FILE',
  ],
  ['TLS_KEY_FILE', '', 'Its PEM private key'],
  ['SESSION_IDLE_MINUTES', '30', 'A session ends after this long unused'],
  ['SESSION_MAX_HOURS', '12', 'and at the latest this long after sign-in'],
  [
    'TRUSTED_PROXY',
    '',
    'Comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For/-Proto are believed (https there means Secure cookies and HSTS)',
  ],
  [
    'DISCOVERY_ALLOW_PRIVATE',
    '0',
    '1 lets provider registration read OIDC discovery documents from loopback, private and link-local addresses (public ones only by default)',
  ],
] as const;

// Values never repeated in messages: they are credentials.
const SECRETS = [
  'DATABASE_URL',
  'CONFLUENT_CLOUD_API_SECRET',
  'CONFLUENT_CLOUD_ACCESS_TOKEN',
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET',
  'OIDC_CLIENT_SECRET',
  'AUTH_USERS',
];

const httpUrl = (example: string) =>
  z.url({
    protocol: /^https?$/,
    error: `must be an http(s) URL such as ${example}`,
  });

const DATABASE_URL_EXAMPLE =
  'postgres://lifeguard:password@db.example.com:5432/lifeguard';

/**
 * What makes `value` a URL node-postgres cannot read as meant, if
 * anything. The messages never repeat the value: it holds a password.
 */
function databaseUrlProblem(value: string): string | undefined {
  const encode =
    'characters such as / ? # @ : and % in the user name or password must be percent-encoded';
  if (!URL.canParse(value)) {
    return `must be a URL such as ${DATABASE_URL_EXAMPLE}; ${encode}`;
  }
  const url = new URL(value);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `must be a postgres:// or postgresql:// URL such as ${DATABASE_URL_EXAMPLE} (unset, Lifeguard keeps its data in SQLite in DATA_DIR)`;
  }
  if (url.hash) {
    return `has a # that ends the URL early; ${encode} (# is %23)`;
  }
  if (!url.hostname && !url.searchParams.has('host')) {
    return `names no host, as in ${DATABASE_URL_EXAMPLE}`;
  }
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return `has a user name or password that is not valid percent-encoding; ${encode}`;
  }
  return undefined;
}

// Shared with parseDatabaseConfig: `npm run db:migrate` reads only these.
const databaseFields = {
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .superRefine((value, context) => {
      const problem = databaseUrlProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
};

function databaseLocation(env: {
  DATA_DIR: string;
  DATABASE_URL?: string | undefined;
}): DatabaseLocation {
  return env.DATABASE_URL
    ? { dialect: 'postgres', url: env.DATABASE_URL }
    : { dialect: 'sqlite', file: resolve(env.DATA_DIR, 'lifeguard.sqlite') };
}

/** Where Lifeguard's own data lives, from DATABASE_URL and DATA_DIR alone. */
export function parseDatabaseConfig(
  env: Record<string, string | undefined>,
): EnvResult<DatabaseLocation> {
  const parsed = parseEnv(z.object(databaseFields), env, SECRETS);
  return parsed.ok
    ? { ok: true, config: databaseLocation(parsed.config) }
    : parsed;
}

const envSchema = z
  .object({
    ...databaseFields,
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: envInt(0, 65535).default(8080),
    EMULATOR_PORT: envInt(0, 65535).default(8090),
    DIST_DIR: z.string().min(1).default('./dist'),
    CONFLUENT_CLOUD_API_KEY: z.string().optional(),
    CONFLUENT_CLOUD_API_SECRET: z.string().optional(),
    CONFLUENT_CLOUD_ACCESS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]+$/, {
        error: 'must be a single token without spaces or line breaks',
      })
      .optional(),
    CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: z.string().optional(),
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: httpUrl(
      'https://login.example.com/oauth2/token',
    ).optional(),
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: z.string().optional(),
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: z.string().optional(),
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE: z.string().optional(),
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE: z.string().optional(),
    CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: z
      .string()
      .regex(/^pool-[A-Za-z0-9]+$/, {
        error: 'must be an identity pool id such as pool-AbC1',
      })
      .optional(),
    CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS: envInt(
      1,
      900,
    ).optional(),
    CONFLUENT_CLOUD_ENDPOINT: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://api.confluent.cloud',
      })
      .refine((value) => !/[?#]/.test(value), {
        error: 'must not contain a query or fragment',
      })
      .default(CONFLUENT_CLOUD_ENDPOINT),
    UPSTREAM_TIMEOUT_MS: envInt(100, 600_000).default(15_000),
    UPSTREAM_CONNECTIONS: envInt(1, 1024).default(64),
    API_RATE_LIMIT: envInt(0, 1_000_000).default(600),
    API_RATE_WINDOW_SECONDS: envInt(1, 86_400).default(60),
    SHUTDOWN_TIMEOUT_MS: envInt(0, 600_000).default(10_000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
    AUTH_MODE: z
      .enum(['none', 'password', 'oidc'], {
        error: 'must be none, password or oidc',
      })
      .default('none'),
    AUTH_USERS: z.string().optional(),
    AUTH_USERS_FILE: z.string().optional(),
    OIDC_ISSUER: httpUrl('https://login.example.com').optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_REDIRECT_URI: httpUrl(
      `https://lifeguard.example.com${AUTH_API.oidcCallback}`,
    )
      .refine((value) => new URL(value).pathname === AUTH_API.oidcCallback, {
        error: `must end with ${AUTH_API.oidcCallback}, the path Lifeguard answers the identity provider on`,
      })
      .optional(),
    OIDC_SCOPES: z.string().default('openid profile email'),
    OIDC_ROLE_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:/.-]{1,100}$/, {
        error: 'must be a claim name such as groups or roles',
      })
      .default('groups'),
    OIDC_ADMIN_VALUES: envList.optional(),
    OIDC_VIEWER_VALUES: envList.default(['*']),
    SESSION_IDLE_MINUTES: envInt(1, 7 * 24 * 60).default(30),
    SESSION_MAX_HOURS: envInt(1, 30 * 24).default(12),
    TRUSTED_PROXY: envList.optional(),
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),
    DISCOVERY_ALLOW_PRIVATE: envFlag.default(false),
  })
  .superRefine((env, context) => {
    if (!isLoopback(env.HOST) && env.AUTH_MODE === 'none') {
      context.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          'would expose Lifeguard beyond this machine without sign-in: whoever reaches it would act with its Confluent credential. Set AUTH_MODE=password (with AUTH_USERS from `npm run user:hash`) or AUTH_MODE=oidc (with OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_REDIRECT_URI and OIDC_ADMIN_VALUES), or keep the default 127.0.0.1',
      });
    }
    if (
      (env.TLS_CERT_FILE === undefined) !==
      (env.TLS_KEY_FILE === undefined)
    ) {
      context.addIssue({
        code: 'custom',
        path: [
          env.TLS_CERT_FILE === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE',
        ],
        message: 'is needed too: set TLS_CERT_FILE and TLS_KEY_FILE together',
      });
    }
    const need = (name: keyof typeof env, why: string) => {
      if (env[name] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `is required with AUTH_MODE=${env.AUTH_MODE}: ${why}`,
        });
      }
    };
    if (env.AUTH_MODE === 'password') {
      if (env.AUTH_USERS === undefined && env.AUTH_USERS_FILE === undefined) {
        need('AUTH_USERS', 'list the users (or set AUTH_USERS_FILE)');
      }
      if (env.AUTH_USERS !== undefined && env.AUTH_USERS_FILE !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['AUTH_USERS_FILE'],
          message: 'set either AUTH_USERS or this, not both',
        });
      }
    }
    if (env.AUTH_MODE === 'oidc') {
      need('OIDC_ISSUER', 'the identity provider to sign in with');
      need('OIDC_CLIENT_ID', 'the client registered for Lifeguard there');
      need('OIDC_REDIRECT_URI', 'where the identity provider sends users back');
      need('OIDC_ADMIN_VALUES', `the ${env.OIDC_ROLE_CLAIM} values of admins`);
      if (
        env.OIDC_ISSUER &&
        URL.canParse(env.OIDC_ISSUER) &&
        new URL(env.OIDC_ISSUER).protocol === 'http:' &&
        !isLoopback(new URL(env.OIDC_ISSUER).hostname)
      ) {
        context.addIssue({
          code: 'custom',
          path: ['OIDC_ISSUER'],
          message:
            'must use https (plain http is accepted only for an issuer on loopback, for development)',
        });
      }
    }
    const key = env.CONFLUENT_CLOUD_API_KEY !== undefined;
    const secret = env.CONFLUENT_CLOUD_API_SECRET !== undefined;
    const token = env.CONFLUENT_CLOUD_ACCESS_TOKEN !== undefined;
    const tokenFile = env.CONFLUENT_CLOUD_ACCESS_TOKEN_FILE !== undefined;
    if (key !== secret) {
      context.addIssue({
        code: 'custom',
        path: [key ? 'CONFLUENT_CLOUD_API_SECRET' : 'CONFLUENT_CLOUD_API_KEY'],
        message: `must be set together with ${key ? 'CONFLUENT_CLOUD_API_KEY' : 'CONFLUENT_CLOUD_API_SECRET'}`,
      });
    }
    if (token && tokenFile) {
      context.addIssue({
        code: 'custom',
        path: ['CONFLUENT_CLOUD_ACCESS_TOKEN_FILE'],
        message: 'set either CONFLUENT_CLOUD_ACCESS_TOKEN or this, not both',
      });
    }
    if ((key || secret) && (token || tokenFile)) {
      context.addIssue({
        code: 'custom',
        path: [
          token
            ? 'CONFLUENT_CLOUD_ACCESS_TOKEN'
            : 'CONFLUENT_CLOUD_ACCESS_TOKEN_FILE',
        ],
        message:
          'choose one credential: an API key and secret, or an access token',
      });
    }
    keylessIssues(env, context);
  });

const OAUTH_VARIABLES = [
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL',
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID',
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET',
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE',
  'CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE',
  'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID',
  'CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS',
] as const;

type OauthEnv = Partial<
  Record<(typeof OAUTH_VARIABLES)[number], string | number>
> &
  Partial<
    Record<
      | 'CONFLUENT_CLOUD_API_KEY'
      | 'CONFLUENT_CLOUD_API_SECRET'
      | 'CONFLUENT_CLOUD_ACCESS_TOKEN'
      | 'CONFLUENT_CLOUD_ACCESS_TOKEN_FILE',
      string
    >
  >;

/**
 * The rules of Terraform's `oauth` block, for Lifeguard's variables:
 * exactly one way to the identity provider's token, the client only with
 * the token URL, the pool always, and no other credential beside them.
 */
function keylessIssues(env: OauthEnv, context: z.RefinementCtx) {
  if (OAUTH_VARIABLES.every((name) => env[name] === undefined)) return;
  const issue = (name: string, message: string) =>
    context.addIssue({ code: 'custom', path: [name], message });
  const url = env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL;
  const file = env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE;
  if (url === undefined && file === undefined) {
    issue(
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL',
      "is required for keyless sign-in: the identity provider's token endpoint (or set CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE to a file holding its token)",
    );
  }
  if (url !== undefined && file !== undefined) {
    issue(
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE',
      'set either CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL (with a client id and secret) or this, not both',
    );
  }
  if (url !== undefined) {
    if (typeof url === 'string' && URL.canParse(url)) {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
        issue(
          'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL',
          'must use https (plain http is accepted only for an identity provider on loopback, for development): the client secret travels in the request',
        );
      }
    }
    for (const name of [
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID',
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET',
    ] as const) {
      if (env[name] === undefined) {
        issue(
          name,
          'is required with CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: Lifeguard signs in there with client credentials',
        );
      }
    }
  }
  if (file !== undefined && url === undefined) {
    for (const name of [
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID',
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET',
      'CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE',
    ] as const) {
      if (env[name] !== undefined) {
        issue(
          name,
          'means nothing with CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE (Lifeguard only reads the token from the file); unset it, or use CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL instead of the file',
        );
      }
    }
  }
  if (env.CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID === undefined) {
    issue(
      'CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID',
      'is required for keyless sign-in: the identity pool (pool-…) whose role bindings Lifeguard acts with',
    );
  }
  const keyPair = env.CONFLUENT_CLOUD_API_KEY
    ? 'CONFLUENT_CLOUD_API_KEY'
    : env.CONFLUENT_CLOUD_API_SECRET
      ? 'CONFLUENT_CLOUD_API_SECRET'
      : undefined;
  const token = env.CONFLUENT_CLOUD_ACCESS_TOKEN
    ? 'CONFLUENT_CLOUD_ACCESS_TOKEN'
    : env.CONFLUENT_CLOUD_ACCESS_TOKEN_FILE
      ? 'CONFLUENT_CLOUD_ACCESS_TOKEN_FILE'
      : undefined;
  for (const name of [keyPair, token]) {
    if (name === undefined) continue;
    issue(
      name,
      'choose one credential: this must not be set while the CONFLUENT_CLOUD_OAUTH_* variables are (keyless sign-in through an identity pool); unset one or the other',
    );
  }
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses served without sign-in. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare)
  );
}

/** How the server authenticates to the upstream. */
export type UpstreamMode =
  | { kind: 'api-key'; endpoint: string; key: string; secret: string }
  | { kind: 'token'; endpoint: string; token: string }
  | { kind: 'token-file'; endpoint: string; file: string }
  | ({ kind: 'keyless' } & KeylessSettings)
  | { kind: 'emulator' };

export type AuthConfig =
  | { mode: 'none' }
  | { mode: 'password'; users: ReadonlyMap<string, LocalUser> }
  | {
      mode: 'oidc';
      issuer: string;
      clientId: string;
      clientSecret?: string;
      redirectUri: string;
      scopes: string;
      roleClaim: string;
      adminValues: readonly string[];
      /** `['*']`: every signed-in user. */
      viewerValues: readonly string[];
    };

export type SessionConfig = { idleMs: number; maxMs: number };

export type ServerConfig = {
  host: string;
  port: number;
  emulatorPort: number;
  distDir: string;
  dataDir: string;
  /** Lifeguard's own data: DATABASE_URL, or lifeguard.sqlite in DATA_DIR. */
  database: DatabaseLocation;
  upstream: UpstreamMode;
  upstreamTimeoutMs: number;
  upstreamConnections: number;
  /** Per-client budget on /api; undefined when API_RATE_LIMIT is 0. */
  apiRateLimit?: { max: number; windowSeconds: number };
  shutdownTimeoutMs: number;
  logLevel: string;
  auth: AuthConfig;
  session: SessionConfig;
  /** Addresses whose X-Forwarded-* headers are believed; none by default. */
  trustProxy: string[];
  /** PEM certificate and key: serve https. */
  tls?: { cert: Buffer; key: Buffer };
  /** OIDC discovery may read issuers on non-public addresses. */
  discoveryAllowPrivate: boolean;
};

function upstreamMode(env: z.infer<typeof envSchema>): UpstreamMode {
  const endpoint = env.CONFLUENT_CLOUD_ENDPOINT.replace(/\/+$/, '');
  if (env.CONFLUENT_CLOUD_API_KEY && env.CONFLUENT_CLOUD_API_SECRET) {
    return {
      kind: 'api-key',
      endpoint,
      key: env.CONFLUENT_CLOUD_API_KEY,
      secret: env.CONFLUENT_CLOUD_API_SECRET,
    };
  }
  if (env.CONFLUENT_CLOUD_ACCESS_TOKEN) {
    return { kind: 'token', endpoint, token: env.CONFLUENT_CLOUD_ACCESS_TOKEN };
  }
  if (env.CONFLUENT_CLOUD_ACCESS_TOKEN_FILE) {
    return {
      kind: 'token-file',
      endpoint,
      file: resolve(env.CONFLUENT_CLOUD_ACCESS_TOKEN_FILE),
    };
  }
  if (env.CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID) {
    return { kind: 'keyless', ...keylessSettings(env, endpoint) };
  }
  return { kind: 'emulator' };
}

// Called once keylessIssues found nothing wrong: either the token URL with
// its client, or the token file.
function keylessSettings(
  env: z.infer<typeof envSchema>,
  endpoint: string,
): KeylessSettings {
  const url = env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL;
  const scope = env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_SCOPE;
  const expiresIn = env.CONFLUENT_CLOUD_OAUTH_STS_TOKEN_EXPIRES_IN_SECONDS;
  return {
    endpoint,
    identityPoolId: env.CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID!,
    externalToken: url
      ? {
          kind: 'client-credentials',
          tokenUrl: url,
          clientId: env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID!,
          clientSecret: env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET!,
          ...(scope ? { scope } : {}),
        }
      : {
          kind: 'file',
          file: resolve(env.CONFLUENT_CLOUD_OAUTH_EXTERNAL_ACCESS_TOKEN_FILE!),
        },
    ...(expiresIn !== undefined ? { stsExpiresInSeconds: expiresIn } : {}),
  };
}

/** The server's variables; bad ones are each named (docs/conventions.md §9). */
export function parseServerConfig(
  env: Record<string, string | undefined>,
): EnvResult<ServerConfig> {
  const parsed = parseEnv(envSchema, env, SECRETS);
  if (!parsed.ok) return parsed;
  const e = parsed.config;
  const auth = authConfig(e);
  if (!auth.ok) return { ok: false, errors: [auth.error] };
  const tls = tlsConfig(e);
  if (!tls.ok) return { ok: false, errors: [tls.error] };
  return {
    ok: true,
    config: {
      host: e.HOST,
      port: e.PORT,
      emulatorPort: e.EMULATOR_PORT,
      distDir: resolve(e.DIST_DIR),
      dataDir: resolve(e.DATA_DIR),
      database: databaseLocation(e),
      upstream: upstreamMode(e),
      upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
      upstreamConnections: e.UPSTREAM_CONNECTIONS,
      ...(e.API_RATE_LIMIT > 0
        ? {
            apiRateLimit: {
              max: e.API_RATE_LIMIT,
              windowSeconds: e.API_RATE_WINDOW_SECONDS,
            },
          }
        : {}),
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      logLevel: e.LOG_LEVEL,
      auth: auth.config,
      session: {
        idleMs: e.SESSION_IDLE_MINUTES * 60_000,
        maxMs: e.SESSION_MAX_HOURS * 3_600_000,
      },
      trustProxy: e.TRUSTED_PROXY ?? [],
      ...(tls.config ? { tls: tls.config } : {}),
      discoveryAllowPrivate: e.DISCOVERY_ALLOW_PRIVATE,
    },
  };
}

function readVariableFile(
  variable: string,
  file: string,
): { ok: true; data: Buffer } | { ok: false; error: string } {
  try {
    return { ok: true, data: readFileSync(resolve(file)) };
  } catch (error) {
    return {
      ok: false,
      error: `${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
}

function tlsConfig(
  e: z.infer<typeof envSchema>,
):
  | { ok: true; config?: { cert: Buffer; key: Buffer } }
  | { ok: false; error: string } {
  if (!e.TLS_CERT_FILE || !e.TLS_KEY_FILE) return { ok: true };
  const cert = readVariableFile('TLS_CERT_FILE', e.TLS_CERT_FILE);
  if (!cert.ok) return cert;
  const key = readVariableFile('TLS_KEY_FILE', e.TLS_KEY_FILE);
  if (!key.ok) return key;
  return { ok: true, config: { cert: cert.data, key: key.data } };
}

function authConfig(
  e: z.infer<typeof envSchema>,
): { ok: true; config: AuthConfig } | { ok: false; error: string } {
  if (e.AUTH_MODE === 'oidc') {
    return {
      ok: true,
      config: {
        mode: 'oidc',
        issuer: e.OIDC_ISSUER!,
        clientId: e.OIDC_CLIENT_ID!,
        ...(e.OIDC_CLIENT_SECRET ? { clientSecret: e.OIDC_CLIENT_SECRET } : {}),
        redirectUri: e.OIDC_REDIRECT_URI!,
        scopes: e.OIDC_SCOPES,
        roleClaim: e.OIDC_ROLE_CLAIM,
        adminValues: e.OIDC_ADMIN_VALUES!,
        viewerValues: e.OIDC_VIEWER_VALUES,
      },
    };
  }
  if (e.AUTH_MODE !== 'password') return { ok: true, config: { mode: 'none' } };
  let text = e.AUTH_USERS ?? '';
  const variable = e.AUTH_USERS_FILE ? 'AUTH_USERS_FILE' : 'AUTH_USERS';
  if (e.AUTH_USERS_FILE) {
    const file = readVariableFile(variable, e.AUTH_USERS_FILE);
    if (!file.ok) return file;
    text = file.data.toString('utf8');
  }
  const users = parseUsers(text);
  if (!users.ok) return { ok: false, error: `${variable}: ${users.error}` };
  return { ok: true, config: { mode: 'password', users: users.users } };
}

/** The text of `--help`. */
export function helpText(): string {
  const width = Math.max(...SERVER_VARIABLES.map(([name]) => name.length));
  return [
    'Usage: npm start [-- --help]',
    '',
    'Serves the Lifeguard console and forwards its API calls to Confluent Cloud',
    'with credentials held here. With no credentials it runs the Confluent IAM',
    'emulator in-process, on demo data (see the README for its EMULATOR_* variables).',
    '',
    'Environment variables:',
    ...SERVER_VARIABLES.map(
      ([name, fallback, meaning]) =>
        `  ${name.padEnd(width)}  ${meaning}${fallback ? ` (default ${fallback})` : ''}`,
    ),
  ].join('\n');
}
