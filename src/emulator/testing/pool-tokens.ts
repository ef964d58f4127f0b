// What the tests of STS tokens on the API need: pools made with the API
// key, role bindings granted to them, and access tokens minted for them as
// the emulator's STS would, without an identity provider in the loop.
import { expect } from 'vitest';
import { issueAccessToken, STS_MAX_EXPIRES_IN } from '../sts/access-tokens.ts';
import { json, providerIdByIssuer, ROLE_BINDINGS } from '../test-fixture.ts';
import type { TestEmulator } from '../test-server.ts';

export type TestPool = {
  id: string;
  providerId: string;
  /** `User:pool-…` */
  principal: string;
  /** Its `resource_name`, where a ResourceOwner of it is bound. */
  crn: string;
};

export const PROVIDERS = '/iam/v2/identity-providers';

export function poolsOf(providerId: string): string {
  return `${PROVIDERS}/${providerId}/identity-pools`;
}

/** A pool under the demo's Okta provider, made with the API key. */
export async function createPool(
  emulator: TestEmulator,
  displayName: string,
): Promise<TestPool> {
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const response = await emulator.call('POST', poolsOf(providerId), {
    body: {
      display_name: displayName,
      description: '',
      identity_claim: 'claims.sub',
      filter: 'true',
    },
  });
  expect(response.status).toBe(201);
  const pool = await json(response);
  const id = String(pool.id);
  return {
    id,
    providerId,
    principal: `User:${id}`,
    crn: String((pool.metadata as { resource_name: string }).resource_name),
  };
}

/** Grants `roleName` at `crnPattern` with the API key; the binding's id. */
export async function grant(
  emulator: TestEmulator,
  principal: string,
  roleName: string,
  crnPattern: string,
): Promise<string> {
  const response = await emulator.call('POST', ROLE_BINDINGS, {
    body: { principal, role_name: roleName, crn_pattern: crnPattern },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return String((await json(response)).id);
}

/** An `Authorization` value with a fresh access token acting as `pool`. */
export async function bearerFor(
  emulator: TestEmulator,
  pool: Pick<TestPool, 'id' | 'providerId'>,
  lifetimeSeconds = STS_MAX_EXPIRES_IN,
): Promise<string> {
  const token = await issueAccessToken(emulator.store, emulator.config.orgId, {
    poolId: pool.id,
    providerId: pool.providerId,
    subject: 'workload-1',
    expiresAt: emulator.store.now() + lifetimeSeconds * 1_000_000,
  });
  return `Bearer ${token}`;
}
