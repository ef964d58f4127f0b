import { createEmulator } from '../emulator/app.ts';
import { parseEmulatorConfig } from '../emulator/config.ts';
import { listenErrorMessage } from '#contract/env.ts';
import { createServer } from './app.ts';
import { buildIfMissing } from './build.ts';
import { parseServerConfig } from './config.ts';

function configOrExit<T>(
  what: string,
  result: { ok: true; config: T } | { ok: false; errors: string[] },
): T {
  if (result.ok) return result.config;
  console.error(
    `Lifeguard cannot start; fix these ${what} variables:\n  ${result.errors.join('\n  ')}`,
  );
  process.exit(1);
}

const config = configOrExit('server', parseServerConfig(process.env));
const emulatorConfig = configOrExit(
  'emulator',
  parseEmulatorConfig({
    ...process.env,
    EMULATOR_PORT: String(config.emulatorPort),
  }),
);

if (process.argv.includes('--build-if-needed')) buildIfMissing(config.distDir);

// No Confluent credentials yet (issue 3): the embedded emulator is the upstream.
const emulator = createEmulator({
  config: emulatorConfig,
  logger: { level: 'warn' },
});
function exitOnListenError(address: string, variable: string) {
  return (error: unknown): never => {
    console.error(listenErrorMessage(error, address, variable));
    process.exit(1);
  };
}

const emulatorUrl = await emulator.app
  .listen({ host: emulatorConfig.host, port: emulatorConfig.port })
  .catch(
    exitOnListenError(
      `${emulatorConfig.host}:${emulatorConfig.port}`,
      'EMULATOR_PORT',
    ),
  );
const server = createServer({
  config,
  upstream: { kind: 'emulator', url: emulatorUrl },
  logger: { level: 'warn' },
});
const url = await server
  .listen({ host: config.host, port: config.port })
  .catch(exitOnListenError(`${config.host}:${config.port}`, 'PORT'));
console.log(
  [
    `Lifeguard listening on ${url}`,
    `  upstream: the embedded Confluent IAM emulator at ${emulatorUrl}`,
    `  This is demo data (${emulatorConfig.dataDir}), not your Confluent organisation.`,
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([server.close(), emulator.app.close()]).then(() =>
      process.exit(0),
    );
  });
}
