import {
  parseCrn,
  type Crn,
  type CrnResourceType,
  type CrnScope,
} from '#contract/crn.ts';
import type { Cluster, Environment, RoleBinding } from './api/access.ts';

/** How a resource type reads in a sentence: one of them, and several. */
export const RESOURCE_TYPE_LABELS: Record<
  CrnResourceType,
  { one: string; many: string }
> = {
  topic: { one: 'Topic', many: 'topics' },
  group: { one: 'Consumer group', many: 'consumer groups' },
  'transactional-id': { one: 'Transactional id', many: 'transactional ids' },
  subject: { one: 'Schema subject', many: 'schema subjects' },
  kek: { one: 'KEK', many: 'KEKs' },
  connector: { one: 'Connector', many: 'connectors' },
  ksql: { one: 'ksqlDB cluster', many: 'ksqlDB clusters' },
  'compute-pool': { one: 'Flink compute pool', many: 'Flink compute pools' },
  'service-account': { one: 'Service account', many: 'service accounts' },
  'identity-pool': { one: 'Identity pool', many: 'identity pools' },
};

// A binding with no resource applies to its whole scope.
const SCOPE_LABELS: Partial<Record<CrnScope, string>> = {
  organization: 'The whole organization',
  environment: 'The whole environment',
  'cloud-cluster': 'The whole Kafka cluster',
  'kafka-cluster': 'The whole Kafka cluster',
  'identity-provider': 'The whole identity provider',
};

/** Whether a binding names one resource, every resource with a prefix, or a whole scope. */
export type BindingMatch = 'literal' | 'prefix' | 'scope';

export const MATCH_LABELS: Record<BindingMatch, string> = {
  literal: 'Literal',
  prefix: 'Prefix',
  scope: 'Whole scope',
};

/** One binding as the Access tab shows it. */
export type BindingView = {
  binding: RoleBinding;
  /** Undefined when Confluent sent a pattern the console cannot read. */
  crn: Crn | undefined;
  /** The resource type, or the scope for a binding without one ("Topic", "The whole environment"). */
  resourceType: string;
  /** The resource's name, with `*` after a prefix; empty for a whole scope. */
  resourceName: string;
  match: BindingMatch;
};

export type ClusterGroup = {
  id: string;
  name: string | undefined;
  /** `spec.config.kind` (Basic, Standard…), when the directory has the cluster. */
  kind: string | undefined;
  bindings: BindingView[];
};

export type EnvironmentGroup = {
  id: string;
  name: string | undefined;
  /** Bindings on the environment and on what sits in it outside a Kafka cluster (subjects, compute pools). */
  bindings: BindingView[];
  clusters: ClusterGroup[];
};

/** A pool's bindings, environment → cluster → resource. */
export type BindingGroups = {
  /** Bindings at the organization and on what sits in it outside an environment. */
  organization: BindingView[];
  environments: EnvironmentGroup[];
  /** Patterns that do not parse, shown as sent. */
  unreadable: BindingView[];
  count: number;
};

/** The directory the groups take names from; either list may be missing. */
export type DirectoryNames = {
  environments?: readonly Pick<Environment, 'id' | 'display_name'>[];
  clusters?: readonly Pick<Cluster, 'id' | 'spec'>[];
};

/** How one binding reads: its resource's type and name, literal or prefix. */
export function viewBinding(binding: RoleBinding): BindingView {
  const parsed = parseCrn(binding.crn_pattern);
  if (!parsed.ok) {
    return {
      binding,
      crn: undefined,
      resourceType: 'Unrecognised pattern',
      resourceName: binding.crn_pattern,
      match: 'literal',
    };
  }
  const { crn } = parsed;
  const { resource } = crn;
  if (resource) {
    return {
      binding,
      crn,
      resourceType: RESOURCE_TYPE_LABELS[resource.type].one,
      resourceName: `${resource.name}${resource.isPrefix ? '*' : ''}`,
      match: resource.isPrefix ? 'prefix' : 'literal',
    };
  }
  const last = crn.segments.at(-1);
  return {
    binding,
    crn,
    resourceType:
      SCOPE_LABELS[crn.scope] ??
      // Schema Registry, Flink region: named by their id.
      `The whole ${last?.key ?? crn.scope}`,
    resourceName:
      crn.scope === 'schema-registry' || crn.scope === 'flink-region'
        ? (last?.value ?? '')
        : '',
    match: 'scope',
  };
}

/**
 * What a binding grants, as a phrase: "topics starting with “orders.”",
 * "topic “orders”", "every topic", "the whole environment".
 */
export function describeTarget(view: BindingView): string {
  const resource = view.crn?.resource;
  if (!resource) {
    const name = view.resourceName ? ` ${view.resourceName}` : '';
    return `${view.resourceType.charAt(0).toLowerCase()}${view.resourceType.slice(1)}${name}`;
  }
  const label = RESOURCE_TYPE_LABELS[resource.type];
  if (!resource.isPrefix)
    return `${label.one.toLowerCase()} “${resource.name}”`;
  return resource.name === ''
    ? `every ${label.one.toLowerCase()}`
    : `${label.many} starting with “${resource.name}”`;
}

/** "orders-prod (lkc-1)", or the id alone when the name is not known. */
export function named(id: string, name: string | undefined): string {
  return name ? `${name} (${id})` : id;
}

/**
 * Where a binding sits, for a sentence: "in cluster orders-prod (lkc-1) of
 * environment production (env-1)"; empty for an organization-level one.
 */
export function describePlace(
  view: BindingView,
  names: DirectoryNames,
): string {
  const crn = view.crn;
  if (!crn?.environment) return crn ? 'in the organization' : '';
  const environment = names.environments?.find(
    (each) => each.id === crn.environment,
  );
  const inEnvironment = `environment ${named(crn.environment, environment?.display_name)}`;
  const clusterId = crn.cloudCluster ?? crn.kafkaCluster;
  if (!clusterId) return `in ${inEnvironment}`;
  const cluster = names.clusters?.find((each) => each.id === clusterId);
  return `in cluster ${named(clusterId, cluster?.spec.display_name)} of ${inEnvironment}`;
}

function byText(a: string | undefined, b: string | undefined): number {
  return (a ?? '').localeCompare(b ?? '');
}

// Resource before scope, then type, name and role, so a table reads steadily.
function byBinding(a: BindingView, b: BindingView): number {
  return (
    byText(a.match === 'scope' ? '0' : '1', b.match === 'scope' ? '0' : '1') ||
    byText(a.resourceType, b.resourceType) ||
    byText(a.resourceName, b.resourceName) ||
    byText(a.binding.role_name, b.binding.role_name)
  );
}

/**
 * Groups a pool's bindings environment → cluster → resource, with the
 * environments' and clusters' names from the directory where it has them
 * (ids alone otherwise). Bindings above every environment go to
 * `organization`; a pattern that does not parse to `unreadable`.
 */
export function groupBindings(
  bindings: readonly RoleBinding[],
  names: DirectoryNames = {},
): BindingGroups {
  const organization: BindingView[] = [];
  const unreadable: BindingView[] = [];
  const environments = new Map<string, EnvironmentGroup>();
  const environmentOf = (id: string): EnvironmentGroup => {
    let group = environments.get(id);
    if (!group) {
      group = {
        id,
        name: names.environments?.find((each) => each.id === id)?.display_name,
        bindings: [],
        clusters: [],
      };
      environments.set(id, group);
    }
    return group;
  };
  for (const binding of bindings) {
    const view = viewBinding(binding);
    const crn = view.crn;
    if (!crn) {
      unreadable.push(view);
      continue;
    }
    if (!crn.environment) {
      organization.push(view);
      continue;
    }
    const environment = environmentOf(crn.environment);
    const clusterId = crn.cloudCluster ?? crn.kafkaCluster;
    if (!clusterId) {
      environment.bindings.push(view);
      continue;
    }
    let cluster = environment.clusters.find((each) => each.id === clusterId);
    if (!cluster) {
      const known = names.clusters?.find((each) => each.id === clusterId);
      cluster = {
        id: clusterId,
        name: known?.spec.display_name,
        kind: known?.spec.config.kind,
        bindings: [],
      };
      environment.clusters.push(cluster);
    }
    cluster.bindings.push(view);
  }
  const sortedEnvironments = [...environments.values()]
    .sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id))
    .map((environment) => {
      environment.bindings.sort(byBinding);
      environment.clusters.sort((a, b) =>
        byText(a.name ?? a.id, b.name ?? b.id),
      );
      for (const cluster of environment.clusters)
        cluster.bindings.sort(byBinding);
      return environment;
    });
  return {
    organization: organization.sort(byBinding),
    environments: sortedEnvironments,
    unreadable,
    count: bindings.length,
  };
}
