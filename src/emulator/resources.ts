import { formatMicros } from './clock.ts';
import type { PoolRecord, ProviderRecord } from './store.ts';

/** Where links point and which organisation CRNs name. */
export type ResourceContext = { baseUrl: string; orgId: string };

export function providerPath(id: string): string {
  return `/iam/v2/identity-providers/${id}`;
}

export function poolPath(providerId: string, id: string): string {
  return `${providerPath(providerId)}/identity-pools/${id}`;
}

export function providerResource(
  provider: ProviderRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'iam/v2',
    kind: 'IdentityProvider',
    id: provider.id,
    metadata: {
      self: `${baseUrl}${providerPath(provider.id)}`,
      resource_name: `crn://confluent.cloud/organization=${orgId}/identity-provider=${provider.id}`,
      created_at: formatMicros(provider.createdAt),
      updated_at: formatMicros(provider.updatedAt),
    },
    display_name: provider.displayName,
    description: provider.description,
    state: provider.state,
    issuer: provider.issuer,
    jwks_uri: provider.jwksUri,
    identity_claim: provider.identityClaim,
    keys: provider.keys,
  };
}

export function poolResource(
  pool: PoolRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'iam/v2',
    kind: 'IdentityPool',
    id: pool.id,
    metadata: {
      self: `${baseUrl}${poolPath(pool.providerId, pool.id)}`,
      resource_name: `crn://confluent.cloud/organization=${orgId}/identity-provider=${pool.providerId}/identity-pool=${pool.id}`,
      created_at: formatMicros(pool.createdAt),
      updated_at: formatMicros(pool.updatedAt),
    },
    display_name: pool.displayName,
    description: pool.description,
    identity_claim: pool.identityClaim,
    filter: pool.filter,
    principal: pool.id,
    state: pool.state,
  };
}

export function jwksResource(provider: ProviderRecord) {
  return {
    api_version: 'iam/v2',
    kind: 'Jwks',
    spec: { jwks_status: 'REFRESHED' },
    status: {
      jwks_status: provider.jwksStatus,
      jwks_last_refresh_at: formatMicros(provider.jwksLastRefreshAt),
    },
  };
}
