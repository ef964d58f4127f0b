import { expect, test } from 'vitest';
import {
  findAppliedQuota,
  QUOTA_CODES,
  quotaQueries,
  type AppliedQuota,
} from './quota-queries.ts';

function quota(fields: Partial<AppliedQuota>): AppliedQuota {
  return {
    id: QUOTA_CODES.identityPoolsPerProvider,
    scope: 'identity_provider',
    display_name: 'Identity pools per identity provider',
    default_limit: 1000,
    applied_limit: 50,
    ...fields,
  };
}

test('the quota is found by code, scope in any case, and the resource it is on', () => {
  const quotas = [
    quota({ identity_provider: { id: 'op-1' }, usage: 7 }),
    quota({ identity_provider: { id: 'op-2' }, usage: 9 }),
    quota({
      id: QUOTA_CODES.groupMappingsPerOrganization,
      scope: 'organization',
      applied_limit: 12,
    }),
  ];
  expect(
    findAppliedQuota(quotas, {
      code: QUOTA_CODES.identityPoolsPerProvider,
      scope: 'IDENTITY_PROVIDER',
      identityProvider: 'op-2',
    })?.usage,
  ).toBe(9);
  expect(
    findAppliedQuota(quotas, {
      code: QUOTA_CODES.groupMappingsPerOrganization,
      scope: 'ORGANIZATION',
    }),
  ).toMatchObject({ applied_limit: 12 });
  expect(quotas[2]!.usage).toBeUndefined();
  expect(
    findAppliedQuota(quotas, {
      code: QUOTA_CODES.certificatePoolsPerAuthority,
      scope: 'CERTIFICATE_AUTHORITY',
      certificateAuthority: 'op-3',
    }),
  ).toBeUndefined();
  // An item that names no resource is taken: the service filtered by it.
  expect(
    findAppliedQuota([quota({ scope: 'IDENTITY_PROVIDER' })], {
      code: QUOTA_CODES.identityPoolsPerProvider,
      scope: 'IDENTITY_PROVIDER',
      identityProvider: 'op-9',
    }),
  ).toBeDefined();
});

test('keys run scope → resource → code, under one root', () => {
  const key = quotaQueries.applied({
    code: QUOTA_CODES.certificatePoolsPerAuthority,
    scope: 'CERTIFICATE_AUTHORITY',
    certificateAuthority: 'op-abc',
  }).queryKey;
  expect(key.slice(0, 4)).toEqual([
    'quotas',
    'CERTIFICATE_AUTHORITY',
    'op-abc',
    QUOTA_CODES.certificatePoolsPerAuthority,
  ]);
  expect(quotaQueries.scope('ORGANIZATION')).toEqual([
    'quotas',
    'ORGANIZATION',
  ]);
});
