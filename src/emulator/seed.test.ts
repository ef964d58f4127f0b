import { expect, test } from 'vitest';
import { parseCrn } from '#contract/crn.ts';
import { bindingRefusal } from '#contract/role-catalogue.ts';
import { checkFilter } from '#filter/check.ts';
import { certificatePoolCrn } from './federation-resources.ts';
import { filterConstrains } from '#filter/constraints.ts';
import { seededRandom } from './ids.ts';
import { isKnownPrincipalId } from './principals.ts';
import { applySeed } from './seed.ts';
import { Store, type PoolRecord, type ProviderRecord } from './store.ts';

const ORG_ID = '6f1c2b7e-9a44-4d1e-b3a5-2c8e5d0f7a91';

function demo(): { providers: ProviderRecord[]; pools: PoolRecord[] } {
  const store = Store.open(':memory:', { random: seededRandom(1) });
  applySeed(store, 'demo', ORG_ID);
  const providers = store.listProviders({ after: 0 }, 100).rows;
  const pools = providers.flatMap(
    (p) => store.listPools(p.id, { after: 0 }, 1000).rows,
  );
  store.close();
  return { providers, pools };
}

test('the demo seed is identical every time', () => {
  expect(demo()).toEqual(demo());
});

test('the demo seed looks like a real organisation', () => {
  const { providers, pools } = demo();
  expect(providers.length).toBeGreaterThanOrEqual(3);
  expect(providers.map((p) => p.issuer)).toContain(
    'https://accounts.google.com',
  );
  const sizes = providers.map(
    (p) => pools.filter((pool) => pool.providerId === p.id).length,
  );
  expect(Math.max(...sizes)).toBeGreaterThanOrEqual(250);
  expect(sizes).toContain(0);
  expect(pools.some((p) => p.description === '')).toBe(true);
  expect(new Set(pools.map((p) => p.displayName)).size).toBeGreaterThan(200);
  expect(new Set(pools.map((p) => p.id)).size).toBe(pools.length);
});

test('every demo filter is valid, within 300 characters, and Google pools obey the shared-issuer rule', () => {
  const { providers, pools } = demo();
  for (const pool of pools) {
    expect(checkFilter(pool.filter), pool.filter).toEqual({ valid: true });
    expect(pool.filter.length).toBeLessThanOrEqual(300);
  }
  const shared = providers.filter((p) =>
    [
      'https://accounts.google.com',
      'https://token.actions.githubusercontent.com',
    ].includes(p.issuer),
  );
  for (const pool of pools.filter((p) =>
    shared.some((s) => s.id === p.providerId),
  )) {
    expect(filterConstrains(pool.filter, ['sub', 'aud']), pool.filter).toBe(
      true,
    );
  }
});

test('the demo filters use every supported construct', () => {
  const all = demo().pools.map((p) => p.filter);
  const uses = (pattern: RegExp) => all.some((filter) => pattern.test(filter));
  expect(uses(/ == /)).toBe(true);
  expect(uses(/ != /)).toBe(true);
  expect(uses(/ in \[/)).toBe(true);
  expect(uses(/" in claims\./)).toBe(true);
  expect(uses(/\.startsWith\(/)).toBe(true);
  expect(uses(/\.endsWith\(/)).toBe(true);
  expect(uses(/\.contains\(/)).toBe(true);
  expect(uses(/!has\(/)).toBe(true);
  expect(uses(/(^|[^!])has\(/)).toBe(true);
  expect(uses(/\|\|/)).toBe(true);
  expect(uses(/&&/)).toBe(true);
  expect(uses(/^!|[ (]!\w/)).toBe(true);
  expect(uses(/\(/)).toBe(true);
  expect(uses(/'/)).toBe(true);
  expect(uses(/claims\.\w+\.\w+ ==/)).toBe(true);
  expect(all).toContain('true');
});

test('the empty seed has nothing', () => {
  const store = Store.open(':memory:');
  applySeed(store, 'demo', ORG_ID);
  applySeed(store, 'empty', ORG_ID);
  expect(store.countProviders()).toBe(0);
  store.close();
});

function demoAccess() {
  const store = Store.open(':memory:', { random: seededRandom(1) });
  applySeed(store, 'demo', ORG_ID);
  const environments = store.directory.listEnvironments({ after: 0 }, 100).rows;
  const clusters = environments.flatMap(
    (e) => store.directory.listClusters(e.id, { after: 0 }, 100).rows,
  );
  const users = store.directory.listUsers({ after: 0 }, 100).rows;
  const bindings = store.roleBindings.list(
    { crnQuery: `crn://confluent.cloud/organization=${ORG_ID}/*` },
    { after: 0 },
    100_000,
  ).rows;
  const pools = store
    .listProviders({ after: 0 }, 100)
    .rows.flatMap((p) => store.listPools(p.id, { after: 0 }, 1000).rows);
  const organization = store.directory.organization();
  const knows = (id: string) => isKnownPrincipalId(store, id);
  const result = {
    organization,
    environments,
    clusters,
    users,
    bindings,
    pools,
    knownPrincipals: bindings.map((b) => knows(b.principal.slice(5))),
  };
  store.close();
  return result;
}

test('the demo directory and role bindings are identical every time, and leave the providers’ and pools’ ids alone', () => {
  expect(demoAccess()).toEqual(demoAccess());
  const { providers, pools } = demo();
  // Ids the console's own tests name; seeding access must not move them.
  expect(providers[0]!.id).toBe('op-RBKg');
  expect(pools[0]!.displayName).toBe('legacy-catch-all');
});

test('the demo organization: two environments, three clusters of which one Basic, a few users', () => {
  const { organization, environments, clusters, users } = demoAccess();
  expect(organization?.displayName).toBe('Acme');
  expect(environments).toHaveLength(2);
  expect(clusters.map((c) => c.kind).sort()).toEqual([
    'Basic',
    'Dedicated',
    'Standard',
  ]);
  for (const cluster of clusters) {
    expect(environments.map((e) => e.id)).toContain(cluster.environmentId);
  }
  expect(users.length).toBeGreaterThanOrEqual(4);
  expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
});

test('demo bindings cover a realistic share of pools, every scope, prefixes and literals, and users too', () => {
  const { bindings, pools, users } = demoAccess();
  const boundPools = new Set(
    bindings
      .map((b) => b.principal.slice('User:'.length))
      .filter((id) => id.startsWith('pool-')),
  );
  const share = boundPools.size / pools.length;
  expect(share).toBeGreaterThan(0.3);
  expect(share).toBeLessThan(0.6);
  const forms = new Set(
    bindings.map((b) => {
      const parsed = parseCrn(b.crnPattern);
      if (!parsed.ok) throw new Error(parsed.error);
      const { scope, resource } = parsed.crn;
      return resource ? `${scope}${resource.isPrefix ? '*' : ''}` : scope;
    }),
  );
  for (const form of [
    'organization',
    'environment',
    'cloud-cluster',
    'topic',
    'topic*',
    'group*',
    'transactional-id*',
    'subject',
    'subject*',
    'connector',
    'identity-pool',
  ]) {
    expect(forms, form).toContain(form);
  }
  const userIds = new Set(users.map((u) => `User:${u.id}`));
  const userBindings = bindings.filter((b) => userIds.has(b.principal));
  expect(userBindings.length).toBeGreaterThanOrEqual(5);
  expect(userBindings.some((b) => b.roleName === 'ResourceOwner')).toBe(true);
  // A pool owning another pool.
  expect(
    bindings.some(
      (b) =>
        b.roleName === 'ResourceOwner' && b.principal.startsWith('User:pool-'),
    ),
  ).toBe(true);
});

test('every demo binding is one the service would accept: its role fits its scope, what it names exists, nothing granular on Basic', () => {
  const { bindings, clusters, environments, knownPrincipals } = demoAccess();
  expect(knownPrincipals.every(Boolean)).toBe(true);
  const seen = new Set<string>();
  for (const binding of bindings) {
    const parsed = parseCrn(binding.crnPattern);
    if (!parsed.ok) throw new Error(parsed.error);
    const { crn } = parsed;
    expect(crn.organization).toBe(ORG_ID);
    if (crn.environment) {
      expect(environments.map((e) => e.id)).toContain(crn.environment);
    }
    const cluster = clusters.find((c) => c.id === crn.cloudCluster);
    if (crn.cloudCluster) {
      expect(cluster?.environmentId, binding.crnPattern).toBe(crn.environment);
    }
    expect(
      bindingRefusal(binding.roleName, crn, { clusterKind: cluster?.kind }),
      `${binding.roleName} ${binding.crnPattern}`,
    ).toBeUndefined();
    const key = `${binding.principal} ${binding.roleName} ${binding.crnPattern}`;
    expect(seen.has(key), key).toBe(false);
    seen.add(key);
  }
});

test('the empty seed has the directory, which the API cannot create, and no bindings', () => {
  const store = Store.open(':memory:');
  applySeed(store, 'demo', ORG_ID);
  applySeed(store, 'empty', ORG_ID);
  expect(store.directory.countEnvironments()).toBe(2);
  expect(store.directory.countUsers()).toBe(6);
  expect(
    store.roleBindings.count({
      crnQuery: `crn://confluent.cloud/organization=${ORG_ID}/*`,
    }),
  ).toBe(0);
  store.close();
});

function demoFederation() {
  const store = Store.open(':memory:', { random: seededRandom(1) });
  applySeed(store, 'demo', ORG_ID);
  const mappings = store.groupMappings.list({ after: 0 }, 100).rows;
  const authorities = store.certificateAuthorities.list({ after: 0 }, 100).rows;
  const pools = authorities.flatMap(
    (authority) =>
      store.certificatePools.list(authority.id, { after: 0 }, 100).rows,
  );
  const bindings = store.roleBindings.list(
    { crnQuery: `crn://confluent.cloud/organization=${ORG_ID}/*` },
    { after: 0 },
    100_000,
  ).rows;
  store.close();
  return { mappings, authorities, pools, bindings };
}

test('the demo group mappings, certificate authority and certificate pools are identical every time', () => {
  expect(demoFederation()).toEqual(demoFederation());
});

test('the demo federation objects: four group mappings, a real two-certificate chain with its CRL distribution point, three certificate pools', () => {
  const { mappings, authorities, pools } = demoFederation();
  expect(mappings.map((m) => m.displayName)).toEqual([
    'Platform engineers',
    'Everyone',
    'Data analysts',
    'SRE on call',
  ]);
  expect(mappings.map((m) => m.filter)).toContain('true');
  for (const mapping of mappings) {
    expect(mapping.id).toMatch(/^group-/);
    expect(
      checkFilter(mapping.filter, 'group-mapping'),
      mapping.filter,
    ).toEqual({ valid: true });
  }
  expect(authorities).toHaveLength(1);
  const [authority] = authorities;
  expect(authority!.id).toMatch(/^op-/);
  expect(authority!.certificates).toHaveLength(2);
  for (const certificate of authority!.certificates) {
    expect(certificate.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(certificate.expiresAt).toMatch(/^2056-/);
  }
  expect(authority!.crl).toEqual({
    source: 'URL',
    url: 'http://pki.acme.example/crl/acme-root-ca.crl',
  });
  expect(authority!.requireCrl).toBe(true);
  expect(pools).toHaveLength(3);
  for (const pool of pools) {
    expect(pool.id).toMatch(/^pool-/);
    expect(checkFilter(pool.filter, 'certificate-pool'), pool.filter).toEqual({
      valid: true,
    });
  }
});

test('demo bindings reach group mappings and certificate pools, some of which are owned', () => {
  const { mappings, authorities, pools, bindings } = demoFederation();
  const held = (id: string) =>
    bindings.filter((binding) => binding.principal === `User:${id}`);
  expect(mappings.filter((m) => held(m.id).length > 0)).toHaveLength(4);
  expect(pools.map((pool) => held(pool.id).length > 0)).toEqual([
    true,
    true,
    false,
  ]);
  const owned = pools.filter((pool) =>
    bindings.some(
      (binding) =>
        binding.roleName === 'ResourceOwner' &&
        binding.crnPattern ===
          certificatePoolCrn(ORG_ID, authorities[0]!.id, pool.id),
    ),
  );
  expect(owned).toHaveLength(2);
  expect(
    bindings.some(
      (binding) =>
        binding.roleName === 'ResourceOwner' &&
        binding.principal.startsWith('User:group-'),
    ),
  ).toBe(true);
});

test('the empty seed has no group mappings or certificate authorities', () => {
  const store = Store.open(':memory:');
  applySeed(store, 'demo', ORG_ID);
  applySeed(store, 'empty', ORG_ID);
  expect(store.groupMappings.count()).toBe(0);
  expect(store.certificateAuthorities.count()).toBe(0);
  store.close();
});
