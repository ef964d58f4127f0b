import { buildCrn, type CrnResourceType } from '#contract/crn.ts';
import {
  bindingRefusal,
  hasGranularRbac,
  KAFKA_RESOURCE_SCOPES,
  ROLE_CATALOGUE,
  type BindingScope,
  type RoleDefinition,
} from '#contract/role-catalogue.ts';
import { RESOURCE_TYPE_LABELS } from './binding-groups.ts';

/** The scopes the grant form can build a CRN for, most general first. */
export const GRANTABLE_SCOPES = [
  'organization',
  'environment',
  'cloud-cluster',
  'topic',
  'group',
  'transactional-id',
  'subject',
] as const satisfies readonly BindingScope[];
export type GrantableScope = (typeof GRANTABLE_SCOPES)[number];

/** How each scope reads in the form's "Applies to" list. */
export const GRANTABLE_SCOPE_LABELS: Record<GrantableScope, string> = {
  organization: 'The organization',
  environment: 'An environment',
  'cloud-cluster': 'A Kafka cluster',
  topic: 'Topics',
  group: 'Consumer groups',
  'transactional-id': 'Transactional ids',
  subject: 'Schema subjects',
};

function isGrantable(scope: BindingScope): scope is GrantableScope {
  return (GRANTABLE_SCOPES as readonly string[]).includes(scope);
}

/** The scopes of `role` the form offers, in the catalogue's order. */
export function grantableScopes(
  role: RoleDefinition | undefined,
): GrantableScope[] {
  return role ? role.scopes.filter(isGrantable) : [];
}

/** Roles with at least one scope the form can build (Assigner binds to service accounts only). */
export const GRANTABLE_ROLES: readonly RoleDefinition[] = ROLE_CATALOGUE.filter(
  (role) => grantableScopes(role).length > 0,
);

/** "DeveloperRead — topic, consumer group, transactional id, schema subject, KEK, connector" */
export function roleOptionLabel(role: RoleDefinition): string {
  const scopes = role.scopes.map((scope) =>
    scope === 'organization' || scope === 'environment'
      ? scope
      : scope === 'cloud-cluster'
        ? 'Kafka cluster'
        : (RESOURCE_TYPE_LABELS[scope as CrnResourceType]?.one.toLowerCase() ??
          scope),
  );
  return `${role.name} — ${scopes.join(', ')}`;
}

/** A scope inside a Kafka cluster: a Basic cluster does not take it. */
export function isKafkaResourceScope(scope: string): boolean {
  return (KAFKA_RESOURCE_SCOPES as readonly string[]).includes(scope);
}

export function needsEnvironment(scope: string): boolean {
  return scope !== '' && scope !== 'organization';
}

export function needsCluster(scope: string): boolean {
  return scope === 'cloud-cluster' || isKafkaResourceScope(scope);
}

export function needsResource(scope: string): boolean {
  return isKafkaResourceScope(scope) || scope === 'subject';
}

/** Whether a cluster of this kind can be picked for `scope` (Basic has no granular RBAC). */
export function clusterTakesScope(clusterKind: string, scope: string): boolean {
  return !isKafkaResourceScope(scope) || hasGranularRbac(clusterKind);
}

/** What the grant form holds. */
export type GrantValues = {
  role: string;
  scope: GrantableScope | '';
  environment: string;
  cluster: string;
  /** The environment's Schema Registry (`lsrc-…`), for subjects: no API of the contract lists them. */
  schemaRegistry: string;
  name: string;
  isPrefix: boolean;
};

export const EMPTY_GRANT: GrantValues = {
  role: '',
  scope: '',
  environment: '',
  cluster: '',
  schemaRegistry: '',
  name: '',
  isPrefix: false,
};

/**
 * The CRN a grant sends, built with the contract's `buildCrn`, or what is
 * still missing to build it.
 */
export function grantCrn(
  values: GrantValues,
  organizationId: string,
): { crn: string } | { missing: string } {
  const { scope } = values;
  if (values.role === '') return { missing: 'Choose a role.' };
  if (scope === '') return { missing: 'Choose what the role applies to.' };
  if (scope === 'organization') {
    return { crn: buildCrn({ organization: organizationId }) };
  }
  if (values.environment === '') return { missing: 'Choose an environment.' };
  const environment = values.environment.trim();
  if (scope === 'environment') {
    return { crn: buildCrn({ organization: organizationId, environment }) };
  }
  if (scope === 'subject') {
    const schemaRegistry = values.schemaRegistry.trim();
    if (schemaRegistry === '') {
      return { missing: 'Enter the Schema Registry cluster id.' };
    }
    return resourceCrn(values, {
      organization: organizationId,
      environment,
      schemaRegistry,
    });
  }
  if (values.cluster === '') return { missing: 'Choose a Kafka cluster.' };
  const cloudCluster = values.cluster;
  if (scope === 'cloud-cluster') {
    return {
      crn: buildCrn({
        organization: organizationId,
        environment,
        cloudCluster,
      }),
    };
  }
  return resourceCrn(values, {
    organization: organizationId,
    environment,
    cloudCluster,
    kafkaCluster: cloudCluster,
  });
}

function resourceCrn(
  values: GrantValues,
  parts: Parameters<typeof buildCrn>[0],
): { crn: string } | { missing: string } {
  const name = values.name.trim();
  if (name === '' && !values.isPrefix) {
    return { missing: 'Enter the resource’s name, or turn on Prefix.' };
  }
  return {
    crn: buildCrn({
      ...parts,
      resource: {
        type: values.scope as CrnResourceType,
        name,
        isPrefix: values.isPrefix,
      },
    }),
  };
}

/**
 * Why Confluent would refuse this grant, checked before sending with the
 * contract's `bindingRefusal` (role and scope, the CRN's form, a Basic
 * cluster's missing granular RBAC); undefined when it may go.
 */
export function grantRefusal(
  role: string,
  crn: string,
  clusterKind: string | undefined,
): string | undefined {
  return bindingRefusal(role, crn, clusterKind ? { clusterKind } : {});
}
