import { expect, test } from 'vitest';
import { defaultEmulatorConfig, parseEmulatorConfig } from './config.ts';

test('with no variables the emulator gets documented defaults', () => {
  const result = parseEmulatorConfig({});
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.config).toMatchObject({
    host: '127.0.0.1',
    port: 8090,
    apiKey: 'LIFEGUARDDEMOKEY',
    apiSecret: 'lifeguard-demo-secret',
    seed: 'demo',
    control: false,
    filterMaxLength: 300,
    strictIdentityClaim: true,
  });
  expect(result.config.sharedIssuers).toContain('https://accounts.google.com');
});

test('values are parsed, lists split and empty variables count as unset', () => {
  const result = parseEmulatorConfig({
    EMULATOR_PORT: '9999',
    EMULATOR_CONTROL: '1',
    EMULATOR_BEARER_TOKENS: 'a, b,,c',
    EMULATOR_STRICT_IDENTITY_CLAIM: 'false',
    EMULATOR_SEED: '',
  });
  expect(result).toMatchObject({
    ok: true,
    config: {
      port: 9999,
      control: true,
      bearerTokens: ['a', 'b', 'c'],
      strictIdentityClaim: false,
      seed: 'demo',
    },
  });
});

test('every bad variable is named with what was wrong', () => {
  const result = parseEmulatorConfig({
    EMULATOR_PORT: 'eighty',
    EMULATOR_SEED: 'prod',
    EMULATOR_CONTROL: 'maybe',
    EMULATOR_API_SECRET: 'short',
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toEqual(
    expect.arrayContaining([
      'EMULATOR_PORT: must be a whole number from 0 to 65535 (got "eighty")',
      'EMULATOR_SEED: must be demo or empty (got "prod")',
      'EMULATOR_CONTROL: must be 1 or 0 (or true/false) (got "maybe")',
      'EMULATOR_API_SECRET: must be at least 8 characters (value hidden)',
    ]),
  );
});

test('a secret is never echoed back in an error message', () => {
  const result = parseEmulatorConfig({
    EMULATOR_API_SECRET: 'tiny',
    EMULATOR_BEARER_TOKENS: 42 as unknown as string,
  });
  expect(result.ok).toBe(false);
  expect(JSON.stringify(result)).not.toContain('tiny');
});

test('each quota has a variable; unset, the documented default applies', () => {
  const defaults = parseEmulatorConfig({});
  expect(defaults.ok && defaults.config.quotas).toEqual({
    poolsPerProvider: 1000,
    providersPerOrg: 10,
    groupMappingsPerOrg: 12,
    certificateAuthoritiesPerOrg: 10,
    poolsPerCertificateAuthority: 1000,
  });
  const set = parseEmulatorConfig({
    EMULATOR_MAX_GROUP_MAPPINGS: '40',
    EMULATOR_MAX_CERTIFICATE_AUTHORITIES: '3',
    EMULATOR_MAX_POOLS_PER_CERTIFICATE_AUTHORITY: '25',
  });
  expect(set.ok && set.config.quotas).toMatchObject({
    groupMappingsPerOrg: 40,
    certificateAuthoritiesPerOrg: 3,
    poolsPerCertificateAuthority: 25,
  });
});

test('defaultEmulatorConfig changes only the quotas it is given', () => {
  expect(
    defaultEmulatorConfig({ quotas: { groupMappingsPerOrg: 2 } }).quotas,
  ).toMatchObject({ groupMappingsPerOrg: 2, providersPerOrg: 10 });
});
