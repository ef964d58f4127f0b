import { expect, test } from 'vitest';
import type { Pool } from '../api/pools.ts';
import {
  isBaseCurrent,
  poolChangesOf,
  saveBaseOf,
  type SaveBase,
} from './use-save-pool.ts';

const SELF = 'https://api.confluent.cloud/iam/v2/identity-pools/pool-1';

/** Metadata as the upstream sends it, `updated_at` left out when undefined. */
function metadata(updatedAt?: string): Pool['metadata'] {
  return updatedAt === undefined
    ? { self: SELF }
    : { self: SELF, updated_at: updatedAt };
}

function pool(fields: Partial<Pool> = {}): Pool {
  return {
    id: 'pool-1',
    display_name: 'payments',
    description: 'Payment services.',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "kafka"',
    principal: 'pool-1',
    state: 'ENABLED',
    metadata: metadata('2024-05-01T10:00:00Z'),
    ...fields,
  };
}

test('the base of an edit is the pool’s version and the values the form shows', () => {
  expect(saveBaseOf(pool())).toEqual({
    updatedAt: '2024-05-01T10:00:00Z',
    values: {
      display_name: 'payments',
      description: 'Payment services.',
      identity_claim: 'claims.sub',
      filter: 'claims.aud == "kafka"',
    },
  });
});

test('the base is current while the server has the same version', () => {
  const base = saveBaseOf(pool());
  expect(isBaseCurrent(base, pool())).toBe(true);
  // Another writer moved the version, even without changing a shown field.
  expect(
    isBaseCurrent(base, pool({ metadata: metadata('2024-05-01T10:05:00Z') })),
  ).toBe(false);
});

test('without updated_at the shown values decide', () => {
  const unversioned = pool({ metadata: metadata() });
  const base = saveBaseOf(unversioned);
  expect(base.updatedAt).toBeUndefined();
  expect(isBaseCurrent(base, unversioned)).toBe(true);
  expect(
    isBaseCurrent(base, pool({ metadata: metadata(), filter: 'true' })),
  ).toBe(false);
  // A base that has a version, against a server that sends none.
  expect(isBaseCurrent(saveBaseOf(pool()), unversioned)).toBe(true);
});

test('a save sends only what the user changed and the server does not already hold', () => {
  const base: SaveBase = saveBaseOf(pool());
  const values = {
    ...base.values,
    description: 'Edited here.',
    filter: 'claims.aud == "payments"',
  };
  expect(poolChangesOf(values, base, pool())).toEqual({
    description: 'Edited here.',
    filter: 'claims.aud == "payments"',
  });
  // Someone else renamed it meanwhile: their name is not sent back over it,
  // and a change they made the same way is not sent again.
  const theirs = pool({
    display_name: 'renamed',
    description: 'Edited here.',
  });
  expect(poolChangesOf(values, base, theirs)).toEqual({
    filter: 'claims.aud == "payments"',
  });
  expect(poolChangesOf(base.values, base, theirs)).toEqual({});
});
