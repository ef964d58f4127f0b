import { buildCrn } from '#contract/crn.ts';
import { formatMicros, type Micros } from './clock.ts';
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

/**
 * The fields every dated resource starts with, in the order the service
 * writes them: `api_version`, `kind`, `id` and `metadata` (its URL, its CRN
 * and when it was created and last changed).
 */
export function resourceHead(
  type: { apiVersion: string; kind: string },
  record: { id: string; createdAt: Micros; updatedAt: Micros },
  names: { self: string; resourceName: string },
) {
  return {
    api_version: type.apiVersion,
    kind: type.kind,
    id: record.id,
    metadata: {
      self: names.self,
      resource_name: names.resourceName,
      created_at: formatMicros(record.createdAt),
      updated_at: formatMicros(record.updatedAt),
    },
  };
}

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
    ...resourceHead(
      { apiVersion: 'iam/v2', kind: 'IdentityProvider' },
      provider,
      {
        self: `${baseUrl}${providerPath(provider.id)}`,
        resourceName: providerCrn(orgId, provider.id),
      },
    ),
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
    ...resourceHead({ apiVersion: 'iam/v2', kind: 'IdentityPool' }, pool, {
      self: `${baseUrl}${poolPath(pool.providerId, pool.id)}`,
      resourceName: poolCrn(orgId, pool.providerId, pool.id),
    }),
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
    ...resourceHead(
      { apiVersion: 'org/v2', kind: 'Organization' },
      { ...organization, id: orgId },
      {
        self: `${baseUrl}/org/v2/organizations/${orgId}`,
        resourceName: buildCrn({ organization: orgId }),
      },
    ),
    display_name: organization.displayName,
    jit_enabled: organization.jitEnabled,
  };
}

export function environmentResource(
  environment: EnvironmentRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    ...resourceHead(
      { apiVersion: 'org/v2', kind: 'Environment' },
      environment,
      {
        self: `${baseUrl}${environmentPath(environment.id)}`,
        resourceName: environmentCrn(orgId, environment.id),
      },
    ),
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
    ...resourceHead({ apiVersion: 'cmk/v2', kind: 'Cluster' }, cluster, {
      self: `${baseUrl}/cmk/v2/clusters/${cluster.id}`,
      resourceName: clusterResourceName(orgId, cluster),
    }),
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
    ...resourceHead({ apiVersion: 'iam/v2', kind: 'User' }, user, {
      self: `${baseUrl}/iam/v2/users/${user.id}`,
      // Recorded without the organization segment, unlike other CRNs.
      resourceName: `crn://confluent.cloud/user=${user.id}`,
    }),
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
