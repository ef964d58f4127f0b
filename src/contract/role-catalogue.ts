import {
  parseCrn,
  type Crn,
  type CrnResourceType,
  type CrnScope,
} from './crn.ts';

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

/** What a role acts on: a type of resource, or a Kafka cluster itself. */
export type RoleTarget = CrnResourceType | 'cluster';

/**
 * What a role gives on a target, in words the console shows beside the
 * role ("DeveloperWrite — writes"). `metrics only`, `operates` and
 * `reads metadata` give no access to the data itself.
 */
export type RoleEffect =
  | 'full control'
  | 'manages'
  | 'writes'
  | 'reads'
  | 'reads metadata'
  | 'operates'
  | 'uses'
  | 'metrics only';

/** One predefined role. */
export type RoleDefinition = {
  readonly name: string;
  /** What it lets a principal do, in a line. */
  readonly summary: string;
  /** Where a binding of it may point, most general first. */
  readonly scopes: readonly BindingScope[];
  /**
   * What it gives on each target, bound on the target itself or at a scope
   * holding it; a target left out gets nothing from it.
   */
  readonly effects: Readonly<Partial<Record<RoleTarget, RoleEffect>>>;
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

function each(
  targets: readonly RoleTarget[],
  effect: RoleEffect,
): Partial<Record<RoleTarget, RoleEffect>> {
  return Object.fromEntries(targets.map((target) => [target, effect]));
}

/** Every target: what an organization holds. */
export const ROLE_TARGETS: readonly RoleTarget[] = [
  'cluster',
  'topic',
  'group',
  'transactional-id',
  'subject',
  'kek',
  'connector',
  'ksql',
  'compute-pool',
  'service-account',
  'identity-pool',
];

// What a Kafka cluster holds; a Schema Registry (subjects, KEKs) and Flink
// compute pools sit beside it in the environment, not in it, as for
// bindingReach in effective-access.ts.
const IN_CLUSTER: readonly RoleTarget[] = [
  'cluster',
  'topic',
  'group',
  'transactional-id',
  'connector',
  'ksql',
];

// Service accounts and identity pools belong to the organization, not to
// an environment.
const IN_ENVIRONMENT: readonly RoleTarget[] = ROLE_TARGETS.filter(
  (target) => target !== 'service-account' && target !== 'identity-pool',
);

// Scopes as seen bound in Confluent's sources, or documented; where the
// sources only suggest a scope the comment says so (§21 has the evidence).
// Effects follow each role's documented purpose (§21 and the summaries);
// where only the summary suggests one, the comment says so.
export const ROLE_CATALOGUE: readonly RoleDefinition[] = [
  {
    name: 'OrganizationAdmin',
    summary: 'Everything in the organization, granting access included.',
    scopes: ['organization'],
    effects: each(ROLE_TARGETS, 'full control'),
  },
  {
    // Scope inferred: it manages the organization's identities. Nothing on
    // data: changing who holds access is a step away from holding it, and
    // the bindings it would write show up on their own.
    name: 'AccountAdmin',
    summary: 'Users, service accounts, identity pools and their access.',
    scopes: ['organization'],
    effects: each(['service-account', 'identity-pool'], 'manages'),
  },
  {
    // Unconfirmed: named in the docs, never seen bound.
    name: 'BillingAdmin',
    summary: 'Billing and payment details of the organization.',
    scopes: ['organization'],
    effects: {},
  },
  {
    name: 'NetworkAdmin',
    summary: 'Networks, peerings and private links of the organization.',
    scopes: ['organization'],
    effects: {},
  },
  {
    // Cluster scope unconfirmed; organization and environment seen live.
    // The Metrics API's per-topic series are numbers about a topic, not
    // access to it, so topics and the like get nothing. Inferred: metrics
    // of connectors, ksqlDB and compute pools are left out for want of a
    // source.
    name: 'MetricsViewer',
    summary: 'Reads metrics through the Metrics API.',
    scopes: ['organization', 'environment', 'cloud-cluster'],
    effects: { cluster: 'metrics only' },
  },
  {
    // Scopes unconfirmed: the docs name the role without them. Effects
    // inferred from the summary: clusters and connectors, without data.
    name: 'Operator',
    summary: 'Sees and operates clusters and connectors, without their data.',
    scopes: ['organization', 'environment', 'cloud-cluster'],
    effects: each(['cluster', 'connector'], 'operates'),
  },
  {
    name: 'EnvironmentAdmin',
    summary: 'Everything in one environment, granting access included.',
    scopes: ['environment'],
    effects: each(IN_ENVIRONMENT, 'full control'),
  },
  {
    // Decision: the Stream Catalog shows a subject's schema, and a schema
    // is all a subject holds, so DataDiscovery counts on subjects, as
    // reading their metadata. It shows topics as catalogue entries too,
    // but never their messages: nothing on topics.
    name: 'DataDiscovery',
    summary: "Browses an environment's Stream Catalog.",
    scopes: ['environment'],
    effects: { subject: 'reads metadata' },
  },
  {
    // Unconfirmed: never seen bound. KEKs inferred to be outside it: the
    // summary names the catalogue and schemas only.
    name: 'DataSteward',
    summary: "Curates an environment's Stream Catalog and schemas.",
    scopes: ['environment'],
    effects: { subject: 'manages' },
  },
  {
    // Unconfirmed: never seen bound. A statement reads and writes topics
    // with its own principal's bindings, so the role alone gives none.
    name: 'FlinkAdmin',
    summary: "Manages an environment's Flink compute pools and statements.",
    scopes: ['environment'],
    effects: { 'compute-pool': 'manages' },
  },
  {
    // As for FlinkAdmin: topics need bindings of their own.
    name: 'FlinkDeveloper',
    summary: 'Runs Flink statements.',
    scopes: ['environment', 'compute-pool'],
    effects: { 'compute-pool': 'uses' },
  },
  {
    name: 'CloudClusterAdmin',
    summary: 'Everything in one Kafka cluster, granting access included.',
    scopes: ['cloud-cluster'],
    effects: each(IN_CLUSTER, 'full control'),
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
    effects: each(
      ['topic', 'group', 'transactional-id', 'subject', 'kek', 'connector'],
      'reads',
    ),
  },
  {
    name: 'DeveloperWrite',
    summary: 'Writes to topics and subjects, with transactions.',
    scopes: ['topic', 'transactional-id', 'subject'],
    effects: each(['topic', 'transactional-id', 'subject'], 'writes'),
  },
  {
    // Resource types inferred from the docs' wording.
    name: 'DeveloperManage',
    summary: 'Creates, deletes and configures topics, groups and subjects.',
    scopes: ['topic', 'group', 'subject'],
    effects: each(['topic', 'group', 'subject'], 'manages'),
  },
  {
    name: 'ResourceOwner',
    summary: 'Full control of one resource, granting access to it included.',
    scopes: ['topic', 'group', 'subject', 'service-account', 'identity-pool'],
    effects: each(
      ['topic', 'group', 'subject', 'service-account', 'identity-pool'],
      'full control',
    ),
  },
  {
    name: 'Assigner',
    summary: 'Runs work, such as Flink statements, as a service account.',
    scopes: ['service-account'],
    effects: { 'service-account': 'uses' },
  },
];

const BY_NAME = new Map(ROLE_CATALOGUE.map((role) => [role.name, role]));

/** The predefined role of that exact name (case counts, as for the service). */
export function findRole(name: string): RoleDefinition | undefined {
  return BY_NAME.get(name);
}

/** What {@link roleActsOn} answers for a role the catalogue does not know. */
export const UNKNOWN_ROLE = 'unknown role';

/**
 * What `roleName` gives on `target` when bound on it or at a scope holding
 * it (organization, environment, cluster), or `undefined` when it gives
 * nothing there: MetricsViewer on a topic, for one. A role the catalogue
 * does not know answers {@link UNKNOWN_ROLE}, so a caller can keep it on
 * the safe side rather than guess. Whether the scope does hold the target
 * is the caller's question (`bindingReach` in effective-access.ts).
 */
export function roleActsOn(
  roleName: string,
  target: RoleTarget,
): RoleEffect | typeof UNKNOWN_ROLE | undefined {
  const role = findRole(roleName);
  if (!role) return UNKNOWN_ROLE;
  return role.effects[target];
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
