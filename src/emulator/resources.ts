import { buildCrn } from '#contract/crn.ts';
import { formatMicros } from './clock.ts';
import type {
  ClusterRecord,
  EnvironmentRecord,
  OrganizationRecord,
  UserRecord,
} from './directory-store.ts';
import type { RoleBindingRecord } from './role-binding-store.ts';
import type { PoolRecord, ProviderRecord } from './store.ts';

/** Where links point and which organisation CRNs name. */
export type ResourceContext = { baseUrl: string; orgId: string };

export function providerPath(id: string): string {
  return `/iam/v2/identity-providers/${id}`;
}

export function poolPath(providerId: string, id: string): string {
  return `${providerPath(providerId)}/identity-pools/${id}`;
}

export function providerCrn(orgId: string, providerId: string): string {
  return buildCrn({ organization: orgId, identityProvider: providerId });
}

/** A pool's CRN: its `resource_name`, and where a ResourceOwner of it is bound. */
export function poolCrn(
  orgId: string,
  providerId: string,
  poolId: string,
): string {
  return buildCrn({
    organization: orgId,
    identityProvider: providerId,
    resource: { type: 'identity-pool', name: poolId },
  });
}

export function environmentCrn(orgId: string, environmentId: string): string {
  return buildCrn({ organization: orgId, environment: environmentId });
}

/** The cluster's `resource_name`, ending in `/kafka=<id>` as the live service writes it. */
export function clusterResourceName(
  orgId: string,
  cluster: ClusterRecord,
): string {
  return buildCrn({
    organization: orgId,
    environment: cluster.environmentId,
    cloudCluster: cluster.id,
    kafkaCluster: cluster.id,
  });
}

export function roleBindingPath(id: string): string {
  return `/iam/v2/role-bindings/${id}`;
}

function environmentPath(id: string): string {
  return `/org/v2/environments/${id}`;
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
      resource_name: providerCrn(orgId, provider.id),
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
      resource_name: poolCrn(orgId, pool.providerId, pool.id),
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

export function organizationResource(
  organization: OrganizationRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'org/v2',
    kind: 'Organization',
    id: orgId,
    metadata: {
      self: `${baseUrl}/org/v2/organizations/${orgId}`,
      resource_name: buildCrn({ organization: orgId }),
      created_at: formatMicros(organization.createdAt),
      updated_at: formatMicros(organization.updatedAt),
    },
    display_name: organization.displayName,
    jit_enabled: organization.jitEnabled,
  };
}

export function environmentResource(
  environment: EnvironmentRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'org/v2',
    kind: 'Environment',
    id: environment.id,
    metadata: {
      self: `${baseUrl}${environmentPath(environment.id)}`,
      resource_name: environmentCrn(orgId, environment.id),
      created_at: formatMicros(environment.createdAt),
      updated_at: formatMicros(environment.updatedAt),
    },
    display_name: environment.displayName,
    ...(environment.governancePackage && {
      stream_governance_config: { package: environment.governancePackage },
    }),
  };
}

export function clusterResource(
  cluster: ClusterRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'cmk/v2',
    kind: 'Cluster',
    id: cluster.id,
    metadata: {
      self: `${baseUrl}/cmk/v2/clusters/${cluster.id}`,
      resource_name: clusterResourceName(orgId, cluster),
      created_at: formatMicros(cluster.createdAt),
      updated_at: formatMicros(cluster.updatedAt),
    },
    spec: {
      display_name: cluster.displayName,
      availability: cluster.availability,
      cloud: cluster.cloud,
      region: cluster.region,
      config: {
        kind: cluster.kind,
        ...(cluster.cku !== null && { cku: cluster.cku }),
      },
      kafka_bootstrap_endpoint: `SASL_SSL://${cluster.endpointHost}:9092`,
      http_endpoint: `https://${cluster.endpointHost}:443`,
      environment: {
        id: cluster.environmentId,
        related: `${baseUrl}${environmentPath(cluster.environmentId)}`,
        resource_name: environmentCrn(orgId, cluster.environmentId),
      },
    },
    status: {
      phase: 'PROVISIONED',
      ...(cluster.cku !== null && { cku: cluster.cku }),
    },
  };
}

export function userResource(user: UserRecord, { baseUrl }: ResourceContext) {
  return {
    api_version: 'iam/v2',
    kind: 'User',
    id: user.id,
    metadata: {
      self: `${baseUrl}/iam/v2/users/${user.id}`,
      // Recorded without the organization segment, unlike other CRNs.
      resource_name: `crn://confluent.cloud/user=${user.id}`,
      created_at: formatMicros(user.createdAt),
      updated_at: formatMicros(user.updatedAt),
    },
    email: user.email,
    full_name: user.fullName,
    auth_type: user.authType,
  };
}

export function roleBindingResource(
  binding: RoleBindingRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    api_version: 'iam/v2',
    kind: 'RoleBinding',
    id: binding.id,
    metadata: {
      self: `${baseUrl}${roleBindingPath(binding.id)}`,
      // The recorded spelling; the vendor's example writes role-binding=.
      resource_name: `crn://confluent.cloud/organization=${orgId}/rolebinding=${binding.id}`,
      created_at: formatMicros(binding.createdAt),
    },
    principal: binding.principal,
    role_name: binding.roleName,
    crn_pattern: binding.crnPattern,
  };
}
