import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, parseEnv, type EnvResult } from '#contract/env.ts';

export const CONFLUENT_CLOUD_ENDPOINT = 'https://api.confluent.cloud';

/** Every variable the server reads, for `--help` (the README has the same table). */
export const SERVER_VARIABLES = [
  [
    'HOST',
    '127.0.0.1',
    'Address the console server binds to (loopback only: there is no sign-in yet)',
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
    'SHUTDOWN_TIMEOUT_MS',
    '10000',
    'How long in-flight requests may finish on SIGTERM/SIGINT',
  ],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['DIST_DIR', './dist', 'The built console'],
  [
    'DATA_DIR',
    './.data',
    'Where Lifeguard (test cases) and the embedded emulator keep their SQLite data',
  ],
  [
    'EMULATOR_PORT',
    '8090',
    'Embedded emulator: its port (used when no credentials are set)',
  ],
] as const;

// Values never repeated in messages: they are credentials.
const SECRETS = ['CONFLUENT_CLOUD_API_SECRET', 'CONFLUENT_CLOUD_ACCESS_TOKEN'];

const envSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: envInt(0, 65535).default(8080),
    EMULATOR_PORT: envInt(0, 65535).default(8090),
    DIST_DIR: z.string().min(1).default('./dist'),
    DATA_DIR: z.string().min(1).default('./.data'),
    CONFLUENT_CLOUD_API_KEY: z.string().optional(),
    CONFLUENT_CLOUD_API_SECRET: z.string().optional(),
    CONFLUENT_CLOUD_ACCESS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]+$/, {
        error: 'must be a single token without spaces or line breaks',
      })
      .optional(),
    CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: z.string().optional(),
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
    SHUTDOWN_TIMEOUT_MS: envInt(0, 600_000).default(10_000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
  })
  .superRefine((env, context) => {
    if (!isLoopback(env.HOST)) {
      context.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          'would expose Lifeguard beyond this machine, and it has no sign-in yet: whoever reaches it acts with its Confluent credential. Keep the default 127.0.0.1 and reach it through an SSH tunnel or an authenticating reverse proxy on the same host',
      });
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
  });

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
  | { kind: 'emulator' };

export type ServerConfig = {
  host: string;
  port: number;
  emulatorPort: number;
  distDir: string;
  dataDir: string;
  upstream: UpstreamMode;
  upstreamTimeoutMs: number;
  shutdownTimeoutMs: number;
  logLevel: string;
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
  return { kind: 'emulator' };
}

/** The server's variables; bad ones are each named (STYLE.md §9). */
export function parseServerConfig(
  env: Record<string, string | undefined>,
): EnvResult<ServerConfig> {
  const parsed = parseEnv(envSchema, env, SECRETS);
  if (!parsed.ok) return parsed;
  const e = parsed.config;
  return {
    ok: true,
    config: {
      host: e.HOST,
      port: e.PORT,
      emulatorPort: e.EMULATOR_PORT,
      distDir: resolve(e.DIST_DIR),
      dataDir: resolve(e.DATA_DIR),
      upstream: upstreamMode(e),
      upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      logLevel: e.LOG_LEVEL,
    },
  };
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
