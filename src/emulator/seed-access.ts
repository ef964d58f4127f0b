import { buildCrn, type CrnResourceType } from '#contract/crn.ts';
import type { Micros } from './clock.ts';
import type {
  ClusterKind,
  ClusterRecord,
  EnvironmentRecord,
  GovernancePackage,
  UserRecord,
} from './directory-store.ts';
import { base36, seededRandom, type Random } from './ids.ts';
import { poolCrn } from './resources.ts';
import type { PoolRecord, Store } from './store.ts';

/**
 * The organization's directory (both seeds: the emulator's API cannot
 * create environments, clusters or users, so without them nothing could be
 * granted) and the demo seed's role bindings. A random seed of its own, so
 * the providers' and pools' ids stay what they were before access existed.
 */

const ACCESS_SEED = 0xacce55;
const HOUR: Micros = 3_600_000_000;
const DAY: Micros = 24 * HOUR;
const DIRECTORY_EPOCH: Micros = Date.UTC(2023, 2, 6, 10, 0) * 1000;

type EnvironmentKey = 'prod' | 'nonprod';
type ClusterKey = 'prod' | 'staging' | 'sandbox';

const ENVIRONMENTS: {
  key: EnvironmentKey;
  displayName: string;
  governancePackage: GovernancePackage;
}[] = [
  { key: 'prod', displayName: 'production', governancePackage: 'ADVANCED' },
  {
    key: 'nonprod',
    displayName: 'non-production',
    governancePackage: 'ESSENTIALS',
  },
];

const CLUSTERS: {
  key: ClusterKey;
  environment: EnvironmentKey;
  displayName: string;
  kind: ClusterKind;
  cku: number | null;
  cloud: ClusterRecord['cloud'];
  region: string;
  availability: ClusterRecord['availability'];
}[] = [
  {
    key: 'prod',
    environment: 'prod',
    displayName: 'orders-prod',
    kind: 'Dedicated',
    cku: 2,
    cloud: 'AWS',
    region: 'us-east-1',
    availability: 'MULTI_ZONE',
  },
  {
    key: 'staging',
    environment: 'nonprod',
    displayName: 'shared-staging',
    kind: 'Standard',
    cku: null,
    cloud: 'AWS',
    region: 'us-east-1',
    availability: 'SINGLE_ZONE',
  },
  {
    // Basic: cluster-level roles only, so its pools get no topic bindings.
    key: 'sandbox',
    environment: 'nonprod',
    displayName: 'dev-sandbox',
    kind: 'Basic',
    cku: null,
    cloud: 'GCP',
    region: 'europe-west1',
    availability: 'SINGLE_ZONE',
  },
];

const USERS: [string, string, UserRecord['authType']][] = [
  ['Alice Moreau', 'alice.moreau@acme.example', 'AUTH_TYPE_SSO'],
  ['Bruno Costa', 'bruno.costa@acme.example', 'AUTH_TYPE_SSO'],
  ['Chen Wei', 'chen.wei@acme.example', 'AUTH_TYPE_SSO'],
  ['Dana Okafor', 'dana.okafor@acme.example', 'AUTH_TYPE_SSO'],
  ['Emil Lindqvist', 'emil.lindqvist@acme.example', 'AUTH_TYPE_LOCAL'],
  ['Farah Haddad', 'farah.haddad@acme.example', 'AUTH_TYPE_SSO'],
];

/** What the directory seed wrote, for the bindings to point at. */
type Directory = {
  orgId: string;
  environments: Record<
    EnvironmentKey,
    EnvironmentRecord & { schemaRegistry: string }
  >;
  clusters: Record<ClusterKey, ClusterRecord>;
  users: UserRecord[];
};

function seedDirectory(store: Store, random: Random, orgId: string): Directory {
  let clock = DIRECTORY_EPOCH;
  const tick = (days: number) => {
    clock += Math.floor((0.1 + random() * days) * DAY);
    return clock;
  };
  store.directory.setOrganization({
    displayName: 'Acme',
    jitEnabled: false,
    createdAt: clock,
    updatedAt: clock,
  });
  const environments = {} as Directory['environments'];
  for (const environment of ENVIRONMENTS) {
    const record = store.directory.insertEnvironment(
      {
        id: `env-${base36(random, 6)}`,
        displayName: environment.displayName,
        governancePackage: environment.governancePackage,
      },
      { createdAt: tick(3) },
    );
    // Each environment's Schema Registry: no API of the contract lists
    // them, so they live only in the subjects' CRNs.
    environments[environment.key] = {
      ...record,
      schemaRegistry: `lsrc-${base36(random, 5)}`,
    };
  }
  const clusters = {} as Directory['clusters'];
  for (const cluster of CLUSTERS) {
    clusters[cluster.key] = store.directory.insertCluster(
      {
        id: `lkc-${base36(random, 6)}`,
        environmentId: environments[cluster.environment].id,
        displayName: cluster.displayName,
        kind: cluster.kind,
        cku: cluster.cku,
        cloud: cluster.cloud,
        region: cluster.region,
        availability: cluster.availability,
        endpointHost: `pkc-${base36(random, 5)}.${cluster.region}.${cluster.cloud.toLowerCase()}.confluent.cloud`,
      },
      { createdAt: tick(10) },
    );
  }
  const users = USERS.map(([fullName, email, authType]) =>
    store.directory.insertUser(
      { id: `u-${base36(random, 6)}`, email, fullName, authType },
      { createdAt: tick(20) },
    ),
  );
  return { orgId, environments, clusters, users };
}

type Grant = [role: string, crnPattern: string];

/** CRN builders over the seeded directory. */
function crns({ orgId, environments, clusters }: Directory) {
  const organization = orgId;
  const onCluster = (key: ClusterKey) => ({
    organization,
    environment: clusters[key].environmentId,
    cloudCluster: clusters[key].id,
  });
  const inKafka = (
    key: ClusterKey,
    type: CrnResourceType,
    name: string,
    isPrefix = false,
  ) =>
    buildCrn({
      ...onCluster(key),
      kafkaCluster: clusters[key].id,
      resource: { type, name, isPrefix },
    });
  return {
    organization: () => buildCrn({ organization }),
    environment: (key: EnvironmentKey) =>
      buildCrn({ organization, environment: environments[key].id }),
    cluster: (key: ClusterKey) => buildCrn(onCluster(key)),
    topic: (key: ClusterKey, name: string, isPrefix = false) =>
      inKafka(key, 'topic', name, isPrefix),
    group: (key: ClusterKey, name: string, isPrefix = false) =>
      inKafka(key, 'group', name, isPrefix),
    transactionalId: (key: ClusterKey, name: string, isPrefix = false) =>
      inKafka(key, 'transactional-id', name, isPrefix),
    connector: (key: ClusterKey, name: string) =>
      buildCrn({
        ...onCluster(key),
        resource: { type: 'connector', name },
      }),
    subject: (key: EnvironmentKey, name: string, isPrefix = false) =>
      buildCrn({
        organization,
        environment: environments[key].id,
        schemaRegistry: environments[key].schemaRegistry,
        resource: { type: 'subject', name, isPrefix },
      }),
  };
}

type Crns = ReturnType<typeof crns>;

// The pools of the providers other than Okta, by name: what their
// workloads would be granted.
const NAMED_POOLS: Record<string, (c: Crns) => Grant[]> = {
  // A catch-all left with a powerful role: the risk the console points out.
  'legacy-catch-all': (c) => [
    ['MetricsViewer', c.organization()],
    ['CloudClusterAdmin', c.cluster('sandbox')],
  ],
  'ingest-gke-prod': (c) => [
    ['DeveloperWrite', c.topic('prod', 'ingest.', true)],
    ['DeveloperWrite', c.subject('prod', 'ingest.', true)],
  ],
  'reporting-cloud-run': (c) => [
    ['DeveloperRead', c.topic('prod', 'orders.', true)],
    ['DeveloperRead', c.group('prod', 'reporting-', true)],
  ],
  'ml-batch-jobs': (c) => [['DeveloperWrite', c.topic('prod', 'ml.features')]],
  'bq-export': (c) => [
    ['DeveloperRead', c.topic('prod', 'analytics.', true)],
    ['DeveloperRead', c.connector('prod', 'bigquery-export')],
  ],
  'looker-readers': (c) => [['DataDiscovery', c.environment('prod')]],
  'dataflow-streaming': (c) => [
    ['DeveloperRead', c.topic('prod', 'clickstream')],
    ['DeveloperWrite', c.topic('prod', 'clickstream.sessions')],
    ['DeveloperRead', c.group('prod', 'dataflow-', true)],
  ],
  'gcs-sink-staging': (c) => [
    ['DeveloperRead', c.topic('staging', 'lakehouse.', true)],
  ],
  'schema-registry-deploy': (c) => [
    ['DeveloperManage', c.subject('prod', '', true)],
    ['DeveloperManage', c.subject('nonprod', '', true)],
  ],
  'connector-deploy': (c) => [['CloudClusterAdmin', c.cluster('staging')]],
  'topic-provisioner': (c) => [
    ['EnvironmentAdmin', c.environment('nonprod')],
    ['DeveloperManage', c.topic('prod', '', true)],
  ],
};

const OKTA_ENVIRONMENTS = ['dev', 'staging', 'prod', 'perf', 'sandbox'];

/** `team-env-app`, as the demo's Okta pools are named. */
function oktaParts(
  name: string,
): { team: string; env: string; app: string } | undefined {
  for (const env of OKTA_ENVIRONMENTS) {
    const at = name.indexOf(`-${env}-`);
    if (at > 0) {
      return {
        team: name.slice(0, at),
        env,
        app: name.slice(at + env.length + 2),
      };
    }
  }
  return undefined;
}

// About 45 % of the workload pools get bindings, one to four, at the scope
// a real workload of that kind would need.
function oktaGrants(
  random: Random,
  c: Crns,
  { team, env, app }: { team: string; env: string; app: string },
): Grant[] {
  if (random() < 0.55) return [];
  const environment: EnvironmentKey = env === 'prod' ? 'prod' : 'nonprod';
  const cluster: ClusterKey =
    env === 'prod'
      ? 'prod'
      : env === 'staging' || env === 'perf'
        ? 'staging'
        : 'sandbox';
  const grants: Grant[] = [];
  if (cluster === 'sandbox') {
    grants.push(
      random() < 0.6
        ? ['CloudClusterAdmin', c.cluster(cluster)]
        : ['MetricsViewer', c.cluster(cluster)],
    );
  } else {
    const kind = random();
    if (kind < 0.4) {
      grants.push(['DeveloperWrite', c.topic(cluster, `${team}.${app}`)]);
      if (random() < 0.5) {
        grants.push([
          'DeveloperWrite',
          c.transactionalId(cluster, `${app}-`, true),
        ]);
      }
    } else if (kind < 0.8) {
      grants.push(['DeveloperRead', c.topic(cluster, `${team}.`, true)]);
      grants.push(['DeveloperRead', c.group(cluster, `${app}-`, true)]);
    } else {
      grants.push(['DeveloperRead', c.topic(cluster, `${team}.`, true)]);
      grants.push(['DeveloperWrite', c.topic(cluster, `${team}.${app}.out`)]);
    }
    if (random() < 0.35) {
      grants.push(['DeveloperRead', c.subject(environment, `${team}.`, true)]);
    }
    if (random() < 0.15) {
      grants.push([
        'DeveloperWrite',
        c.subject(environment, `${team}.${app}-value`),
      ]);
    }
  }
  if (team === 'observability') {
    grants.push(['MetricsViewer', c.organization()]);
  }
  if (team === 'security' && random() < 0.5) {
    grants.push(['DataDiscovery', c.environment(environment)]);
  }
  if (team === 'data-platform' && random() < 0.5) {
    grants.push(['CloudClusterAdmin', c.cluster(cluster)]);
  }
  return grants;
}

function azureGrants(random: Random, c: Crns, name: string): Grant[] {
  const match = /^azure-(.+)-(prod|nonprod)$/.exec(name);
  if (!match || random() < 0.5) return [];
  const cluster: ClusterKey = match[2] === 'prod' ? 'prod' : 'staging';
  return [['DeveloperRead', c.topic(cluster, `${match[1]!}.`, true)]];
}

function allPools(store: Store): PoolRecord[] {
  return store
    .listProviders({ after: 0 }, 1000)
    .rows.flatMap(
      (provider) => store.listPools(provider.id, { after: 0 }, 100_000).rows,
    );
}

function seedRoleBindings(
  store: Store,
  random: Random,
  directory: Directory,
): void {
  const c = crns(directory);
  const [alice, bruno, chen, dana, emil] = directory.users;
  const seen = new Set<string>();
  const grant = (
    principal: string,
    [roleName, crnPattern]: Grant,
    createdAt: Micros,
  ) => {
    const key = `${principal} ${roleName} ${crnPattern}`;
    if (seen.has(key)) return;
    seen.add(key);
    store.roleBindings.insert(
      { principal, roleName, crnPattern },
      { createdAt },
    );
  };

  let clock = DIRECTORY_EPOCH + 30 * DAY;
  const later = () => (clock += Math.floor((1 + random() * 9) * DAY));
  grant(`User:${alice!.id}`, ['OrganizationAdmin', c.organization()], later());
  grant(
    `User:${bruno!.id}`,
    ['EnvironmentAdmin', c.environment('prod')],
    later(),
  );
  grant(
    `User:${chen!.id}`,
    ['CloudClusterAdmin', c.cluster('staging')],
    later(),
  );
  grant(
    `User:${chen!.id}`,
    ['CloudClusterAdmin', c.cluster('sandbox')],
    later(),
  );
  grant(`User:${dana!.id}`, ['MetricsViewer', c.organization()], later());
  grant(`User:${dana!.id}`, ['DataDiscovery', c.environment('prod')], later());
  grant(
    `User:${emil!.id}`,
    ['DeveloperRead', c.topic('staging', 'payments.', true)],
    later(),
  );
  grant(
    `User:${emil!.id}`,
    ['DeveloperRead', c.subject('nonprod', 'payments.', true)],
    later(),
  );

  const owners = [bruno!, chen!, emil!];
  const byName = new Map<string, PoolRecord>();
  let bound = 0;
  for (const pool of allPools(store)) {
    byName.set(pool.displayName, pool);
    const named = NAMED_POOLS[pool.displayName];
    const okta = oktaParts(pool.displayName);
    const grants = named
      ? named(c)
      : okta
        ? oktaGrants(random, c, okta)
        : azureGrants(random, c, pool.displayName);
    if (grants.length === 0) continue;
    const at = pool.createdAt + Math.floor((1 + random() * 47) * HOUR);
    for (const [index, each] of grants.entries()) {
      grant(`User:${pool.id}`, each, at + index * 1_000_000);
    }
    // Some pools were created with an owner (`assigned_resource_owner`).
    if (bound % 12 === 0) {
      grant(
        `User:${owners[(bound / 12) % owners.length]!.id}`,
        ['ResourceOwner', poolCrn(directory.orgId, pool.providerId, pool.id)],
        pool.createdAt,
      );
    }
    bound += 1;
  }
  // A pool may own another: the provisioner owns the pool that deploys
  // connectors.
  const provisioner = byName.get('topic-provisioner');
  const deployer = byName.get('connector-deploy');
  if (provisioner && deployer) {
    grant(
      `User:${provisioner.id}`,
      [
        'ResourceOwner',
        poolCrn(directory.orgId, deployer.providerId, deployer.id),
      ],
      deployer.createdAt,
    );
  }
}

/**
 * Writes the directory, and for `demo` the role bindings of its pools and
 * users, into a store whose providers and pools are already seeded.
 */
export function seedAccess(
  store: Store,
  name: 'demo' | 'empty',
  orgId: string,
): void {
  const random = seededRandom(ACCESS_SEED);
  const directory = seedDirectory(store, random, orgId);
  if (name === 'demo') seedRoleBindings(store, random, directory);
}
