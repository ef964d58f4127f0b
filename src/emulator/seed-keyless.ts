import type { Micros } from './clock.ts';
import { seededRandom } from './ids.ts';
import { syntheticKey } from './keys.ts';
import { crnsOf, freshId } from './seed-federation.ts';
import type { PoolFields, Store } from './store.ts';
import {
  TEST_IDP_ISSUER,
  TEST_IDP_JWKS_URI,
} from './test-idp/identity-provider.ts';

/**
 * The demo seed's keyless sign-in: the emulator's test identity provider
 * registered as a provider, with a pool for the console's own identity
 * (allowed to manage pools) and one for a CI job (allowed to read one
 * topic, so it can exchange a token but not manage pools). A random seed
 * of its own, so everything seeded before keeps its ids.
 */

const KEYLESS_SEED = 0x4e1e55;
const HOUR: Micros = 3_600_000_000;
const KEYLESS_EPOCH: Micros = Date.UTC(2025, 8, 1, 9, 0) * 1000;

type Grant = [role: string, crnPattern: string];

const POOLS: (PoolFields & {
  grants: (c: ReturnType<typeof crnsOf>) => Grant[];
})[] = [
  {
    displayName: 'Lifeguard console (keyless)',
    description:
      'The console itself, signed in through the test IdP as its lifeguard-console client instead of with an API key.',
    identityClaim: 'claims.sub',
    filter: 'claims.sub == "lifeguard-console" && claims.aud == "confluent"',
    grants: (c) => [['AccountAdmin', c.organization]],
  },
  {
    displayName: 'CI deployer',
    description:
      'A CI job of the test IdP (client ci-deployer): it may read one topic and manage nothing.',
    identityClaim: 'claims.sub',
    filter: 'claims.sub == "ci-deployer"',
    grants: (c) => [
      ['DeveloperRead', c.inKafka('orders-prod', 'topic', 'ml.features')],
    ],
  },
];

/**
 * Writes the test IdP's provider, its two pools and their role bindings
 * into a store whose directory is seeded; nothing if a provider already
 * has the test IdP's issuer.
 */
export function seedKeyless(store: Store, orgId: string): void {
  if (store.findProviderByIssuer(TEST_IDP_ISSUER)) return;
  const random = seededRandom(KEYLESS_SEED);
  const c = crnsOf(store, orgId);
  let clock = KEYLESS_EPOCH;
  const later = (maxHours: number) =>
    (clock += Math.floor((0.5 + random() * maxHours) * HOUR));
  const createdAt = later(24);
  const provider = store.insertProvider(
    {
      displayName: 'Lifeguard test IdP',
      description:
        'The emulator’s built-in identity provider (client credentials at /test-idp/oauth2/token). Its issuer is a reserved name that only the emulator resolves.',
      issuer: TEST_IDP_ISSUER,
      jwksUri: TEST_IDP_JWKS_URI,
      identityClaim: 'claims.sub',
    },
    {
      id: freshId(store, random, 'op'),
      // Shown keys only: the STS verifies with the test IdP's real key,
      // which is made on first use, not when the seed runs.
      keys: [syntheticKey(random)],
      createdAt,
    },
  );
  for (const { grants, ...fields } of POOLS) {
    const pool = store.insertPool(provider.id, fields, {
      id: freshId(store, random, 'pool'),
      createdAt: later(2),
    });
    for (const [roleName, crnPattern] of grants(c)) {
      store.roleBindings.insert(
        { principal: `User:${pool.id}`, roleName, crnPattern },
        { createdAt: later(1) },
      );
    }
  }
}
