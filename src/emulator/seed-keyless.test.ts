import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { parseCrn } from '#contract/crn.ts';
import { bindingRefusal } from '#contract/role-catalogue.ts';
import { evaluateFilter } from '#filter/evaluate.ts';
import { seededRandom } from './ids.ts';
import { applyMissingSeed, applySeed } from './seed.ts';
import { Store } from './store.ts';

const ORG_ID = '6f1c2b7e-9a44-4d1e-b3a5-2c8e5d0f7a91';
const ISSUER = 'https://idp.lifeguard.test';

function keyless(store: Store) {
  const provider = store.findProviderByIssuer(ISSUER);
  const pools = provider
    ? store.listPools(provider.id, { after: 0 }, 10).rows
    : [];
  const bindings = pools.flatMap(
    (pool) =>
      store.roleBindings.list(
        {
          crnQuery: `crn://confluent.cloud/organization=${ORG_ID}/*`,
          principal: `User:${pool.id}`,
        },
        { after: 0 },
        10,
      ).rows,
  );
  return { provider, pools, bindings };
}

function demo() {
  const store = Store.open(':memory:', { random: seededRandom(1) });
  applySeed(store, 'demo', ORG_ID);
  const result = keyless(store);
  store.close();
  return result;
}

test('the demo seed registers the test IdP, the same every time, with the console’s pool and a CI pool', () => {
  const { provider, pools, bindings } = demo();
  expect(demo()).toEqual({ provider, pools, bindings });
  expect(provider).toMatchObject({
    displayName: 'Lifeguard test IdP',
    issuer: ISSUER,
    jwksUri: `${ISSUER}/jwks`,
    identityClaim: 'claims.sub',
  });
  expect(provider!.id).toMatch(/^op-/);
  expect(pools.map((pool) => [pool.displayName, pool.filter])).toEqual([
    [
      'Lifeguard console (keyless)',
      'claims.sub == "lifeguard-console" && claims.aud == "confluent"',
    ],
    ['CI deployer', 'claims.sub == "ci-deployer"'],
  ]);
  const [consolePool, ciPool] = pools;
  const claims = (sub: string) => ({ sub, aud: 'confluent' });
  for (const [pool, admits] of [
    [consolePool!, 'lifeguard-console'],
    [ciPool!, 'ci-deployer'],
  ] as const) {
    for (const sub of ['lifeguard-console', 'ci-deployer', 'stranger']) {
      expect(
        evaluateFilter(pool.filter, claims(sub)),
        `${pool.displayName} ${sub}`,
      ).toMatchObject({ ok: true, matches: sub === admits });
    }
  }
  // The console's pool may manage pools; the CI pool may read one topic.
  expect(
    bindings.map((binding) => [
      binding.principal,
      binding.roleName,
      binding.crnPattern.replace(/^crn:\/\/confluent\.cloud\//, ''),
    ]),
  ).toEqual([
    [`User:${consolePool!.id}`, 'AccountAdmin', `organization=${ORG_ID}`],
    [
      `User:${ciPool!.id}`,
      'DeveloperRead',
      expect.stringMatching(
        /^organization=.+\/environment=env-.+\/cloud-cluster=lkc-.+\/kafka=lkc-.+\/topic=ml\.features$/,
      ),
    ],
  ]);
  for (const binding of bindings) {
    const parsed = parseCrn(binding.crnPattern);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(bindingRefusal(binding.roleName, parsed.crn)).toBeUndefined();
  }
});

test('the empty seed has no test IdP provider', () => {
  const store = Store.open(':memory:');
  applySeed(store, 'empty', ORG_ID);
  expect(keyless(store).provider).toBeUndefined();
  store.close();
});

test('a demo database from before the test IdP gets it on start, once, its other providers untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-keyless-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'emulator.sqlite');
  const first = Store.open(file, { random: seededRandom(1) });
  applySeed(first, 'demo', ORG_ID);
  const before = keyless(first);
  first.close();
  // What a file written before the test IdP looks like.
  const db = new Database(file);
  db.prepare(
    "DELETE FROM role_bindings WHERE principal IN (SELECT 'User:' || id FROM pools WHERE provider_id = ?)",
  ).run(before.provider!.id);
  db.prepare('DELETE FROM providers WHERE id = ?').run(before.provider!.id);
  db.exec("DELETE FROM meta WHERE key = 'keyless_seed'");
  const providers = db
    .prepare<[], { id: string }>('SELECT id FROM providers ORDER BY seq')
    .all();
  db.close();

  const second = Store.open(file, { random: seededRandom(2) });
  applyMissingSeed(second, 'demo', ORG_ID);
  const after = keyless(second);
  expect(after.pools.map((pool) => pool.id)).toEqual(
    before.pools.map((pool) => pool.id),
  );
  expect(after.bindings).toHaveLength(2);
  expect(
    second
      .listProviders({ after: 0 }, 100)
      .rows.map((provider) => provider.id)
      .slice(0, providers.length),
  ).toEqual(providers.map((provider) => provider.id));
  applyMissingSeed(second, 'demo', ORG_ID);
  expect(second.countProviders()).toBe(providers.length + 1);
  second.close();
});
