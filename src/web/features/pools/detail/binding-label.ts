import { parseCrn, type Crn, type CrnResourceType } from '#contract/crn.ts';

// Singular and plural, as an administrator calls them.
const RESOURCE_NOUNS: Record<CrnResourceType, readonly [string, string]> = {
  topic: ['topic', 'topics'],
  group: ['consumer group', 'consumer groups'],
  'transactional-id': ['transactional id', 'transactional ids'],
  subject: ['subject', 'subjects'],
  kek: ['key encryption key', 'key encryption keys'],
  connector: ['connector', 'connectors'],
  ksql: ['ksqlDB cluster', 'ksqlDB clusters'],
  'compute-pool': ['Flink compute pool', 'Flink compute pools'],
  'service-account': ['service account', 'service accounts'],
  'identity-pool': ['identity pool', 'identity pools'],
};

// Where a resource lives, from the innermost scope the CRN names.
function containerOf(crn: Crn): string | undefined {
  const cluster = crn.kafkaCluster ?? crn.cloudCluster;
  const environment = crn.environment ? ` (${crn.environment})` : '';
  if (crn.schemaRegistry) {
    return `Schema Registry ${crn.schemaRegistry}${environment}`;
  }
  if (cluster) return `Kafka cluster ${cluster}${environment}`;
  if (crn.flinkRegion) return `Flink region ${crn.flinkRegion}${environment}`;
  if (crn.identityProvider) return `identity provider ${crn.identityProvider}`;
  if (crn.environment) return `environment ${crn.environment}`;
  return undefined;
}

/**
 * What a role binding's `crn_pattern` covers, in words: "the organization",
 * "environment env-1", "topics starting with “orders” on Kafka cluster
 * lkc-1 (env-1)". A pattern that does not parse is shown as written.
 */
export function bindingResourceLabel(crnPattern: string): string {
  const parsed = parseCrn(crnPattern);
  if (!parsed.ok) return crnPattern;
  const { crn } = parsed;
  const { resource } = crn;
  if (resource) {
    const [one, many] = RESOURCE_NOUNS[resource.type];
    const what = !resource.isPrefix
      ? `${one} “${resource.name}”`
      : resource.name === ''
        ? `every ${one}`
        : `${many} starting with “${resource.name}”`;
    const where = containerOf(crn);
    return where ? `${what} in ${where}` : what;
  }
  if (crn.scope === 'organization') return 'the organization';
  return containerOf(crn) ?? crnPattern;
}
