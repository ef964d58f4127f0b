import { listenErrorMessage } from '#contract/env.ts';
import { createEmulator } from '../emulator/app.ts';
import { parseEmulatorConfig } from '../emulator/config.ts';
import { createServer } from './app.ts';
import { buildIfStale } from './build.ts';
import { LifeguardStore } from './store/lifeguard-store.ts';
import { displayUrl, withoutPassword } from './store/open.ts';
import {
  CONFLUENT_CLOUD_ENDPOINT,
  helpText,
  parseServerConfig,
  type UpstreamMode,
} from './config.ts';
import {
  basicCredentials,
  bearerCredentials,
  tokenFileCredentials,
  type CredentialSource,
} from './credentials.ts';
import { keylessCredentials } from './keyless/keyless-credentials.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(helpText());
  process.exit(0);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function configOrExit<T>(
  what: string,
  result: { ok: true; config: T } | { ok: false; errors: string[] },
): T {
  if (result.ok) return result.config;
  return fail(
    `Lifeguard cannot start; fix these ${what} variables (npm start -- --help lists them):\n  ${result.errors.join('\n  ')}`,
  );
}

function exitOnListenError(address: string, variable: string) {
  return (error: unknown): never =>
    fail(listenErrorMessage(error, address, variable));
}

const config = configOrExit('server', parseServerConfig(process.env));
if (process.argv.includes('--build-if-needed')) buildIfStale(config.distDir);

const databaseLabel =
  config.database.dialect === 'postgres'
    ? `PostgreSQL at ${displayUrl(config.database.url)} (DATABASE_URL)`
    : `SQLite in ${config.database.file}`;

// Before anything listens: a database that cannot be reached or migrated
// stops start-up. Several replicas starting at once migrate one at a time.
async function openStore(): Promise<LifeguardStore> {
  const { database } = config;
  const store = new LifeguardStore(database, {
    onIdleError: (error) =>
      console.error(
        `Lost a connection to ${databaseLabel}; the pool opens a new one: ${withoutPassword(error.message, database)}`,
      ),
  });
  try {
    const applied = await store.migrate();
    if (applied.length > 0) {
      console.log(`Migrated ${databaseLabel}: ${applied.join(', ')}.`);
    }
    return store;
  } catch (error) {
    await store.close().catch(() => {});
    return fail(
      `Lifeguard cannot open ${databaseLabel}: ${withoutPassword((error as Error).message, database)}`,
    );
  }
}

const store = await openStore();

type Upstream = {
  endpoint: string;
  label: string;
  credentials: CredentialSource;
  close: () => Promise<void>;
};

// Keyless: both tokens are obtained before anything listens, so a provider,
// pool or STS that refuses Lifeguard stops start-up with the reason.
async function keylessSignIn(
  mode: Extract<UpstreamMode, { kind: 'keyless' }>,
): Promise<{ credentials: CredentialSource; close: () => Promise<void> }> {
  const keyless = keylessCredentials(mode, {
    // Like the store's lost connections: sentences on the console, since
    // the server's logger does not exist yet.
    log: {
      info: (message) => console.log(message),
      warn: (message) => console.error(message),
    },
    timeoutMs: config.upstreamTimeoutMs,
  });
  const signedIn = await keyless.start().catch((error: Error) => {
    keyless.close();
    return fail(
      `Lifeguard cannot start: keyless sign-in to Confluent failed. ${error.message}`,
    );
  });
  console.log(
    `Signed in to Confluent through identity pool ${mode.identityPoolId} (STS token valid ${signedIn.lifetimeSeconds} s, renewed every ${Math.round(signedIn.renewAfterSeconds)} s).`,
  );
  return { credentials: keyless, close: async () => keyless.close() };
}

async function externalUpstream(
  mode: Exclude<UpstreamMode, { kind: 'emulator' }>,
): Promise<Upstream> {
  let close = async () => {};
  let credentials: CredentialSource;
  if (mode.kind === 'keyless') {
    ({ credentials, close } = await keylessSignIn(mode));
  } else {
    credentials =
      mode.kind === 'api-key'
        ? basicCredentials(mode.key, mode.secret)
        : mode.kind === 'token'
          ? bearerCredentials(mode.token)
          : tokenFileCredentials(mode.file);
    // A token file that cannot be read is a start-up error, not a 503 later.
    await credentials
      .authorization()
      .catch((error: Error) => fail(error.message));
  }
  return {
    endpoint: mode.endpoint,
    label:
      mode.endpoint === CONFLUENT_CLOUD_ENDPOINT
        ? 'confluent-cloud'
        : new URL(mode.endpoint).origin,
    credentials,
    close,
  };
}

// No credentials: the emulator runs in this process and is the upstream.
async function embeddedEmulator(): Promise<Upstream> {
  const emulatorConfig = configOrExit(
    'emulator',
    parseEmulatorConfig({
      ...process.env,
      EMULATOR_PORT: String(config.emulatorPort),
    }),
  );
  const emulator = createEmulator({
    config: emulatorConfig,
    logger: { level: 'warn' },
  });
  const url = await emulator.app
    .listen({ host: emulatorConfig.host, port: emulatorConfig.port })
    .catch(
      exitOnListenError(
        `${emulatorConfig.host}:${emulatorConfig.port}`,
        'EMULATOR_PORT',
      ),
    );
  console.log(
    `No Confluent credentials configured: using the embedded Confluent IAM emulator at ${url}.\n` +
      `  This is DEMO DATA (${emulatorConfig.dataDir}), not your Confluent organisation.\n` +
      '  Set CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET to manage a real one.',
  );
  return {
    endpoint: url,
    label: 'emulator',
    credentials: basicCredentials(
      emulatorConfig.apiKey,
      emulatorConfig.apiSecret,
    ),
    close: () => emulator.app.close(),
  };
}

const upstream =
  config.upstream.kind === 'emulator'
    ? await embeddedEmulator()
    : await externalUpstream(config.upstream);

const server = createServer({
  distDir: config.distDir,
  store,
  upstream: {
    ...upstream,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
  },
  ...(config.apiRateLimit ? { apiRateLimit: config.apiRateLimit } : {}),
  logLevel: config.logLevel,
  auth: config.auth,
  session: config.session,
  trustProxy: config.trustProxy,
  ...(config.tls ? { tls: config.tls } : {}),
  discovery: { allowPrivate: config.discoveryAllowPrivate },
});
const listening = await server
  .listen({ host: config.host, port: config.port })
  .catch(exitOnListenError(`${config.host}:${config.port}`, 'PORT'));
// Fastify names the scheme from its own options, not the server factory's.
const url = config.tls ? listening.replace(/^http:/, 'https:') : listening;
const signIn = {
  none: 'no sign-in (loopback only)',
  password: `password sign-in for ${config.auth.mode === 'password' ? config.auth.users.size : 0} user(s)`,
  oidc: `sign-in with ${config.auth.mode === 'oidc' ? config.auth.issuer : ''}`,
}[config.auth.mode];
console.log(
  `Lifeguard is serving the console on ${url} (upstream: ${upstream.label === 'emulator' ? 'embedded emulator' : upstream.endpoint}; ${signIn}; data: ${databaseLabel}).`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing in-flight requests, then stopping.`);
  const timer = setTimeout(() => {
    console.error(
      `In-flight requests did not finish within ${config.shutdownTimeoutMs} ms; stopping anyway.`,
    );
    process.exit(1);
  }, config.shutdownTimeoutMs);
  timer.unref();
  // The server first, so nothing new reaches the emulator while it closes.
  await server.close();
  await store.close();
  await upstream.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
