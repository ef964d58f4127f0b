import { readFileSync } from 'node:fs';
import { buildCrn, type CrnResourceType } from '#contract/crn.ts';
import { parseCertificateChain } from './certificate-chain.ts';
import type { Micros } from './clock.ts';
import type { ClusterRecord } from './directory-store.ts';
import { certificatePoolCrn } from './federation-resources.ts';
import { base62, seededRandom, type Random } from './ids.ts';
import type { Store } from './store.ts';

/**
 * The demo seed's SSO group mappings, its certificate authority (a real
 * chain, `fixtures/demo-ca-chain.pem`) with its certificate pools, and the
 * role bindings they hold. A random seed of its own, so that the ids of
 * everything seeded before stay what they were.
 */

const FEDERATION_SEED = 0xfede2026;
const HOUR: Micros = 3_600_000_000;
const FEDERATION_EPOCH: Micros = Date.UTC(2025, 4, 12, 8, 0) * 1000;
const CHAIN_FILE = new URL('./fixtures/demo-ca-chain.pem', import.meta.url);

/** A grant in terms of the demo directory's names. */
type Grant = [role: string, crnPattern: string];

type DemoMapping = {
  displayName: string;
  description: string;
  filter: string;
  grants: (c: Crns) => Grant[];
};

type DemoCertificatePool = {
  displayName: string;
  description: string;
  externalIdentifier: string;
  filter: string;
  grants: (c: Crns) => Grant[];
};

const MAPPINGS: DemoMapping[] = [
  {
    displayName: 'Platform engineers',
    description:
      'The platform team: runs non-production and the orders cluster.',
    filter: '"platform" in groups',
    grants: (c) => [
      ['EnvironmentAdmin', c.environment('non-production')],
      ['CloudClusterAdmin', c.cluster('orders-prod')],
      ['MetricsViewer', c.organization],
    ],
  },
  {
    // What Confluent's default mapping grants every SSO user.
    displayName: 'Everyone',
    description:
      'Every SSO user may browse the catalogue and run Flink in non-production.',
    filter: 'true',
    grants: (c) => [
      ['DataDiscovery', c.environment('production')],
      ['DataDiscovery', c.environment('non-production')],
      ['FlinkDeveloper', c.environment('non-production')],
    ],
  },
  {
    displayName: 'Data analysts',
    description: '',
    filter: '"analysts" in groups && !("contractors" in groups)',
    grants: (c) => [
      ['DeveloperRead', c.inKafka('orders-prod', 'topic', 'analytics.', true)],
      ['DeveloperRead', c.inKafka('orders-prod', 'group', 'analysts-', true)],
    ],
  },
  {
    displayName: 'SRE on call',
    description: 'Whoever carries the pager this week.',
    filter: '"sre" in groups || "oncall" in groups',
    grants: (c) => [
      ['MetricsViewer', c.organization],
      ['Operator', c.environment('production')],
    ],
  },
];

const CERTIFICATE_POOLS: DemoCertificatePool[] = [
  {
    displayName: 'orders-services',
    description: 'Services of the orders domain, one certificate each.',
    externalIdentifier: 'CN',
    filter: "O == 'Acme' && CN.startsWith('orders-')",
    grants: (c) => [
      ['DeveloperWrite', c.inKafka('orders-prod', 'topic', 'orders.', true)],
      ['DeveloperRead', c.inKafka('orders-prod', 'group', 'orders-', true)],
      [
        'DeveloperWrite',
        c.inKafka('orders-prod', 'transactional-id', 'orders-', true),
      ],
    ],
  },
  {
    displayName: 'payments-and-billing',
    description: 'Batch jobs of the payments and billing teams in staging.',
    externalIdentifier: 'UID',
    filter: "OU in ['payments', 'billing']",
    grants: (c) => [
      [
        'DeveloperRead',
        c.inKafka('shared-staging', 'topic', 'payments.', true),
      ],
      [
        'DeveloperWrite',
        c.inKafka('shared-staging', 'topic', 'billing.invoices'),
      ],
    ],
  },
  {
    // Broad on purpose, and left without access: the risk is what it
    // could be granted.
    displayName: 'any-acme-workload',
    description:
      'Every certificate the issuing CA signs. No access granted yet.',
    externalIdentifier: 'CN',
    filter: 'true',
    grants: () => [],
  },
];

/** CRN builders over the demo directory, by the names the access seed gave it. */
export function crnsOf(store: Store, orgId: string) {
  const environments = store.directory.listEnvironments({ after: 0 }, 100).rows;
  const clusters: ClusterRecord[] = environments.flatMap(
    (environment) =>
      store.directory.listClusters(environment.id, { after: 0 }, 100).rows,
  );
  const environmentId = (name: string) => {
    const found = environments.find((each) => each.displayName === name);
    if (!found)
      throw new Error(`the demo directory has no environment ${name}`);
    return found.id;
  };
  const cluster = (name: string) => {
    const found = clusters.find((each) => each.displayName === name);
    if (!found) throw new Error(`the demo directory has no cluster ${name}`);
    return found;
  };
  return {
    organization: buildCrn({ organization: orgId }),
    environment: (name: string) =>
      buildCrn({ organization: orgId, environment: environmentId(name) }),
    cluster: (name: string) => {
      const { id, environmentId: environment } = cluster(name);
      return buildCrn({ organization: orgId, environment, cloudCluster: id });
    },
    inKafka: (
      name: string,
      type: CrnResourceType,
      resource: string,
      isPrefix = false,
    ) => {
      const { id, environmentId: environment } = cluster(name);
      return buildCrn({
        organization: orgId,
        environment,
        cloudCluster: id,
        kafkaCluster: id,
        resource: { type, name: resource, isPrefix },
      });
    },
  };
}

type Crns = ReturnType<typeof crnsOf>;

// An id of the seed's own random sequence that nothing else holds, so a
// rerun on the same data picks the same ids.
export function freshId(
  store: Store,
  random: Random,
  prefix: 'group' | 'op' | 'pool',
): string {
  const taken = (id: string) =>
    prefix === 'group'
      ? store.groupMappings.get(id) !== undefined
      : prefix === 'op'
        ? store.getProvider(id) !== undefined ||
          store.certificateAuthorities.get(id) !== undefined
        : store.findPool(id) !== undefined ||
          store.certificatePools.find(id) !== undefined;
  for (;;) {
    const id = `${prefix}-${base62(random, 4)}`;
    if (!taken(id)) return id;
  }
}

function demoChain() {
  const pem = readFileSync(CHAIN_FILE, 'utf8');
  const chain = parseCertificateChain(pem);
  if (!chain.ok) throw new Error(`demo-ca-chain.pem: ${chain.detail}`);
  return { pem, chain: chain.value };
}

/**
 * Writes the demo's group mappings, certificate authority and certificate
 * pools with their role bindings, into a store whose directory is seeded.
 */
export function seedFederation(store: Store, orgId: string): void {
  const random = seededRandom(FEDERATION_SEED);
  const c = crnsOf(store, orgId);
  let clock = FEDERATION_EPOCH;
  const later = (maxHours: number) =>
    (clock += Math.floor((0.5 + random() * maxHours) * HOUR));
  const grant = (principal: string, [roleName, crnPattern]: Grant) =>
    store.roleBindings.insert(
      { principal, roleName, crnPattern },
      { createdAt: later(4) },
    );

  const mappings = MAPPINGS.map((mapping) => {
    const createdAt = later(96);
    const record = store.groupMappings.insert(mapping, {
      id: freshId(store, random, 'group'),
      createdAt,
    });
    for (const each of mapping.grants(c)) grant(`User:${record.id}`, each);
    return record;
  });

  const { pem, chain } = demoChain();
  const authority = store.certificateAuthorities.insert(
    {
      displayName: 'Acme workload PKI',
      description:
        'Issues client certificates to the services of the orders and payments domains.',
      chainPem: pem,
      chainFilename: 'acme-workload-chain.pem',
      certificates: chain.certificates,
      // The distribution point the issuing CA names, as the service fills
      // it in, checked fail-closed.
      crl: chain.distributionPoint
        ? { source: 'URL', url: chain.distributionPoint }
        : undefined,
      requireCrl: chain.distributionPoint !== undefined,
    },
    { id: freshId(store, random, 'op'), createdAt: later(48) },
  );
  const pools = CERTIFICATE_POOLS.map((pool) => {
    const record = store.certificatePools.insert(authority.id, pool, {
      id: freshId(store, random, 'pool'),
      createdAt: later(24),
    });
    for (const each of pool.grants(c)) grant(`User:${record.id}`, each);
    return record;
  });

  // Owners, as `assigned_resource_owner` makes them: a user owns the
  // orders pool, the platform engineers' mapping the payments one.
  const owner = store.directory
    .listUsers({ after: 0 }, 100)
    .rows.find((user) => user.email === 'bruno.costa@acme.example');
  const [orders, payments] = pools;
  const [platform] = mappings;
  if (owner && orders) {
    grant(`User:${owner.id}`, [
      'ResourceOwner',
      certificatePoolCrn(orgId, authority.id, orders.id),
    ]);
  }
  if (platform && payments) {
    grant(`User:${platform.id}`, [
      'ResourceOwner',
      certificatePoolCrn(orgId, authority.id, payments.id),
    ]);
  }
}
