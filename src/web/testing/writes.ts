import { LIFEGUARD_API } from '#contract/test-cases.ts';
import { apiCall } from './emulator.ts';

// Writes through the test server's /api, as the console makes them, so the
// server records each in its audit log.

export type TestPool = {
  id: string;
  display_name: string;
  description: string;
  identity_claim: string;
  filter: string;
};

let counter = 0;

/** A new pool (a name no other test uses), created through the server. */
export async function createTestPool(
  providerId: string,
  fields: Partial<Omit<TestPool, 'id'>> = {},
): Promise<TestPool> {
  counter += 1;
  const pool = await apiCall<TestPool>(
    'POST',
    `/iam/v2/identity-providers/${providerId}/identity-pools`,
    {
      display_name: `audited-${Date.now().toString(36)}-${counter}`,
      description: 'Made by a component test.',
      identity_claim: 'claims.sub',
      filter: 'claims.aud == "kafka"',
      ...fields,
    },
  );
  if (!pool.id) throw new Error(`pool not created: ${JSON.stringify(pool)}`);
  return pool;
}

export function updateTestPool(
  providerId: string,
  poolId: string,
  body: Partial<Omit<TestPool, 'id'>>,
): Promise<TestPool> {
  return apiCall(
    'PATCH',
    `/iam/v2/identity-providers/${providerId}/identity-pools/${poolId}`,
    body,
  );
}

export function createTestCaseFor(
  providerId: string,
  poolId: string,
  name: string,
): Promise<{ id: string }> {
  return apiCall(
    'POST',
    LIFEGUARD_API.testCases(providerId, poolId).replace(/^\/api/, ''),
    {
      name,
      expected: 'match',
      claims: { sub: 'svc-1', aud: 'kafka' },
    },
  );
}
