import {
  normalizeCrn,
  parseCrn,
  type Crn,
  type CrnResource,
  type CrnResourceType,
} from './crn.ts';
import { findRole, ROLE_CATALOGUE } from './role-catalogue.ts';
import type { components } from './schema.d.ts';

/**
 * Effective access (issue 18): how a role binding reaches a resource, who
 * reaches a resource among many bindings, and what a token landing in some
 * pools may do. Pure: the console computes it in the browser, from role
 * bindings already fetched, so that no token leaves it.
 */

/** The fields of a role binding the computation reads. */
export type AccessBinding = Pick<
  components['schemas']['RoleBinding'],
  'id' | 'principal' | 'role_name' | 'crn_pattern'
>;

/**
 * How a binding reaches a resource, most specific first: `exact` (the same
 * resource or pattern), `prefix` (a prefix binding whose prefix starts the
 * name), `cluster`, `environment` or `organization` (a binding at a scope
 * holding the resource), and `within`: the question is a prefix or a scope
 * and the binding names only some of what it stands for (`payments-eu`
 * when asked about `payments-*`, a topic when asked about its cluster).
 */
export type ReachKind =
  'exact' | 'prefix' | 'cluster' | 'environment' | 'organization' | 'within';

/** Reach kinds from most to least specific, the order answers come in. */
export const REACH_KINDS: readonly ReachKind[] = [
  'exact',
  'prefix',
  'cluster',
  'environment',
  'organization',
  'within',
];

/** A scope a binding can hold everything inside: the three RBAC levels. */
type ScopeLevel = 'organization' | 'environment' | 'cluster';

/**
 * Where a CRN points, in the terms reach is decided by. `scopes` are the
 * keys of the organization, environment and cluster that hold it, outermost
 * first; `container` is the key of the innermost segment before the
 * resource (a Flink region or identity provider included).
 */
export type AccessPlace = {
  readonly crn: Crn;
  readonly scopes: readonly string[];
  readonly container: string;
  readonly resource?: CrnResource;
};

const SCOPE_LEVELS: readonly ScopeLevel[] = [
  'organization',
  'environment',
  'cluster',
];

/**
 * The place of a CRN (a binding's pattern or a resource), or `undefined`
 * when it does not parse. A cluster is one place however it is written
 * (`…/cloud-cluster=lkc-1`, `…/cloud-cluster=lkc-1/kafka=lkc-1`), and a
 * connector under either is one resource; a Schema Registry counts as the
 * cluster of its subjects, since CLI-written subject CRNs may carry a
 * `cloud-cluster=` before the registry that Terraform's do not.
 */
export function accessPlace(crn: string | Crn): AccessPlace | undefined {
  let parsed: Crn;
  if (typeof crn === 'string') {
    const result = parseCrn(crn);
    if (!result.ok) return undefined;
    parsed = result.crn;
  } else {
    parsed = crn;
  }
  const scopes = [`o=${parsed.organization}`];
  if (parsed.environment !== undefined) {
    scopes.push(`${scopes[0]!}/e=${parsed.environment}`);
    const cluster =
      parsed.schemaRegistry !== undefined
        ? `sr=${parsed.schemaRegistry}`
        : parsed.cloudCluster !== undefined
          ? `c=${parsed.cloudCluster}`
          : parsed.kafkaCluster !== undefined
            ? `c=${parsed.kafkaCluster}`
            : undefined;
    if (cluster !== undefined) scopes.push(`${scopes[1]!}/${cluster}`);
  }
  const outer = scopes.at(-1)!;
  const container =
    parsed.flinkRegion !== undefined
      ? `${outer}/f=${parsed.flinkRegion}`
      : parsed.identityProvider !== undefined
        ? `${outer}/idp=${parsed.identityProvider}`
        : outer;
  return {
    crn: parsed,
    scopes,
    container,
    ...(parsed.resource !== undefined && { resource: parsed.resource }),
  };
}

// The RBAC level a binding without a resource holds, if it is one of the
// three; a binding at a Flink region or identity provider is not.
function scopeLevel(place: AccessPlace): ScopeLevel | undefined {
  if (place.resource !== undefined) return undefined;
  if (place.container !== place.scopes.at(-1)) return undefined;
  return SCOPE_LEVELS[place.scopes.length - 1];
}

function toPlace(crn: string | AccessPlace): AccessPlace | undefined {
  return typeof crn === 'string' ? accessPlace(crn) : crn;
}

// How a resource binding reaches a resource of the same container and type.
function resourceReach(
  binding: CrnResource,
  asked: CrnResource,
): ReachKind | undefined {
  if (binding.isPrefix === asked.isPrefix && binding.name === asked.name) {
    return 'exact';
  }
  if (binding.isPrefix && asked.name.startsWith(binding.name)) return 'prefix';
  if (asked.isPrefix && binding.name.startsWith(asked.name)) return 'within';
  return undefined;
}

// Whether `binding` lies strictly inside the scope or container `asked`
// names (which has no resource).
function isWithin(binding: AccessPlace, asked: AccessPlace): boolean {
  if (binding.container === asked.container) {
    return binding.resource !== undefined;
  }
  return binding.scopes.includes(asked.container);
}

/**
 * How a binding's `crn_pattern` reaches a resource, or `undefined` when it
 * does not (or either does not parse). The resource may be a topic, group,
 * transactional id, subject or other resource, a prefix of one
 * (`…/topic=payments-*`), or a scope. Types never mix: a topic prefix does
 * not reach a group. A cluster binding reaches what is in its Kafka
 * cluster, not the environment's Schema Registry.
 */
export function bindingReach(
  crnPattern: string | AccessPlace,
  resourceCrn: string | AccessPlace,
): ReachKind | undefined {
  const binding = toPlace(crnPattern);
  const asked = toPlace(resourceCrn);
  if (binding === undefined || asked === undefined) return undefined;
  if (binding.resource !== undefined && asked.resource !== undefined) {
    return binding.container === asked.container &&
      binding.resource.type === asked.resource.type
      ? resourceReach(binding.resource, asked.resource)
      : undefined;
  }
  const level = scopeLevel(binding);
  if (level !== undefined && asked.scopes.includes(binding.container)) {
    return level;
  }
  if (asked.resource === undefined) {
    if (level === undefined && binding.resource === undefined) {
      // A Flink region or identity provider: only itself.
      if (binding.container === asked.container) return 'exact';
    }
    if (isWithin(binding, asked)) return 'within';
  }
  return undefined;
}

/** One binding that reaches a resource, and how. */
export type Reach<B extends AccessBinding = AccessBinding> = {
  readonly binding: B;
  readonly kind: ReachKind;
};

// Characters of resource names under one container and type, with the
// bindings that stop at each node.
type TrieNode<B> = {
  readonly children: Map<string, TrieNode<B>>;
  readonly prefixes: B[];
  readonly literals: B[];
};

function trieNode<B>(): TrieNode<B> {
  return { children: new Map(), prefixes: [], literals: [] };
}

/** Bindings arranged so that {@link whoReaches} looks at only those that may reach. */
export type BindingIndex<B extends AccessBinding = AccessBinding> = {
  readonly atScope: Map<string, B[]>;
  /** Bindings at a Flink region or identity provider, by container. */
  readonly atOther: Map<string, B[]>;
  /** Resource bindings by container and type, literal and prefix alike. */
  readonly names: Map<string, TrieNode<B>>;
  /** Every binding strictly inside each scope or container. */
  readonly inside: Map<string, B[]>;
  /** Patterns that do not parse: they reach nothing, but are kept to be shown. */
  readonly unparsed: B[];
  readonly size: number;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function namesKey(container: string, type: CrnResourceType): string {
  return `${container}\u0000${type}`;
}

function insertName<B>(root: TrieNode<B>, resource: CrnResource, value: B) {
  let node = root;
  for (const char of resource.name) {
    let next = node.children.get(char);
    if (!next) {
      next = trieNode();
      node.children.set(char, next);
    }
    node = next;
  }
  (resource.isPrefix ? node.prefixes : node.literals).push(value);
}

// Every container and scope a binding lies strictly inside: the same
// rule as isWithin, turned around.
function enclosing(place: AccessPlace): string[] {
  const keys = place.scopes.filter((scope) => scope !== place.container);
  if (place.resource !== undefined) keys.push(place.container);
  return keys;
}

/** Indexes bindings by scope, container and resource name, once for many {@link whoReaches}. */
export function indexBindings<B extends AccessBinding>(
  bindings: readonly B[],
): BindingIndex<B> {
  return indexPlaces(bindings, (binding) => accessPlace(binding.crn_pattern));
}

// effectiveAccess has parsed every pattern already; parsing is most of the cost.
function indexPlaces<B extends AccessBinding>(
  bindings: readonly B[],
  placeOf: (binding: B, at: number) => AccessPlace | undefined,
): BindingIndex<B> {
  const index: BindingIndex<B> = {
    atScope: new Map(),
    atOther: new Map(),
    names: new Map(),
    inside: new Map(),
    unparsed: [],
    size: bindings.length,
  };
  for (const [at, binding] of bindings.entries()) {
    const place = placeOf(binding, at);
    if (place === undefined) {
      index.unparsed.push(binding);
      continue;
    }
    for (const key of enclosing(place)) push(index.inside, key, binding);
    if (place.resource !== undefined) {
      const key = namesKey(place.container, place.resource.type);
      let root = index.names.get(key);
      if (!root) {
        root = trieNode();
        index.names.set(key, root);
      }
      insertName(root, place.resource, binding);
    } else if (scopeLevel(place) !== undefined) {
      push(index.atScope, place.container, binding);
    } else {
      push(index.atOther, place.container, binding);
    }
  }
  return index;
}

function collectSubtree<B>(node: TrieNode<B>, into: B[]): void {
  into.push(...node.literals, ...node.prefixes);
  for (const child of node.children.values()) collectSubtree(child, into);
}

// Bindings on names of the asked resource's type and container, by kind;
// prefixes come out longest first.
function nameReaches<B extends AccessBinding>(
  root: TrieNode<B> | undefined,
  asked: CrnResource,
): Reach<B>[] {
  if (!root) return [];
  const prefixes: B[][] = [];
  let node: TrieNode<B> | undefined = root;
  let depth = 0;
  const chars = [...asked.name];
  while (node && depth < chars.length) {
    prefixes.push(node.prefixes);
    node = node.children.get(chars[depth]!);
    depth += 1;
  }
  const reaches: Reach<B>[] = [];
  const add = (list: readonly B[], kind: ReachKind) => {
    for (const binding of list) reaches.push({ binding, kind });
  };
  if (node) add(asked.isPrefix ? node.prefixes : node.literals, 'exact');
  if (node && !asked.isPrefix) prefixes.push(node.prefixes);
  for (let at = prefixes.length - 1; at >= 0; at -= 1) {
    add(prefixes[at]!, 'prefix');
  }
  if (node && asked.isPrefix) {
    const inside: B[] = [...node.literals];
    for (const child of node.children.values()) collectSubtree(child, inside);
    add(inside, 'within');
  }
  return reaches;
}

/** What {@link whoReaches} leaves out on request. */
export type WhoReachesOptions = {
  /** Leave out `within` answers: only bindings that reach all of it. */
  readonly excludeWithin?: boolean;
};

/**
 * Every indexed binding that reaches the resource, with how, most specific
 * first: exact, prefix (longer prefix first), cluster, environment,
 * organization, then `within`. A binding at a scope asked about that very
 * scope answers with its level (`cluster`), not `exact`. A resource CRN
 * that does not parse is reached by nothing.
 */
export function whoReaches<B extends AccessBinding>(
  index: BindingIndex<B>,
  resourceCrn: string | AccessPlace,
  options: WhoReachesOptions = {},
): Reach<B>[] {
  const asked = toPlace(resourceCrn);
  if (asked === undefined) return [];
  const reaches: Reach<B>[] = [];
  if (asked.resource !== undefined) {
    const root = index.names.get(
      namesKey(asked.container, asked.resource.type),
    );
    for (const reach of nameReaches(root, asked.resource)) {
      if (reach.kind !== 'within' || !options.excludeWithin) {
        reaches.push(reach);
      }
    }
  } else {
    for (const binding of index.atOther.get(asked.container) ?? []) {
      reaches.push({ binding, kind: 'exact' });
    }
  }
  // Inner scopes first: a cluster binding is more specific than an environment one.
  for (let at = asked.scopes.length - 1; at >= 0; at -= 1) {
    const kind = SCOPE_LEVELS[at]!;
    for (const binding of index.atScope.get(asked.scopes[at]!) ?? []) {
      reaches.push({ binding, kind });
    }
  }
  if (asked.resource === undefined && !options.excludeWithin) {
    for (const binding of index.inside.get(asked.container) ?? []) {
      reaches.push({ binding, kind: 'within' });
    }
  }
  // Resource reaches came first; the `within` of a prefix question goes last.
  return asked.resource?.isPrefix ? moveWithinLast(reaches) : reaches;
}

function moveWithinLast<B extends AccessBinding>(
  reaches: Reach<B>[],
): Reach<B>[] {
  return [
    ...reaches.filter((reach) => reach.kind !== 'within'),
    ...reaches.filter((reach) => reach.kind === 'within'),
  ];
}

// ---------------------------------------------------------------------------
// Token → access

/** A binding of a pool a token lands in. */
export type PoolBinding = {
  readonly poolId: string;
  readonly binding: AccessBinding;
};

/** What an entry of the summary applies to, said explicitly. */
export type AccessScope =
  | { readonly kind: 'organization'; readonly organization: string }
  | {
      readonly kind: 'environment';
      readonly organization: string;
      readonly environment: string;
    }
  | {
      readonly kind: 'cluster';
      readonly organization: string;
      readonly environment: string;
      /** A Kafka cluster (`lkc-…`) or a Schema Registry (`lsrc-…`). */
      readonly clusterType: 'kafka' | 'schema-registry';
      readonly cluster: string;
    }
  | {
      readonly kind: 'resources';
      readonly organization: string;
      readonly environment?: string;
      readonly clusterType?: 'kafka' | 'schema-registry';
      readonly cluster?: string;
      /** A Flink region or identity provider holding the resource. */
      readonly container?: { readonly type: string; readonly id: string };
      readonly resourceType: CrnResourceType;
      /** Without the `*`; empty with `isPrefix` for every resource of the type. */
      readonly name: string;
      readonly isPrefix: boolean;
    }
  /** A Flink region or identity provider itself, or a pattern that does not parse. */
  | { readonly kind: 'other'; readonly crnPattern: string };

/** A broader entry of the same role that covers a narrower one. */
export type Coverage = {
  readonly crnPattern: string;
  readonly description: string;
  readonly reach: ReachKind;
};

/** One role at one scope, however many pools and bindings give it. */
export type AccessEntry = {
  readonly role: string;
  /** Whether the role is in the catalogue; unknown roles are kept. */
  readonly knownRole: boolean;
  readonly scope: AccessScope;
  /** The pattern of the first binding giving it, `%3A` read as `:`. */
  readonly crnPattern: string;
  /** e.g. `DeveloperWrite on topics "payments-*" in cluster lkc-1 (environment env-1)`. */
  readonly description: string;
  /** The pools giving it, in the order first met. */
  readonly pools: readonly string[];
  readonly bindingIds: readonly string[];
  /**
   * Broader entries of the same role that already give all of it, most
   * specific first; empty when nothing does. Kept so the summary can show
   * it as inherited rather than drop it.
   */
  readonly coveredBy: readonly Coverage[];
};

/** Display names by id (`lkc-…`, `env-…`), shown beside the id. */
export type AccessNames = ReadonlyMap<string, string>;

const TYPE_PLURALS: Readonly<Record<CrnResourceType, [string, string]>> = {
  topic: ['topic', 'topics'],
  group: ['consumer group', 'consumer groups'],
  'transactional-id': ['transactional id', 'transactional ids'],
  subject: ['subject', 'subjects'],
  kek: ['KEK', 'KEKs'],
  connector: ['connector', 'connectors'],
  ksql: ['ksqlDB cluster', 'ksqlDB clusters'],
  'compute-pool': ['compute pool', 'compute pools'],
  'service-account': ['service account', 'service accounts'],
  'identity-pool': ['identity pool', 'identity pools'],
};

function named(id: string, names: AccessNames | undefined): string {
  const name = names?.get(id);
  return name !== undefined && name !== id ? `${name} (${id})` : id;
}

function scopeOf(place: AccessPlace | undefined, pattern: string): AccessScope {
  if (place === undefined) return { kind: 'other', crnPattern: pattern };
  const { crn } = place;
  const level = scopeLevel(place);
  const clusterType =
    crn.schemaRegistry !== undefined ? 'schema-registry' : 'kafka';
  const cluster = crn.schemaRegistry ?? crn.cloudCluster ?? crn.kafkaCluster;
  if (level === 'organization') {
    return { kind: 'organization', organization: crn.organization };
  }
  if (level === 'environment') {
    return {
      kind: 'environment',
      organization: crn.organization,
      environment: crn.environment!,
    };
  }
  if (level === 'cluster') {
    return {
      kind: 'cluster',
      organization: crn.organization,
      environment: crn.environment!,
      clusterType,
      cluster: cluster!,
    };
  }
  if (place.resource === undefined) {
    return { kind: 'other', crnPattern: pattern };
  }
  const container =
    crn.flinkRegion !== undefined
      ? { type: 'flink-region', id: crn.flinkRegion }
      : crn.identityProvider !== undefined
        ? { type: 'identity-provider', id: crn.identityProvider }
        : undefined;
  return {
    kind: 'resources',
    organization: crn.organization,
    ...(crn.environment !== undefined && { environment: crn.environment }),
    ...(cluster !== undefined && { clusterType, cluster }),
    ...(container !== undefined && { container }),
    resourceType: place.resource.type,
    name: place.resource.name,
    isPrefix: place.resource.isPrefix,
  };
}

function whereText(scope: AccessScope, names: AccessNames | undefined) {
  if (scope.kind !== 'resources') return '';
  const environment =
    scope.environment !== undefined
      ? ` (environment ${named(scope.environment, names)})`
      : '';
  if (scope.cluster !== undefined) {
    const what =
      scope.clusterType === 'schema-registry' ? 'Schema Registry' : 'cluster';
    return ` in ${what} ${named(scope.cluster, names)}${environment}`;
  }
  if (scope.container?.type === 'flink-region') {
    return ` in Flink region ${scope.container.id}${environment}`;
  }
  if (scope.container?.type === 'identity-provider') {
    return ` of identity provider ${named(scope.container.id, names)}`;
  }
  return environment === ''
    ? ' in the organization'
    : ` in environment ${named(scope.environment!, names)}`;
}

/** The scope as a phrase, e.g. `topics "payments-*" in cluster lkc-1 (environment env-1)`. */
export function describeScope(scope: AccessScope, names?: AccessNames): string {
  switch (scope.kind) {
    case 'organization':
      return `organization ${named(scope.organization, names)}`;
    case 'environment':
      return `environment ${named(scope.environment, names)}`;
    case 'cluster':
      return `${scope.clusterType === 'schema-registry' ? 'Schema Registry' : 'cluster'} ${named(scope.cluster, names)} (environment ${named(scope.environment, names)})`;
    case 'other':
      return scope.crnPattern;
    case 'resources': {
      const [one, many] = TYPE_PLURALS[scope.resourceType];
      const what = !scope.isPrefix
        ? `${one} "${scope.name}"`
        : scope.name === ''
          ? `every ${one}`
          : `${many} "${scope.name}*"`;
      return `${what}${whereText(scope, names)}`;
    }
  }
}

/**
 * What a binding at a scope also holds, said explicitly for the summary,
 * e.g. `every cluster, Schema Registry and resource in environment prod`;
 * `undefined` for a binding on resources, which holds only those.
 */
export function inheritedBy(
  scope: AccessScope,
  names?: AccessNames,
): string | undefined {
  switch (scope.kind) {
    case 'organization':
      return 'every environment, cluster and resource of the organization';
    case 'environment':
      return `every cluster, Schema Registry and resource in environment ${named(scope.environment, names)}`;
    case 'cluster':
      return scope.clusterType === 'schema-registry'
        ? `every subject of Schema Registry ${named(scope.cluster, names)}`
        : `every topic, consumer group, transactional id and connector of cluster ${named(scope.cluster, names)}`;
    default:
      return undefined;
  }
}

const ROLE_RANKS = new Map(ROLE_CATALOGUE.map((role, at) => [role.name, at]));

// Catalogue order, then unknown roles by name: broad roles lead the summary.
function roleRank(role: string): number {
  return ROLE_RANKS.get(role) ?? ROLE_CATALOGUE.length;
}

const SCOPE_RANK: Readonly<Record<AccessScope['kind'], number>> = {
  organization: 0,
  environment: 1,
  cluster: 2,
  resources: 3,
  other: 4,
};

type Draft = {
  role: string;
  place: AccessPlace | undefined;
  crnPattern: string;
  pools: Set<string>;
  bindingIds: Set<string>;
};

// One key per role and place: `%3A` and `:` alike, and a cluster or
// connector however its CRN is written.
function draftKey(
  role: string,
  place: AccessPlace | undefined,
  pattern: string,
) {
  if (place === undefined) return `${role}\u0000?${pattern}`;
  const resource = place.resource
    ? `\u0000${place.resource.type}=${place.resource.name}${place.resource.isPrefix ? '*' : ''}`
    : '';
  return `${role}\u0000${place.container}${resource}`;
}

function draftsOf(bindingsOfPools: readonly PoolBinding[]): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const { poolId, binding } of bindingsOfPools) {
    const crnPattern = normalizeCrn(binding.crn_pattern);
    const place = accessPlace(crnPattern);
    const key = draftKey(binding.role_name, place, crnPattern);
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        role: binding.role_name,
        place,
        crnPattern,
        pools: new Set(),
        bindingIds: new Set(),
      };
      drafts.set(key, draft);
    }
    draft.pools.add(poolId);
    draft.bindingIds.add(binding.id);
  }
  return [...drafts.values()];
}

/**
 * Everything a token may do, from the bindings of the pools it lands in:
 * one entry per role and scope however many pools give it, ordered by role
 * (catalogue order, unknown roles last) and then from broad to narrow.
 * An entry a broader one of the same role already gives says so in
 * `coveredBy`. Roles are compared by name only: OrganizationAdmin does not
 * mark an EnvironmentAdmin entry as covered.
 */
export function effectiveAccess(
  bindingsOfPools: readonly PoolBinding[],
  names?: AccessNames,
): AccessEntry[] {
  const drafts = draftsOf(bindingsOfPools);
  const stand = drafts.map((draft, at) => ({
    id: String(at),
    principal: '',
    role_name: draft.role,
    crn_pattern: draft.crnPattern,
  }));
  const index = indexPlaces(stand, (_, at) => drafts[at]!.place);
  const entries = drafts.map((draft) => {
    const scope = scopeOf(draft.place, draft.crnPattern);
    const description = `${draft.role} on ${describeScope(scope, names)}`;
    return { draft, scope, description };
  });
  const result = entries.map(({ draft, scope, description }, at) => {
    const coveredBy: Coverage[] =
      draft.place === undefined
        ? []
        : whoReaches(index, draft.place, { excludeWithin: true })
            .filter(
              (reach) =>
                reach.binding.id !== String(at) &&
                reach.binding.role_name === draft.role &&
                reach.kind !== 'exact',
            )
            .map((reach) => {
              const broader = entries[Number(reach.binding.id)]!;
              return {
                crnPattern: broader.draft.crnPattern,
                description: broader.description,
                reach: reach.kind,
              };
            });
    return {
      role: draft.role,
      knownRole: findRole(draft.role) !== undefined,
      scope,
      crnPattern: draft.crnPattern,
      description,
      pools: [...draft.pools],
      bindingIds: [...draft.bindingIds],
      coveredBy,
    } satisfies AccessEntry;
  });
  return result.sort(compareEntries);
}

function compareEntries(a: AccessEntry, b: AccessEntry): number {
  return (
    roleRank(a.role) - roleRank(b.role) ||
    (a.role < b.role ? -1 : a.role > b.role ? 1 : 0) ||
    SCOPE_RANK[a.scope.kind] - SCOPE_RANK[b.scope.kind] ||
    (a.crnPattern < b.crnPattern ? -1 : a.crnPattern > b.crnPattern ? 1 : 0)
  );
}
