import { resolve } from 'node:path';
import { z } from 'zod';

function port(fallback: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: 'must be a port number from 0 to 65535' })
    .transform(Number)
    .pipe(
      z.number().max(65535, { error: 'must be a port number from 0 to 65535' }),
    )
    .default(fallback);
}

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(8080),
  EMULATOR_PORT: port(8090),
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
): { ok: true; config: ServerConfig } | { ok: false; errors: string[] } {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        return `${name}: ${issue.message} (got ${JSON.stringify(present[name])})`;
      }),
    };
  }
  const e = parsed.data;
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
