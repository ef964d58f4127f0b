import { parseCrn, type Crn, type CrnScope } from './crn.ts';

/**
 * Confluent Cloud's predefined roles and the scopes each may be bound at
 * (docs/confluent-api.md §21). There is no public API listing them, so the
 * console offers this catalogue and the emulator enforces it. Pure: it runs
 * in the browser too.
 */

/** The levels of a CRN a binding can name; `kafka-cluster` and the like are not among them. */
export type BindingScope = Extract<
  CrnScope,
  | 'organization'
  | 'environment'
  | 'cloud-cluster'
  | 'topic'
  | 'group'
  | 'transactional-id'
  | 'subject'
  | 'kek'
  | 'connector'
  | 'ksql'
  | 'compute-pool'
  | 'service-account'
  | 'identity-pool'
>;

/** One predefined role. */
export type RoleDefinition = {
  readonly name: string;
  /** What it lets a principal do, in a line. */
  readonly summary: string;
  /** Where a binding of it may point, most general first. */
  readonly scopes: readonly BindingScope[];
};

/**
 * Scopes inside a Kafka cluster: granular RBAC, which Basic clusters do
 * not have (docs/confluent-api.md §18.3).
 */
export const KAFKA_RESOURCE_SCOPES: readonly BindingScope[] = [
  'topic',
  'group',
  'transactional-id',
];

/** Cluster types (`spec.config.kind`) that take bindings on topics, groups and transactional ids. */
export const GRANULAR_RBAC_CLUSTER_KINDS: readonly string[] = [
  'Standard',
  'Enterprise',
  'Dedicated',
  'Freight',
];

// Scopes as seen bound in Confluent's sources, or documented; where the
// sources only suggest a scope the comment says so (§21 has the evidence).
export const ROLE_CATALOGUE: readonly RoleDefinition[] = [
  {
    name: 'OrganizationAdmin',
    summary: 'Everything in the organization, granting access included.',
    scopes: ['organization'],
  },
  {
    // Scope inferred: it manages the organization's identities.
    name: 'AccountAdmin',
    summary: 'Users, service accounts, identity pools and their access.',
    scopes: ['organization'],
  },
  {
    // Unconfirmed: named in the docs, never seen bound.
    name: 'BillingAdmin',
    summary: 'Billing and payment details of the organization.',
    scopes: ['organization'],
  },
  {
    name: 'NetworkAdmin',
    summary: 'Networks, peerings and private links of the organization.',
    scopes: ['organization'],
  },
  {
    // Cluster scope unconfirmed; organization and environment seen live.
    name: 'MetricsViewer',
    summary: 'Reads metrics through the Metrics API.',
    scopes: ['organization', 'environment', 'cloud-cluster'],
  },
  {
    // Scopes unconfirmed: the docs name the role without them.
    name: 'Operator',
    summary: 'Sees and operates clusters and connectors, without their data.',
    scopes: ['organization', 'environment', 'cloud-cluster'],
  },
  {
    name: 'EnvironmentAdmin',
    summary: 'Everything in one environment, granting access included.',
    scopes: ['environment'],
  },
  {
    name: 'DataDiscovery',
    summary: "Browses an environment's Stream Catalog.",
    scopes: ['environment'],
  },
  {
    // Unconfirmed: never seen bound.
    name: 'DataSteward',
    summary: "Curates an environment's Stream Catalog and schemas.",
    scopes: ['environment'],
  },
  {
    // Unconfirmed: never seen bound.
    name: 'FlinkAdmin',
    summary: "Manages an environment's Flink compute pools and statements.",
    scopes: ['environment'],
  },
  {
    name: 'FlinkDeveloper',
    summary: 'Runs Flink statements.',
    scopes: ['environment', 'compute-pool'],
  },
  {
    name: 'CloudClusterAdmin',
    summary: 'Everything in one Kafka cluster, granting access included.',
    scopes: ['cloud-cluster'],
  },
  {
    name: 'DeveloperRead',
    summary: 'Reads from topics, consumer groups, subjects and connectors.',
    scopes: [
      'topic',
      'group',
      'transactional-id',
      'subject',
      'kek',
      'connector',
    ],
  },
  {
    name: 'DeveloperWrite',
    summary: 'Writes to topics and subjects, with transactions.',
    scopes: ['topic', 'transactional-id', 'subject'],
  },
  {
    // Resource types inferred from the docs' wording.
    name: 'DeveloperManage',
    summary: 'Creates, deletes and configures topics, groups and subjects.',
    scopes: ['topic', 'group', 'subject'],
  },
  {
    name: 'ResourceOwner',
    summary: 'Full control of one resource, granting access to it included.',
    scopes: ['topic', 'group', 'subject', 'service-account', 'identity-pool'],
  },
  {
    name: 'Assigner',
    summary: 'Runs work, such as Flink statements, as a service account.',
    scopes: ['service-account'],
  },
];

const BY_NAME = new Map(ROLE_CATALOGUE.map((role) => [role.name, role]));

/** The predefined role of that exact name (case counts, as for the service). */
export function findRole(name: string): RoleDefinition | undefined {
  return BY_NAME.get(name);
}

/** Whether a cluster of this type (`spec.config.kind`) takes topic, group and transactional-id bindings. */
export function hasGranularRbac(clusterKind: string): boolean {
  return GRANULAR_RBAC_CLUSTER_KINDS.includes(clusterKind);
}

/**
 * The roles that may be bound at `scope`, in catalogue order; on a cluster
 * without granular RBAC (`clusterKind` Basic) none at a Kafka resource.
 */
export function rolesForScope(
  scope: BindingScope,
  clusterKind?: string,
): RoleDefinition[] {
  if (
    clusterKind !== undefined &&
    KAFKA_RESOURCE_SCOPES.includes(scope) &&
    !hasGranularRbac(clusterKind)
  ) {
    return [];
  }
  return ROLE_CATALOGUE.filter((role) => role.scopes.includes(scope));
}

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)!}`;
}

/**
 * Why Confluent Cloud refuses to bind `roleName` at `crnPattern`, in its
 * own words where they are known ("Role MetricsViewer must be bound at
 * scope organization, but was bound at environment", docs/confluent-api.md
 * §23), or `undefined` when the pair is allowed. `clusterKind` is the type
 * of the Kafka cluster the pattern points into, when known: a Basic
 * cluster refuses bindings on its topics, groups and transactional ids.
 * Checks the catalogue and the CRN's form only, not whether its ids exist.
 */
export function bindingRefusal(
  roleName: string,
  crnPattern: string | Crn,
  options: { clusterKind?: string } = {},
): string | undefined {
  const role = findRole(roleName);
  // The wording of Confluent's role lookup for a name it does not know.
  if (!role) return `Invalid role name : ${roleName}`;
  let crn: Crn;
  if (typeof crnPattern === 'string') {
    const parsed = parseCrn(crnPattern);
    if (!parsed.ok) return `Invalid crn_pattern ${crnPattern}: ${parsed.error}`;
    crn = parsed.crn;
  } else {
    crn = crnPattern;
  }
  const scope = crn.scope;
  if (!(role.scopes as readonly string[]).includes(scope)) {
    return `Role ${role.name} must be bound at scope ${orList(role.scopes)}, but was bound at ${scope}`;
  }
  const { clusterKind } = options;
  if (
    clusterKind !== undefined &&
    KAFKA_RESOURCE_SCOPES.includes(scope as BindingScope) &&
    !hasGranularRbac(clusterKind)
  ) {
    return `Role ${role.name} cannot be bound at scope ${scope} on ${clusterKind} cluster ${crn.cloudCluster ?? crn.kafkaCluster ?? ''}: bindings on topics, groups and transactional ids need a ${orList(GRANULAR_RBAC_CLUSTER_KINDS)} cluster`;
  }
  return undefined;
}
