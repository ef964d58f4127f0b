/**
 * Confluent Resource Names as role bindings use them (`crn_pattern`):
 * `crn://confluent.cloud/` and then `key=value` segments from the
 * organization down to a resource, e.g.
 * `crn://confluent.cloud/organization=<uuid>/environment=env-1/cloud-cluster=lkc-1/kafka=lkc-1/topic=orders*`.
 * The grammar is docs/confluent-api.md §20. Pure: the console's Access tab
 * and the emulator both use it.
 */

/** What every CRN starts with. */
export const CRN_ROOT = 'crn://confluent.cloud/';

/** Resource types a binding can name below its scope, as the CRN writes them. */
export const CRN_RESOURCE_TYPES = [
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
] as const;
export type CrnResourceType = (typeof CRN_RESOURCE_TYPES)[number];

/** The segments that hold resources: the scopes a CRN can stop at. */
export const CRN_CONTAINER_KEYS = [
  'organization',
  'environment',
  'cloud-cluster',
  'schema-registry',
  'kafka',
  'flink-region',
  'identity-provider',
] as const;
export type CrnContainerKey = (typeof CRN_CONTAINER_KEYS)[number];

/**
 * The level a CRN names: the last segment's key, except that a CRN ending
 * in `/kafka=lkc-…` (a cluster's own `resource_name`) is `kafka-cluster`,
 * and `transactionalid` (the Confluent CLI's spelling) is
 * `transactional-id`.
 */
export type CrnScope =
  Exclude<CrnContainerKey, 'kafka'> | 'kafka-cluster' | CrnResourceType;

/** Resource types whose name may end in `*`, making the binding a prefix. */
export const PREFIXABLE_RESOURCE_TYPES: readonly CrnResourceType[] = [
  'topic',
  'group',
  'transactional-id',
  'subject',
  'kek',
  'connector',
];

/** One `key=value` segment, as written (but with `%3A` read as `:`). */
export type CrnSegment = { readonly key: string; readonly value: string };

/** The resource at the end of a CRN. */
export type CrnResource = {
  readonly type: CrnResourceType;
  /** Without the trailing `*` of a prefix; empty for `subject=*` (every subject). */
  readonly name: string;
  /** A prefix binding (`topic=abc*`) rather than a literal one (`topic=abc`). */
  readonly isPrefix: boolean;
};

/** A parsed CRN: each scope's id, the resource if any, and the level it names. */
export type Crn = {
  readonly segments: readonly CrnSegment[];
  readonly organization: string;
  readonly environment?: string;
  readonly cloudCluster?: string;
  readonly schemaRegistry?: string;
  readonly kafkaCluster?: string;
  readonly flinkRegion?: string;
  readonly identityProvider?: string;
  readonly resource?: CrnResource;
  readonly scope: CrnScope;
};

export type CrnParseResult =
  | { readonly ok: true; readonly crn: Crn }
  | { readonly ok: false; readonly error: string };

// Which segment may come right before each key: the nesting Confluent's
// CRNs follow (docs/confluent-api.md §20). `schema-registry` may follow
// `cloud-cluster` because the CLI writes both when given both flags.
const PARENTS: Readonly<Record<string, readonly string[]>> = {
  environment: ['organization'],
  'identity-provider': ['organization'],
  'cloud-cluster': ['environment'],
  'schema-registry': ['environment', 'cloud-cluster'],
  kafka: ['cloud-cluster'],
  'flink-region': ['environment'],
  topic: ['kafka'],
  group: ['kafka'],
  'transactional-id': ['kafka'],
  subject: ['schema-registry'],
  kek: ['schema-registry'],
  connector: ['cloud-cluster', 'kafka'],
  ksql: ['cloud-cluster'],
  'compute-pool': ['flink-region'],
  'service-account': ['organization'],
  'identity-pool': ['identity-provider'],
};

// The CLI writes `--resource TransactionalId:x` as `transactionalid=x`;
// Terraform's docs write `transactional-id=x` (docs/confluent-api.md §20).
const KEY_ALIASES: Readonly<Record<string, string>> = {
  transactionalid: 'transactional-id',
};

function isResourceType(key: string): key is CrnResourceType {
  return (CRN_RESOURCE_TYPES as readonly string[]).includes(key);
}

/**
 * The CRN with every `%3A` read as `:`. The service was seen echoing a `:`
 * in a subject name as `%3A`, and Terraform compares CRNs unescaped; other
 * escapes stay, since decoding `%2F` would change the segments.
 */
export function normalizeCrn(text: string): string {
  return text.replace(/%3a/gi, ':');
}

function fail(error: string): CrnParseResult {
  return { ok: false, error };
}

// Why `key` (written `written`) cannot come after `previous`, if it cannot.
function nestingError(
  written: string,
  key: string,
  previous: string | undefined,
): string | undefined {
  if (key === 'organization') {
    return previous === undefined
      ? undefined
      : 'organization must be the first segment';
  }
  const parents = PARENTS[key];
  if (parents === undefined) return `unknown segment "${written}"`;
  if (previous !== undefined && parents.includes(previous)) return undefined;
  return `${written} cannot follow ${previous ?? 'the CRN root'}; it belongs under ${parents.join(' or ')}`;
}

// One `key=value` off the front of `rest`, and what is left after it; a
// resource's value is all that is left.
function nextSegment(
  rest: string,
): { written: string; value: string; rest: string } | string {
  const equals = rest.indexOf('=');
  const slash = rest.indexOf('/');
  if (equals === -1 || (slash !== -1 && slash < equals)) {
    return `"${slash === -1 ? rest : rest.slice(0, slash)}" is not a key=value segment`;
  }
  const written = rest.slice(0, equals);
  const end = isResourceType(KEY_ALIASES[written] ?? written)
    ? -1
    : rest.indexOf('/', equals);
  if (end === -1) {
    return { written, value: rest.slice(equals + 1), rest: '' };
  }
  if (end === rest.length - 1) return 'a CRN does not end in /';
  return {
    written,
    value: rest.slice(equals + 1, end),
    rest: rest.slice(end + 1),
  };
}

/**
 * Parses a role binding's `crn_pattern` (not a list query: see
 * {@link splitCrnQuery} for the trailing `/*`). Segments must nest as
 * Confluent writes them; a resource's name runs to the end of the text, so
 * it may hold `/` or `=`; only a resource of {@link PREFIXABLE_RESOURCE_TYPES}
 * may end in `*`, and `*` appears nowhere else.
 */
export function parseCrn(text: string): CrnParseResult {
  const normalized = normalizeCrn(text);
  if (!normalized.startsWith(CRN_ROOT)) {
    return fail(`a CRN starts with ${CRN_ROOT}`);
  }
  let rest = normalized.slice(CRN_ROOT.length);
  const segments: CrnSegment[] = [];
  let lastKey: string | undefined;
  const ids: Partial<Record<string, string>> = {};
  let resource: CrnResource | undefined;
  while (rest !== '') {
    const segment = nextSegment(rest);
    if (typeof segment === 'string') return fail(segment);
    const { written, value } = segment;
    const key = KEY_ALIASES[written] ?? written;
    const misplaced = nestingError(written, key, lastKey);
    if (misplaced) return fail(misplaced);
    const isPrefix = value.endsWith('*');
    const name = isPrefix ? value.slice(0, -1) : value;
    if (name.includes('*')) {
      return fail(`${written}=${value}: * may only end a resource name`);
    }
    if (isResourceType(key)) {
      if (isPrefix && !PREFIXABLE_RESOURCE_TYPES.includes(key)) {
        return fail(`${written}=${value}: a ${key} cannot be a prefix`);
      }
      if (name === '' && !isPrefix) return fail(`${written} has no name`);
      resource = { type: key, name, isPrefix };
    } else {
      if (isPrefix) {
        return fail(`${written}=${value}: only a resource can be a prefix`);
      }
      if (value === '') return fail(`${written} has no value`);
      ids[key] = value;
    }
    segments.push({ key: written, value });
    lastKey = key;
    rest = segment.rest;
  }
  const organization = ids.organization;
  if (organization === undefined) return fail('the organization is missing');
  const crn: Crn = {
    segments,
    organization,
    ...(ids.environment !== undefined && { environment: ids.environment }),
    ...(ids['cloud-cluster'] !== undefined && {
      cloudCluster: ids['cloud-cluster'],
    }),
    ...(ids['schema-registry'] !== undefined && {
      schemaRegistry: ids['schema-registry'],
    }),
    ...(ids.kafka !== undefined && { kafkaCluster: ids.kafka }),
    ...(ids['flink-region'] !== undefined && {
      flinkRegion: ids['flink-region'],
    }),
    ...(ids['identity-provider'] !== undefined && {
      identityProvider: ids['identity-provider'],
    }),
    ...(resource !== undefined && { resource }),
    scope: lastKey === 'kafka' ? 'kafka-cluster' : (lastKey as CrnScope),
  };
  return { ok: true, crn };
}

/** What {@link buildCrn} writes; every id is written as given. */
export type CrnParts = {
  organization: string;
  environment?: string;
  cloudCluster?: string;
  schemaRegistry?: string;
  /** For topics, groups and transactional ids: the cluster's id again. */
  kafkaCluster?: string;
  flinkRegion?: string;
  identityProvider?: string;
  resource?: { type: CrnResourceType; name: string; isPrefix?: boolean };
};

/**
 * A CRN from its parts, in the segment order the Confluent CLI writes:
 * organization, environment, cloud-cluster, schema-registry, kafka,
 * flink-region, then the resource (`*` appended for a prefix). A topic
 * needs both `cloudCluster` and `kafkaCluster` (the same `lkc-…`); a
 * cluster-level role takes `cloudCluster` alone. It checks nothing:
 * {@link parseCrn} the result to validate it.
 */
export function buildCrn(parts: CrnParts): string {
  const segments: [string, string | undefined][] = [
    ['organization', parts.organization],
    ['identity-provider', parts.identityProvider],
    ['environment', parts.environment],
    ['cloud-cluster', parts.cloudCluster],
    ['schema-registry', parts.schemaRegistry],
    ['kafka', parts.kafkaCluster],
    ['flink-region', parts.flinkRegion],
  ];
  const { resource } = parts;
  if (resource) {
    segments.push([
      resource.type,
      `${resource.name}${resource.isPrefix ? '*' : ''}`,
    ]);
  }
  return `${CRN_ROOT}${segments
    .filter((segment): segment is [string, string] => segment[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join('/')}`;
}

/**
 * The CRN role bindings on a Kafka cluster use (its
 * `metadata.resource_name` without the trailing `/kafka=lkc-…`, as
 * Terraform computes it), or `undefined` when the name does not end so.
 */
export function cloudClusterCrn(
  clusterResourceName: string,
): string | undefined {
  const match = /^(.*\/cloud-cluster=([^/]+))\/kafka=\2$/.exec(
    clusterResourceName,
  );
  return match?.[1];
}

/** A list query split into the pattern it is about and whether it is inclusive. */
export type CrnQuery = { readonly base: string; readonly isInclusive: boolean };

/**
 * Reads a `crn_pattern` query: ending in `/*` it is inclusive (that scope
 * and every scope below it, the scope itself included); otherwise it is
 * exact. A `*` without the slash belongs to a prefix binding's own
 * pattern, so `…/topic=abc*` is an exact query.
 */
export function splitCrnQuery(query: string): CrnQuery {
  const normalized = normalizeCrn(query);
  return normalized.endsWith('/*')
    ? { base: normalized.slice(0, -2), isInclusive: true }
    : { base: normalized, isInclusive: false };
}

/** The inclusive query for everything at and below `crn`, e.g. a whole organization. */
export function inclusiveCrnQuery(crn: string): string {
  return `${crn}/*`;
}

/**
 * Whether a role-binding list with `crn_pattern=query` returns a binding
 * whose pattern is `bindingPattern` (docs/confluent-api.md §19.2): an
 * inclusive query matches its base and every pattern below it, an exact
 * query only the same pattern. `%3A` and `:` count alike; nothing else is
 * a wildcard, so `…/topic=abc*` finds the prefix binding `…/topic=abc*`
 * and not `…/topic=abcd`.
 */
export function crnQueryMatches(
  query: string,
  bindingPattern: string,
): boolean {
  const { base, isInclusive } = splitCrnQuery(query);
  const pattern = normalizeCrn(bindingPattern);
  return isInclusive
    ? pattern === base || pattern.startsWith(`${base}/`)
    : pattern === base;
}
