import type { Micros } from './clock.ts';
import { base62, seededRandom, type Random } from './ids.ts';
import { syntheticKey } from './keys.ts';
import { seedAccess } from './seed-access.ts';
import { seedFederation } from './seed-federation.ts';
import { seedKeyless } from './seed-keyless.ts';
import type { PoolFields, ProviderFields, Store } from './store.ts';

export const SEED_NAMES = ['demo', 'empty'] as const;
export type SeedName = (typeof SEED_NAMES)[number];

// Fixed so that every demo data set is identical, ids and timestamps included.
const DEMO_SEED = 0x5eed2026;
const HOUR: Micros = 3_600_000_000;
const DEMO_EPOCH: Micros = Date.UTC(2024, 0, 8, 9, 30) * 1000;

const OKTA_ISSUER = 'https://acme.okta.com/oauth2/aus4k9x2p7QbW1mZ0h8';
const AZURE_TENANT = '4c1f8e2a-7b3d-4e9f-a6c5-1d2e3f4a5b6c';

type DemoProvider = ProviderFields & { pools: PoolFields[] };

const TEAMS = [
  [
    'payments',
    'Payments',
    ['settlement-writer', 'refund-worker', 'ledger-sync'],
  ],
  ['checkout', 'Checkout', ['cart-events', 'order-api', 'pricing-consumer']],
  ['fraud', 'Fraud', ['scoring-stream', 'case-manager']],
  ['identity', 'Identity', ['session-audit', 'scim-sync', 'login-events']],
  ['search', 'Search', ['indexer', 'query-logger']],
  ['catalog', 'Catalog', ['product-feed', 'media-ingest', 'price-watch']],
  ['inventory', 'Inventory', ['stock-levels', 'warehouse-bridge']],
  ['shipping', 'Shipping', ['carrier-webhooks', 'label-printer', 'eta-model']],
  ['notifications', 'Notifications', ['email-sender', 'push-fanout']],
  ['analytics', 'Analytics', ['clickstream', 'dbt-loader', 'reverse-etl']],
  [
    'data-platform',
    'Data Platform',
    ['cdc-connect', 'schema-tools', 'lakehouse-sink'],
  ],
  ['ml-platform', 'ML Platform', ['feature-store', 'training-jobs']],
  ['observability', 'Observability', ['log-shipper', 'trace-exporter']],
  ['security', 'Security', ['siem-forwarder', 'secret-scanner']],
  ['billing', 'Billing', ['invoice-runner', 'usage-meter', 'dunning']],
  ['growth', 'Growth', ['experiments', 'referral-events']],
  ['mobile', 'Mobile', ['device-telemetry', 'release-notes']],
  ['partner-api', 'Partner API', ['webhook-relay', 'rate-cards']],
] as const;

const ENVIRONMENTS = ['dev', 'staging', 'prod', 'perf', 'sandbox'] as const;

type Slots = {
  team: string;
  teamName: string;
  app: string;
  env: string;
  random: Random;
};

// One template per supported construct, so the demo exercises all of them.
const FILTERS: ((s: Slots) => string)[] = [
  (s) =>
    `claims.aud == "kafka-${s.env}" && claims.sub == "svc-${s.team}-${s.app}"`,
  (s) =>
    `claims.sub.startsWith("svc-${s.team}-") && claims.aud == "confluent-${s.env}"`,
  (s) => `"${s.team}-${s.env}" in claims.groups && claims.aud == "kafka"`,
  (s) =>
    `claims.client_id in ["${s.app}-${s.env}", "${s.app}-${s.env}-canary"] && has(claims.azp)`,
  (s) =>
    `claims.email.endsWith("@${s.team}.acme.example") && claims.hd == "acme.example"`,
  (s) => `claims.sub.contains("${s.app}") && claims.aud != "kafka-prod"`,
  (s) =>
    `(claims.aud == "kafka" || claims.aud == "kafka-${s.env}") && !has(claims.act)`,
  (s) => `claims.iss == "${OKTA_ISSUER}" && claims.ext.team == "${s.team}"`,
  (s) => `claims.aud == 'kafka-${s.env}' && 'kafka:write' in claims.scp`,
  (s) =>
    `!claims.sub.startsWith("test-") && claims.sub.endsWith("@${s.team}.svc.acme.example")`,
  (s) =>
    `claims.aud == "kafka-${s.env}" && (claims.ext.cost_center == "cc-${100 + Math.floor(s.random() * 900)}" || "${s.team}-admins" in claims.groups)`,
];

const DESCRIPTIONS: ((s: Slots) => string)[] = [
  (s) =>
    `Kafka access for the ${s.teamName} team's ${s.app} service in ${s.env}.`,
  (s) =>
    `Owned by #team-${s.team}. Producers and consumers of ${s.app} (${s.env}).`,
  (s) =>
    `${s.teamName} ${s.env} workloads. Requested in PLAT-${1000 + Math.floor(s.random() * 8999)}.`,
  () => '',
  (s) => `Read-only consumers for ${s.app}; rotate client secrets quarterly.`,
  () => '',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function oktaPools(random: Random): PoolFields[] {
  const pools: PoolFields[] = [
    {
      displayName: 'legacy-catch-all',
      description:
        'Matches every token from Okta. Kept for the 2023 migration; remove once the last consumers move.',
      identityClaim: 'claims.sub',
      filter: 'true',
    },
  ];
  let index = 0;
  while (pools.length < 263) {
    const [team, teamName, apps] = TEAMS[index % TEAMS.length]!;
    const app = apps[Math.floor(index / TEAMS.length) % apps.length]!;
    const env =
      ENVIRONMENTS[
        Math.floor(index / (TEAMS.length * 3)) % ENVIRONMENTS.length
      ]!;
    const slots = { team, teamName, app, env, random };
    pools.push({
      displayName: `${team}-${env}-${app}`,
      description: pick(random, DESCRIPTIONS)(slots),
      identityClaim: pick(random, [
        'claims.sub',
        'claims.sub',
        'claims.sub',
        'claims.client_id',
        'claims.email',
        'claims.ext.uid',
      ]),
      filter: FILTERS[index % FILTERS.length]!(slots),
    });
    index += 1;
  }
  return pools;
}

function demoProviders(random: Random): DemoProvider[] {
  return [
    {
      displayName: 'Acme Okta',
      description:
        'Workforce and workload identities. Source of truth for service accounts.',
      issuer: OKTA_ISSUER,
      jwksUri: `${OKTA_ISSUER}/v1/keys`,
      identityClaim: 'claims.sub',
      pools: oktaPools(random),
    },
    {
      displayName: 'Google Cloud workloads',
      description:
        'GKE and Cloud Run workloads through Google service accounts.',
      issuer: 'https://accounts.google.com',
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
      identityClaim: 'claims.sub',
      pools: [
        [
          'ingest-gke-prod',
          'Ingest pipeline on GKE (prod).',
          'claims.aud == "https://kafka.acme.example" && claims.email == "ingest@acme-data.iam.gserviceaccount.com"',
        ],
        [
          'reporting-cloud-run',
          '',
          'claims.sub == "104938274651020394857" && claims.aud == "https://kafka.acme.example"',
        ],
        [
          'ml-batch-jobs',
          'Vertex AI batch jobs writing features.',
          'claims.aud == "https://kafka.acme.example" && claims.email.endsWith("@acme-ml.iam.gserviceaccount.com")',
        ],
        [
          'bq-export',
          'BigQuery export connector.',
          'claims.sub in ["118273645501928374650", "118273645501928374651"]',
        ],
        [
          'looker-readers',
          '',
          'claims.aud == "https://kafka.acme.example/readonly" && claims.hd == "acme.example"',
        ],
        [
          'dataflow-streaming',
          'Dataflow streaming jobs (europe-west1).',
          'claims.aud == "https://kafka.acme.example" && claims.sub.startsWith("1093")',
        ],
        [
          'gcs-sink-staging',
          'Staging sink for the lakehouse.',
          'claims.aud == "https://kafka-staging.acme.example"',
        ],
        [
          'composer-dags',
          'Cloud Composer DAGs.',
          '(claims.aud == "https://kafka.acme.example" || claims.aud == "https://kafka-staging.acme.example") && claims.email.contains("composer")',
        ],
      ].map(([displayName, description, filter]) => ({
        displayName: displayName!,
        description: description!,
        identityClaim: 'claims.email',
        filter: filter!,
      })),
    },
    {
      displayName: 'Azure AD – Platform tenant',
      description: 'Entra ID app registrations of the platform tenant.',
      issuer: `https://login.microsoftonline.com/${AZURE_TENANT}/v2.0`,
      jwksUri: `https://login.microsoftonline.com/${AZURE_TENANT}/discovery/v2.0/keys`,
      identityClaim: 'claims.oid',
      pools: Array.from({ length: 14 }, (_, i) => {
        const [team, teamName] = TEAMS[(i * 5) % TEAMS.length]!;
        const appId = `${base62(random, 8)}-${base62(random, 4)}`.toLowerCase();
        return {
          displayName: `azure-${team}-${i % 2 === 0 ? 'prod' : 'nonprod'}`,
          description:
            i % 4 === 3 ? '' : `${teamName} apps registered in Entra ID.`,
          identityClaim: 'claims.oid',
          filter:
            i % 3 === 0
              ? `claims.tid == "${AZURE_TENANT}" && "Kafka.Write" in claims.roles`
              : i % 3 === 1
                ? `claims.appid in ["${appId}", "${appId}-2"] && claims.tid == "${AZURE_TENANT}"`
                : `claims.tid == "${AZURE_TENANT}" && "Kafka.Read" in claims.roles && !("Kafka.Write" in claims.roles)`,
        };
      }),
    },
    {
      displayName: 'GitHub Actions',
      description: 'CI jobs deploying schemas and connectors.',
      issuer: 'https://token.actions.githubusercontent.com',
      jwksUri: 'https://token.actions.githubusercontent.com/.well-known/jwks',
      identityClaim: 'claims.sub',
      pools: [
        [
          'schema-registry-deploy',
          'Publishes schemas from acme/schemas on main.',
          'claims.sub == "repo:acme/schemas:ref:refs/heads/main" && claims.aud == "https://github.com/acme"',
        ],
        [
          'connector-deploy',
          'Deploys connectors from tagged releases.',
          'claims.sub.startsWith("repo:acme/connectors:ref:refs/tags/") && claims.repository_owner == "acme"',
        ],
        [
          'topic-provisioner',
          '',
          'claims.sub.startsWith("repo:acme/kafka-topics:environment:") && claims.aud == "https://github.com/acme"',
        ],
      ].map(([displayName, description, filter]) => ({
        displayName: displayName!,
        description: description!,
        identityClaim: 'claims.sub',
        filter: filter!,
      })),
    },
    {
      displayName: 'Keycloak (staging)',
      description: '',
      issuer: 'https://sso.staging.acme.example/realms/platform',
      jwksUri:
        'https://sso.staging.acme.example/realms/platform/protocol/openid-connect/certs',
      identityClaim: 'claims.preferred_username',
      pools: [],
    },
  ];
}

function seedDemo(store: Store): void {
  const random = seededRandom(DEMO_SEED);
  let clock = DEMO_EPOCH;
  const tick = (maxHours: number) => {
    clock += Math.floor((0.2 + random() * maxHours) * HOUR);
    return clock;
  };
  for (const provider of demoProviders(random)) {
    const created = tick(72);
    const record = store.insertProvider(provider, {
      id: `op-${base62(random, 4)}`,
      keys: [syntheticKey(random), syntheticKey(random)],
      createdAt: created,
      updatedAt: created,
    });
    for (const pool of provider.pools) {
      const createdAt = tick(40);
      const edited = random() < 0.4;
      store.insertPool(record.id, pool, {
        id: `pool-${base62(random, 4)}`,
        createdAt,
        updatedAt: edited
          ? createdAt + Math.floor(random() * 2000 * HOUR)
          : createdAt,
      });
    }
  }
}

// Set once the directory and role bindings are seeded: a database written
// before they existed has `seed` but not this.
const ACCESS_SEEDED = 'access_seed';
// Set once group mappings and certificate authorities are seeded, for the
// same reason.
const FEDERATION_SEEDED = 'federation_seed';
// Set once the test identity provider and its pools are seeded.
const KEYLESS_SEEDED = 'keyless_seed';

/**
 * Replaces everything (providers, pools, the directory, role bindings,
 * group mappings, certificate authorities and their pools, the test
 * identity provider's demo pools) with the named
 * data set, atomically. `orgId` is the organization the seeded role
 * bindings' CRNs name.
 */
export function applySeed(store: Store, name: SeedName, orgId: string): void {
  store.transaction(() => {
    store.clear();
    if (name === 'demo') seedDemo(store);
    seedAccess(store, name, orgId);
    if (name === 'demo') seedFederation(store, orgId);
    if (name === 'demo') seedKeyless(store, orgId);
    store.setMeta('seed', name);
    store.setMeta(ACCESS_SEEDED, name);
    store.setMeta(FEDERATION_SEEDED, name);
    store.setMeta(KEYLESS_SEEDED, name);
  });
}

function isSeedName(value: string | undefined): value is SeedName {
  return (SEED_NAMES as readonly (string | undefined)[]).includes(value);
}

/**
 * Seeds what a store lacks: everything on first start; on a database an
 * older emulator wrote, what came after it: the directory and, for demo
 * data, the role bindings of the pools it still has (no access tables
 * yet), then the demo's group mappings and certificate authority (no
 * federation tables yet), then the test identity provider with its pools
 * (decision 021), leaving what is there as it is.
 */
export function applyMissingSeed(
  store: Store,
  name: SeedName,
  orgId: string,
): void {
  const seeded = store.getMeta('seed');
  if (!isSeedName(seeded)) {
    applySeed(store, name, orgId);
    return;
  }
  store.transaction(() => {
    if (store.getMeta(ACCESS_SEEDED) === undefined) {
      seedAccess(store, seeded, orgId);
      store.setMeta(ACCESS_SEEDED, seeded);
    }
    if (store.getMeta(FEDERATION_SEEDED) === undefined) {
      if (seeded === 'demo') seedFederation(store, orgId);
      store.setMeta(FEDERATION_SEEDED, seeded);
    }
    if (store.getMeta(KEYLESS_SEEDED) === undefined) {
      if (seeded === 'demo') seedKeyless(store, orgId);
      store.setMeta(KEYLESS_SEEDED, seeded);
    }
  });
}
