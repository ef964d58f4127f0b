import { resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_FILTER_MAX_LENGTH,
  DEFAULT_SHARED_ISSUERS,
} from '#contract/bodies.ts';
import {
  envFlag as flag,
  envInt as int,
  envList as list,
  parseEnv,
  type EnvResult,
} from '#contract/env.ts';

/** The emulator's limits, each a quota of the live service (docs/confluent-api.md §10). */
export type EmulatorQuotas = {
  /** `identity_pools_per_provider` */
  poolsPerProvider: number;
  /** `identity_providers_per_org` */
  providersPerOrg: number;
  /** `group_mappings_per_org` */
  groupMappingsPerOrg: number;
  /** `certificate_authorities_per_org` */
  certificateAuthoritiesPerOrg: number;
  /** `identity_pools_per_certificate_authority` */
  poolsPerCertificateAuthority: number;
};

/**
 * The limits without an override: the quota list reports them as
 * `default_limit`, the configured ones as `applied_limit`. Confluent
 * documents none of these defaults; 12 group mappings is one
 * organisation's applied limit (docs/confluent-api.md §30).
 */
export const DEFAULT_QUOTAS: Readonly<EmulatorQuotas> = {
  poolsPerProvider: 1000,
  providersPerOrg: 10,
  groupMappingsPerOrg: 12,
  certificateAuthoritiesPerOrg: 10,
  poolsPerCertificateAuthority: 1000,
};

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
  EMULATOR_MAX_POOLS_PER_PROVIDER: int(0, 1_000_000).default(
    DEFAULT_QUOTAS.poolsPerProvider,
  ),
  EMULATOR_MAX_PROVIDERS: int(0, 10_000).default(
    DEFAULT_QUOTAS.providersPerOrg,
  ),
  EMULATOR_MAX_GROUP_MAPPINGS: int(0, 10_000).default(
    DEFAULT_QUOTAS.groupMappingsPerOrg,
  ),
  EMULATOR_MAX_CERTIFICATE_AUTHORITIES: int(0, 10_000).default(
    DEFAULT_QUOTAS.certificateAuthoritiesPerOrg,
  ),
  EMULATOR_MAX_POOLS_PER_CERTIFICATE_AUTHORITY: int(0, 1_000_000).default(
    DEFAULT_QUOTAS.poolsPerCertificateAuthority,
  ),
  EMULATOR_SHARED_ISSUERS: list.default([...DEFAULT_SHARED_ISSUERS]),
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
const SECRET_VARIABLES = ['EMULATOR_API_SECRET', 'EMULATOR_BEARER_TOKENS'];

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
  quotas: EmulatorQuotas;
  sharedIssuers: string[];
  jwksDenyHosts: string[];
  orgId: string;
  latencyMs: number;
  publicUrl: string | undefined;
};

export type ConfigResult = EnvResult<EmulatorConfig>;

/** Reads the emulator's configuration; every bad variable is named in `errors`. */
export function parseEmulatorConfig(
  env: Record<string, string | undefined>,
): ConfigResult {
  const parsed = parseEnv(envSchema, env, SECRET_VARIABLES);
  if (!parsed.ok) return parsed;
  const e = parsed.config;
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
        groupMappingsPerOrg: e.EMULATOR_MAX_GROUP_MAPPINGS,
        certificateAuthoritiesPerOrg: e.EMULATOR_MAX_CERTIFICATE_AUTHORITIES,
        poolsPerCertificateAuthority:
          e.EMULATOR_MAX_POOLS_PER_CERTIFICATE_AUTHORITY,
      },
      sharedIssuers: e.EMULATOR_SHARED_ISSUERS,
      jwksDenyHosts: e.EMULATOR_JWKS_DENY_HOSTS,
      orgId: e.EMULATOR_ORG_ID,
      latencyMs: e.EMULATOR_LATENCY_MS,
      publicUrl: e.EMULATOR_PUBLIC_URL?.replace(/\/+$/, ''),
    },
  };
}

/** Changes to the defaults; `quotas` names only the limits it changes. */
export type EmulatorConfigOverrides = Partial<
  Omit<EmulatorConfig, 'quotas'>
> & { quotas?: Partial<EmulatorQuotas> };

/** The defaults, for tests and for the server's embedded emulator. */
export function defaultEmulatorConfig(
  overrides: EmulatorConfigOverrides = {},
): EmulatorConfig {
  const result = parseEmulatorConfig({});
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const { quotas, ...rest } = overrides;
  return {
    ...result.config,
    ...rest,
    quotas: { ...result.config.quotas, ...quotas },
  };
}
