import { buildCrn } from '#contract/crn.ts';
import type { AccessScope } from '#contract/effective-access.ts';
import {
  RESOURCE_ACCESS_SEARCH_KEYS,
  type ResourceAccessSearch,
} from '@/config/paths.ts';

/**
 * What the page can be asked about: a resource type, or a Kafka cluster
 * itself; `many` names them in a sentence ("roles that give nothing on
 * topics").
 */
export const RESOURCE_KINDS = [
  { value: 'topic', one: 'Topic', many: 'topics' },
  { value: 'group', one: 'Consumer group', many: 'consumer groups' },
  {
    value: 'transactional-id',
    one: 'Transactional id',
    many: 'transactional ids',
  },
  { value: 'subject', one: 'Schema Registry subject', many: 'subjects' },
  { value: 'cluster', one: 'Kafka cluster itself', many: 'Kafka clusters' },
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number]['value'];

/** The question, as the form edits it and the URL keeps it. */
export type Question = {
  environment: string;
  cluster: string;
  registry: string;
  kind: ResourceKind;
  name: string;
  prefix: boolean;
};

function isKind(value: string | null): value is ResourceKind {
  return RESOURCE_KINDS.some((kind) => kind.value === value);
}

/** The question in a URL's query; what it does not say falls back to a topic. */
export function questionFromSearch(params: URLSearchParams): Question {
  const type = params.get('type');
  return {
    environment: params.get('environment') ?? '',
    cluster: params.get('cluster') ?? '',
    registry: params.get('registry') ?? '',
    kind: isKind(type) ? type : 'topic',
    name: params.get('name') ?? '',
    prefix: params.get('prefix') === '1',
  };
}

/** The question for `paths.resourceAccess.getHref`, without what its kind ignores. */
export function questionSearch(question: Question): ResourceAccessSearch {
  const isSubject = question.kind === 'subject';
  const isCluster = question.kind === 'cluster';
  const search: ResourceAccessSearch = {
    environment: question.environment,
    cluster: isSubject ? '' : question.cluster,
    registry: isSubject ? question.registry.trim() : '',
    type: question.kind,
    name: isCluster ? '' : question.name,
    prefix: !isCluster && question.prefix ? '1' : '',
  };
  // Only keys the URL knows, so nothing stray round-trips.
  return Object.fromEntries(
    RESOURCE_ACCESS_SEARCH_KEYS.map((key) => [key, search[key]]),
  );
}

/** What the question still lacks before it can be answered, in words. */
export function missingPart(question: Question): string | undefined {
  if (question.environment === '') return 'Choose an environment.';
  if (question.kind === 'subject') {
    if (question.registry.trim() === '') {
      return 'Enter the Schema Registry cluster id (lsrc-…).';
    }
  } else if (question.cluster === '') {
    return 'Choose a Kafka cluster.';
  }
  // An empty prefix stands for every resource of the type, as in a binding.
  if (question.kind !== 'cluster' && !question.prefix && question.name === '') {
    return 'Enter a name, or tick Prefix to ask about every name.';
  }
  return undefined;
}

/** The resource's CRN, as role bindings name it, or undefined while incomplete. */
export function questionCrn(
  question: Question,
  organization: string,
): string | undefined {
  if (missingPart(question) !== undefined) return undefined;
  const { environment, cluster, kind, name, prefix } = question;
  if (kind === 'cluster') {
    return buildCrn({ organization, environment, cloudCluster: cluster });
  }
  if (kind === 'subject') {
    return buildCrn({
      organization,
      environment,
      schemaRegistry: question.registry.trim(),
      resource: { type: 'subject', name, isPrefix: prefix },
    });
  }
  return buildCrn({
    organization,
    environment,
    cloudCluster: cluster,
    kafkaCluster: cluster,
    resource: { type: kind, name, isPrefix: prefix },
  });
}

/** The question as a scope, for `describeScope` ("topics "ingest.*" in cluster …"). */
export function questionScope(
  question: Question,
  organization: string,
): AccessScope {
  const { environment, cluster, kind, name, prefix } = question;
  if (kind === 'cluster') {
    return {
      kind: 'cluster',
      organization,
      environment,
      clusterType: 'kafka',
      cluster,
    };
  }
  const isSubject = kind === 'subject';
  return {
    kind: 'resources',
    organization,
    environment,
    clusterType: isSubject ? 'schema-registry' : 'kafka',
    cluster: isSubject ? question.registry.trim() : cluster,
    resourceType: kind,
    name,
    isPrefix: prefix,
  };
}
