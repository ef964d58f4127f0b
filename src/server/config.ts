import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, parseEnv, type EnvResult } from '#contract/env.ts';

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envInt(0, 65535).default(8080),
  EMULATOR_PORT: envInt(0, 65535).default(8090),
  DIST_DIR: z.string().min(1).default('./dist'),
});

export type ServerConfig = {
  host: string;
  port: number;
  emulatorPort: number;
  distDir: string;
};

/** The server's own variables; bad ones are each named (STYLE.md §9). */
export function parseServerConfig(
  env: Record<string, string | undefined>,
): EnvResult<ServerConfig> {
  const parsed = parseEnv(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.config;
  return {
    ok: true,
    config: {
      host: e.HOST,
      port: e.PORT,
      emulatorPort: e.EMULATOR_PORT,
      distDir: resolve(e.DIST_DIR),
    },
  };
}
