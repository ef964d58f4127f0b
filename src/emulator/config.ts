import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be 1 or 0 (or true/false)',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

function int(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be a whole number from ${min} to ${max}` })
        .max(max, { error: `must be a whole number from ${min} to ${max}` }),
    );
}

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** Every variable the emulator reads, with its default and meaning (README's table). */
const envSchema = z.object({
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_PORT: int(0, 65535).default(8090),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMULATOR_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, {
      error: 'must be 4–64 letters, digits, - or _',
    })
    .default('LIFEGUARDDEMOKEY'),
  EMULATOR_API_SECRET: z
    .string()
    .min(8, { error: 'must be at least 8 characters' })
    .default('lifeguard-demo-secret'),
  EMULATOR_BEARER_TOKENS: list.default([]),
  EMULATOR_SEED: z
    .enum(['demo', 'empty'], { error: 'must be demo or empty' })
    .default('demo'),
  EMULATOR_CONTROL: flag.default(false),
  EMULATOR_FILTER_MAX_LENGTH: int(1, 100_000).default(
    DEFAULT_FILTER_MAX_LENGTH,
  ),
  EMULATOR_STRICT_IDENTITY_CLAIM: flag.default(true),
  EMULATOR_RATE_LIMIT: int(1, 1_000_000).default(10_000),
  EMULATOR_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),
  EMULATOR_MAX_POOLS_PER_PROVIDER: int(0, 1_000_000).default(1000),
  EMULATOR_MAX_PROVIDERS: int(0, 10_000).default(10),
  EMULATOR_SHARED_ISSUERS: list.default([
    'https://accounts.google.com',
    'https://token.actions.githubusercontent.com',
  ]),
  EMULATOR_JWKS_DENY_HOSTS: list.default(['invalid']),
  EMULATOR_ORG_ID: z
    .uuid({ error: 'must be a UUID' })
    .default('6f1c2b7e-9a44-4d1e-b3a5-2c8e5d0f7a91'),
  EMULATOR_LATENCY_MS: int(0, 60_000).default(0),
  EMULATOR_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional(),
});

// Values never repeated in error messages: they may be real credentials.
const SECRET_VARIABLES = new Set([
  'EMULATOR_API_SECRET',
  'EMULATOR_BEARER_TOKENS',
]);

export type EmulatorConfig = {
  host: string;
  port: number;
  dataDir: string;
  apiKey: string;
  apiSecret: string;
  bearerTokens: string[];
  seed: 'demo' | 'empty';
  control: boolean;
  filterMaxLength: number;
  strictIdentityClaim: boolean;
  rateLimit: { limit: number; windowSeconds: number };
  quotas: { poolsPerProvider: number; providersPerOrg: number };
  sharedIssuers: string[];
  jwksDenyHosts: string[];
  orgId: string;
  latencyMs: number;
  publicUrl: string | undefined;
};

export type ConfigResult =
  { ok: true; config: EmulatorConfig } | { ok: false; errors: string[] };

/** Reads the emulator's configuration; every bad variable is named in `errors`. */
export function parseEmulatorConfig(
  env: Record<string, string | undefined>,
): ConfigResult {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const got = SECRET_VARIABLES.has(name)
          ? 'value hidden'
          : `got ${JSON.stringify(present[name])}`;
        return `${name}: ${issue.message} (${got})`;
      }),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      host: e.EMULATOR_HOST,
      port: e.EMULATOR_PORT,
      dataDir: resolve(e.DATA_DIR),
      apiKey: e.EMULATOR_API_KEY,
      apiSecret: e.EMULATOR_API_SECRET,
      bearerTokens: e.EMULATOR_BEARER_TOKENS,
      seed: e.EMULATOR_SEED,
      control: e.EMULATOR_CONTROL,
      filterMaxLength: e.EMULATOR_FILTER_MAX_LENGTH,
      strictIdentityClaim: e.EMULATOR_STRICT_IDENTITY_CLAIM,
      rateLimit: {
        limit: e.EMULATOR_RATE_LIMIT,
        windowSeconds: e.EMULATOR_RATE_WINDOW_SECONDS,
      },
      quotas: {
        poolsPerProvider: e.EMULATOR_MAX_POOLS_PER_PROVIDER,
        providersPerOrg: e.EMULATOR_MAX_PROVIDERS,
      },
      sharedIssuers: e.EMULATOR_SHARED_ISSUERS,
      jwksDenyHosts: e.EMULATOR_JWKS_DENY_HOSTS,
      orgId: e.EMULATOR_ORG_ID,
      latencyMs: e.EMULATOR_LATENCY_MS,
      publicUrl: e.EMULATOR_PUBLIC_URL?.replace(/\/+$/, ''),
    },
  };
}

/** The defaults, for tests and for the server's embedded emulator. */
export function defaultEmulatorConfig(
  overrides: Partial<EmulatorConfig> = {},
): EmulatorConfig {
  const result = parseEmulatorConfig({});
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return { ...result.config, ...overrides };
}
