import { expect, test } from 'vitest';
import { parseServerConfig } from './config.ts';

test('the server binds to loopback on 8080 by default', () => {
  expect(parseServerConfig({})).toMatchObject({
    ok: true,
    config: { host: '127.0.0.1', port: 8080, emulatorPort: 8090 },
  });
});

test('bad ports are named, each with what was given', () => {
  const result = parseServerConfig({ PORT: '80a', EMULATOR_PORT: '70000' });
  expect(result).toEqual({
    ok: false,
    errors: [
      'PORT: must be a whole number from 0 to 65535 (got "80a")',
      'EMULATOR_PORT: must be a whole number from 0 to 65535 (got "70000")',
    ],
  });
});

test('the credential decides the upstream: key and secret, token, token file, or the emulator', () => {
  const upstream = (env: Record<string, string>) => {
    const result = parseServerConfig(env);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.config.upstream;
  };
  expect(upstream({})).toEqual({ kind: 'emulator' });
  expect(
    upstream({ CONFLUENT_CLOUD_API_KEY: 'K', CONFLUENT_CLOUD_API_SECRET: 'S' }),
  ).toEqual({
    kind: 'api-key',
    endpoint: 'https://api.confluent.cloud',
    key: 'K',
    secret: 'S',
  });
  expect(
    upstream({
      CONFLUENT_CLOUD_ACCESS_TOKEN: 'T',
      CONFLUENT_CLOUD_ENDPOINT: 'http://127.0.0.1:9000/',
    }),
  ).toEqual({ kind: 'token', endpoint: 'http://127.0.0.1:9000', token: 'T' });
  expect(
    upstream({ CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '/run/token' }),
  ).toMatchObject({
    kind: 'token-file',
    file: '/run/token',
  });
});

test('conflicting or half-set credentials are refused without echoing them', () => {
  const result = parseServerConfig({
    CONFLUENT_CLOUD_API_KEY: 'K',
    CONFLUENT_CLOUD_ACCESS_TOKEN: 'tok-secret',
    CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: '/x',
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^CONFLUENT_CLOUD_API_SECRET: must be set together/,
      ),
      expect.stringMatching(/^CONFLUENT_CLOUD_ACCESS_TOKEN_FILE: set either/),
      expect.stringMatching(
        /^CONFLUENT_CLOUD_ACCESS_TOKEN: choose one credential/,
      ),
    ]),
  );
  expect(result.errors.join('\n')).not.toContain('tok-secret');
});

test('a non-loopback HOST is refused: without sign-in, anyone reaching it would act with the credential', () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'lifeguard.example']) {
    const result = parseServerConfig({ HOST: host });
    expect(result.ok, host).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatch(
        /^HOST: would expose Lifeguard beyond this machine/,
      );
  }
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
    expect(parseServerConfig({ HOST: host }).ok, host).toBe(true);
  }
});
