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
