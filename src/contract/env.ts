import { z } from 'zod';

/** A parsed configuration, or one message per bad variable. */
export type EnvResult<T> =
  { ok: true; config: T } | { ok: false; errors: string[] };

/**
 * Parses environment variables with a zod object schema, as the server and
 * the emulator both do. An empty variable counts as unset (`VAR= cmd`), and
 * values of `secretNames` are never repeated in a message.
 */
export function parseEnv<T>(
  schema: z.ZodType<T>,
  env: Record<string, string | undefined>,
  secretNames: readonly string[] = [],
): EnvResult<T> {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const parsed = schema.safeParse(present);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      if (present[name] === undefined) return `${name}: ${issue.message}`;
      const got = secretNames.includes(name)
        ? 'value hidden'
        : `got ${JSON.stringify(present[name])}`;
      return `${name}: ${issue.message} (${got})`;
    }),
  };
}

/** A boolean variable: 1/0, true/false, yes/no, on/off. */
export const envFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be 1 or 0 (or true/false)',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/** A whole number within [min, max]. */
export function envInt(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));
}

/** A comma-separated list; blanks around and between items are dropped. */
export const envList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** A sentence for a failed listen(), naming the variable that sets the port. */
export function listenErrorMessage(
  error: unknown,
  address: string,
  variable: string,
): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : '';
  if (code === 'EADDRINUSE') {
    return `${address} is already in use; stop what is using it or set ${variable} to another port.`;
  }
  if (code === 'EACCES') {
    return `Not allowed to listen on ${address}; choose a port above 1024 with ${variable}.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `${address} is not an address of this machine; check the host variable.`;
  }
  return `Cannot listen on ${address}: ${error instanceof Error ? error.message : String(error)}`;
}
