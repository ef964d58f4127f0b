import { createEmulator } from './app.ts';
import { listenErrorMessage } from '#contract/env.ts';
import { parseEmulatorConfig } from './config.ts';

const result = parseEmulatorConfig(process.env);
if (!result.ok) {
  console.error(
    `The emulator cannot start; fix these variables:\n  ${result.errors.join('\n  ')}`,
  );
  process.exit(1);
}
const { config } = result;
const { app, store } = createEmulator({ config, logger: { level: 'warn' } });
const address = await app
  .listen({ host: config.host, port: config.port })
  .catch((error: unknown) => {
    console.error(
      listenErrorMessage(
        error,
        `${config.host}:${config.port}`,
        'EMULATOR_PORT',
      ),
    );
    process.exit(1);
  });
const seed = store.getMeta('seed');
console.log(
  [
    `Confluent IAM v2 emulator listening on ${address}`,
    `  data: ${config.dataDir} (seeded with "${seed}"; this is demo data, not your organisation)`,
    `  auth: curl -u ${config.apiKey}:<EMULATOR_API_SECRET> ${address}/iam/v2/identity-providers`,
    `  keyless demo: STS at ${address}/sts/v1/oauth2/token, test IdP tokens from ${address}/test-idp/oauth2/token (README: "Running keyless")`,
    config.control ? '  control API: /_emulator (EMULATOR_CONTROL=1)' : '',
  ]
    .filter(Boolean)
    .join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
