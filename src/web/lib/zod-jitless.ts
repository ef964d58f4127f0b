// The one module of the console that does work when imported, and the first
// main.tsx imports: zod compiles object parsers with `new Function` unless
// told not to, and merely probing for it raises a Content-Security-Policy
// violation under Lifeguard's own policy (no 'unsafe-eval'). zod reads the
// setting when a schema is built, so it must be set before any lazy chunk
// that builds one loads. `z.config({ jitless: true })` would do the same
// but costs the first screen ~3.7 kB of zod; zod keeps its configuration on
// this global and adopts one that already exists (zod-jitless.test.ts
// proves it still does).

type ZodGlobal = { __zod_globalConfig?: Record<string, unknown> };

const global = globalThis as ZodGlobal;
global.__zod_globalConfig = { ...global.__zod_globalConfig, jitless: true };
