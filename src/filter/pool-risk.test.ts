import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCrn, type CrnParts } from '#contract/crn.ts';
import {
  effectiveAccess,
  type AccessBinding,
} from '#contract/effective-access.ts';
import { findRole } from '#contract/role-catalogue.ts';
import { checkFilter } from './check.ts';
import { evaluateFilter } from './evaluate.ts';
import {
  accessBeyond,
  broadAccessRisk,
  filterBreadth,
  isPowerfulRole,
  overlapRisks,
  POWERFUL_ROLES,
  type RiskPoolWithBindings,
} from './pool-risk.ts';
import { filterWitnesses, overlapWitness } from './witness.ts';

const ORG_ID = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const ORG = `crn://confluent.cloud/organization=${ORG_ID}`;
const ENV = `${ORG}/environment=env-1`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-1`;
const KAFKA = `${CLUSTER}/kafka=lkc-1`;
const topic = (name: string) => `${KAFKA}/topic=${name}`;

const OKTA = 'https://acme.okta.com';
const GOOGLE = 'https://accounts.google.com';

function binding(
  role_name: string,
  crn_pattern: string,
  poolId = 'pool-1',
  id = `rb-${poolId}-${role_name}-${crn_pattern}`,
): AccessBinding {
  return { id, principal: `User:${poolId}`, role_name, crn_pattern };
}

function pool(
  id: string,
  filter: string,
  bindings: [role: string, crn: string][],
): RiskPoolWithBindings {
  return {
    id,
    display_name: `${id}-name`,
    filter,
    bindings: bindings.map(([role, crn]) => binding(role, crn, id)),
  };
}

function matches(filter: string, claims: unknown): boolean {
  const result = evaluateFilter(filter, claims);
  return result.ok && result.matches;
}

describe('powerful roles', () => {
  test('are the roles of the issue, all of them in the catalogue', () => {
    expect([...POWERFUL_ROLES].sort()).toEqual([
      'AccountAdmin',
      'Assigner',
      'CloudClusterAdmin',
      'EnvironmentAdmin',
      'OrganizationAdmin',
      'ResourceOwner',
    ]);
    for (const role of POWERFUL_ROLES) {
      expect(findRole(role)).toBeDefined();
      expect(isPowerfulRole(role)).toBe(true);
    }
  });

  test('unknown and ordinary roles are not powerful, and names compare exactly', () => {
    expect(isPowerfulRole('MetricsViewer')).toBe(false);
    expect(isPowerfulRole('DeveloperWrite')).toBe(false);
    expect(isPowerfulRole('SuperAdmin')).toBe(false);
    expect(isPowerfulRole('cloudclusteradmin')).toBe(false);
    expect(isPowerfulRole('')).toBe(false);
  });
});

describe('filterBreadth', () => {
  test('a filter the linter finds always true matches every token', () => {
    for (const filter of ['true', ' ( true ) ', 'true || claims.sub == "a"']) {
      expect(filterBreadth(filter, { sharedIssuer: false })).toBe(
        'matches-every-token',
      );
      expect(filterBreadth(filter, { sharedIssuer: true })).toBe(
        'matches-every-token',
      );
    }
  });

  test('under a shared issuer, a filter without a sub or aud value is broad', () => {
    expect(filterBreadth('claims.email == "x"', { sharedIssuer: true })).toBe(
      'no-sub-or-aud',
    );
    expect(
      filterBreadth('claims.aud == "a" || claims.email == "x"', {
        sharedIssuer: true,
      }),
    ).toBe('no-sub-or-aud');
    expect(
      filterBreadth('claims.email == "x"', { sharedIssuer: false }),
    ).toBeUndefined();
  });

  test('a filter that constrains sub or aud on every path is not broad', () => {
    for (const filter of [
      'claims.aud == "kafka"',
      'claims.sub.startsWith("svc-") && claims.email == "x"',
      'claims.aud == "a" || claims.sub in ["b", "c"]',
    ]) {
      expect(filterBreadth(filter, { sharedIssuer: true })).toBeUndefined();
    }
  });

  test('an invalid filter has no breadth', () => {
    for (const filter of ['', 'claims.sub ==', 'size(claims.sub) > 1']) {
      expect(filterBreadth(filter, { sharedIssuer: true })).toBeUndefined();
    }
  });
});

describe('broadAccessRisk', () => {
  const names = new Map([
    ['lkc-x', 'dev-sandbox'],
    ['env-y', 'non-production'],
  ]);
  const sandbox = `${ORG}/environment=env-y/cloud-cluster=lkc-x`;

  test('`true` with CloudClusterAdmin says what any token could do', () => {
    const risk = broadAccessRisk(
      { id: 'pool-1', display_name: 'legacy-catch-all', filter: 'true' },
      [binding('CloudClusterAdmin', sandbox)],
      { issuer: OKTA, sharedIssuer: false, names },
    );
    expect(risk).toMatchObject({
      kind: 'broad-filter',
      poolId: 'pool-1',
      breadth: 'matches-every-token',
    });
    expect(risk?.powerful.map((entry) => entry.description)).toEqual([
      'CloudClusterAdmin on cluster dev-sandbox (lkc-x) (environment non-production (env-y))',
    ]);
    expect(risk?.message).toBe(
      'Any token issued by https://acme.okta.com lands in legacy-catch-all (its filter matches every token), so it could act as CloudClusterAdmin on cluster dev-sandbox (lkc-x) (environment non-production (env-y)).',
    );
  });

  test('`true` with only MetricsViewer or unknown roles is no risk', () => {
    const pool = { id: 'pool-1', display_name: 'metrics', filter: 'true' };
    const options = { issuer: OKTA, sharedIssuer: false };
    expect(
      broadAccessRisk(pool, [binding('MetricsViewer', ORG)], options),
    ).toBeUndefined();
    expect(
      broadAccessRisk(pool, [binding('SuperAdmin', ORG)], options),
    ).toBeUndefined();
    expect(broadAccessRisk(pool, [], options)).toBeUndefined();
  });

  test('a shared issuer and no sub or aud with EnvironmentAdmin is a risk', () => {
    const risk = broadAccessRisk(
      { id: 'pool-2', display_name: 'mail', filter: 'claims.email == "x"' },
      [
        binding('EnvironmentAdmin', `${ORG}/environment=env-y`),
        binding('DeveloperRead', topic('orders')),
      ],
      { issuer: GOOGLE, sharedIssuer: true, names },
    );
    expect(risk?.breadth).toBe('no-sub-or-aud');
    expect(risk?.powerful.map((entry) => entry.role)).toEqual([
      'EnvironmentAdmin',
    ]);
    expect(risk?.message).toBe(
      'A token issued to another organisation’s application can land in mail (its filter constrains neither sub nor aud on https://accounts.google.com, an issuer other organisations share), so it could act as EnvironmentAdmin on environment non-production (env-y).',
    );
  });

  test('a shared issuer with aud constrained is no risk', () => {
    expect(
      broadAccessRisk(
        {
          id: 'pool-3',
          display_name: 'ci',
          filter: 'claims.aud == "kafka" && claims.email == "x"',
        },
        [binding('OrganizationAdmin', ORG)],
        { issuer: GOOGLE, sharedIssuer: true },
      ),
    ).toBeUndefined();
  });

  test('several powerful roles are listed in effectiveAccess order, a covered one left out of the message', () => {
    const risk = broadAccessRisk(
      { id: 'pool-1', display_name: '', filter: 'true' },
      [
        binding('ResourceOwner', topic('payments-eu')),
        binding('DeveloperWrite', topic('x')),
        binding('ResourceOwner', topic('payments-*')),
        binding('EnvironmentAdmin', ENV),
      ],
      { issuer: '', sharedIssuer: false },
    );
    expect(risk?.powerful.map((entry) => entry.description)).toEqual([
      'EnvironmentAdmin on environment env-1',
      'ResourceOwner on topics "payments-*" in cluster lkc-1 (environment env-1)',
      'ResourceOwner on topic "payments-eu" in cluster lkc-1 (environment env-1)',
    ]);
    expect(risk?.message).toBe(
      'Any token issued by its provider lands in pool-1 (its filter matches every token), so it could act as EnvironmentAdmin on environment env-1 and ResourceOwner on topics "payments-*" in cluster lkc-1 (environment env-1).',
    );
  });

  test('three or more roles are joined with semicolons', () => {
    const risk = broadAccessRisk(
      { id: 'pool-1', display_name: 'all', filter: 'true' },
      [
        binding('OrganizationAdmin', ORG),
        binding('AccountAdmin', ORG),
        binding('CloudClusterAdmin', CLUSTER),
      ],
      { issuer: OKTA, sharedIssuer: false },
    );
    expect(risk?.message).toContain(
      `act as OrganizationAdmin on organization ${ORG_ID}; AccountAdmin on organization ${ORG_ID} and CloudClusterAdmin on cluster lkc-1 (environment env-1).`,
    );
  });

  test('a long list is cut short in the message, not in `powerful`', () => {
    const clusters = Array.from(
      { length: 8 },
      (_, i) => `${ENV}/cloud-cluster=lkc-${i}`,
    );
    const risk = broadAccessRisk(
      { id: 'pool-1', display_name: 'wide', filter: 'true' },
      clusters.map((crn) => binding('CloudClusterAdmin', crn)),
      { issuer: OKTA, sharedIssuer: false },
    );
    expect(risk?.powerful).toHaveLength(8);
    expect(risk?.message).toMatch(
      /; CloudClusterAdmin on cluster lkc-5 \(environment env-1\) and 2 more\.$/,
    );
  });

  test('a narrow filter is no risk whatever its roles', () => {
    expect(
      broadAccessRisk(
        { id: 'pool-1', display_name: 'ok', filter: 'claims.sub == "svc"' },
        [binding('OrganizationAdmin', ORG)],
        { issuer: OKTA, sharedIssuer: false },
      ),
    ).toBeUndefined();
  });
});

describe('filterWitnesses', () => {
  function only(filter: string) {
    const witnesses = filterWitnesses(filter);
    for (const witness of witnesses)
      expect(matches(filter, witness)).toBe(true);
    return witnesses;
  }

  test('`==` sets the value, either way round', () => {
    expect(only('claims.aud == "kafka"')).toEqual([{ aud: 'kafka' }]);
    expect(only('"kafka" == claims.aud')).toEqual([{ aud: 'kafka' }]);
  });

  test('`in [..]` picks the first item', () => {
    expect(only('claims.sub in ["a", "b"]')).toEqual([{ sub: 'a' }]);
  });

  test('startsWith, endsWith and contains build a string', () => {
    expect(only('claims.sub.startsWith("svc-")')).toEqual([
      { sub: 'svc-example' },
    ]);
    expect(only('claims.email.endsWith("@acme.com")')).toEqual([
      { email: 'example@acme.com' },
    ]);
    expect(only('claims.email.contains("ops")')).toEqual([{ email: 'ops' }]);
    const [both] = only(
      'claims.sub.startsWith("svc-") && claims.sub.endsWith("-prod") && claims.sub.contains("pay")',
    );
    expect(both).toEqual({ sub: 'svc-pay-prod' });
  });

  test('`"v" in claims.x` puts v in a list', () => {
    expect(only('"admins" in claims.groups')).toEqual([{ groups: ['admins'] }]);
    expect(only('"a" in claims.groups && "b" in claims.groups')).toEqual([
      { groups: ['a', 'b'] },
    ]);
    expect(only('claims.team in claims.groups')).toEqual([
      { team: 'example', groups: ['example'] },
    ]);
  });

  test('nested claims build nested objects', () => {
    expect(only('claims.ext.uid == "u1" && claims.ext.org.id == "o"')).toEqual([
      { ext: { uid: 'u1', org: { id: 'o' } } },
    ]);
    expect(only('claims["tenant-id"] == "t"')).toEqual([{ 'tenant-id': 't' }]);
  });

  test('`has()` sets a value, and its negation leaves the claim out of an object', () => {
    expect(only('has(claims.email)')).toEqual([{ email: 'example' }]);
    expect(only('has(claims.ext) && !has(claims.ext.revoked)')).toEqual([
      { ext: {} },
    ]);
    expect(only('!has(claims.revoked)')).toEqual([{}]);
    // A string has no fields either.
    expect(only('!has(claims.ext.uid) && claims.ext.contains("q")')).toEqual([
      { ext: 'q' },
    ]);
  });

  test('`||` gives one witness per branch, up to the limit', () => {
    const filter = 'claims.a == "x" || claims.b == "y" || claims.c == "z"';
    expect(only(filter)).toEqual([{ a: 'x' }, { b: 'y' }, { c: 'z' }]);
    expect(filterWitnesses(filter, 2)).toEqual([{ a: 'x' }, { b: 'y' }]);
    expect(filterWitnesses(filter, 0)).toEqual([]);
    expect(
      only(
        '(claims.aud == "a" || claims.aud == "b") && claims.email.contains("c")',
      ),
    ).toEqual([
      { aud: 'a', email: 'c' },
      { aud: 'b', email: 'c' },
    ]);
  });

  test('the same witness twice is given once', () => {
    expect(only('claims.a == "x" || "x" == claims.a')).toEqual([{ a: 'x' }]);
  });

  test('`!=` and negations pick a different value', () => {
    expect(only('claims.sub != "example"')).toEqual([{ sub: 'other' }]);
    expect(only('!(claims.sub == "a")')).toEqual([{ sub: 'example' }]);
    expect(only('!claims.sub.startsWith("e")')).toEqual([{ sub: 'other' }]);
    expect(only('!(claims.sub in ["example", "other"])')).toEqual([
      { sub: 'x' },
    ]);
    expect(only('!("x" in claims.groups)')).toEqual([{ groups: [] }]);
    expect(only('claims.a != claims.b')).toEqual([
      { a: 'example', b: 'other' },
    ]);
    // De Morgan: a negated `&&` is satisfied by either negation.
    expect(only('!(claims.a == "x" && claims.b == "y")')).toEqual([
      { a: 'example' },
      { b: 'example' },
    ]);
  });

  test('claims compared with each other share a value', () => {
    expect(only('claims.a == claims.b && claims.b == "q"')).toEqual([
      { a: 'q', b: 'q' },
    ]);
  });

  test('only claims the filter names are set: no issuer is invented', () => {
    const [witness] = only('claims.aud == "kafka"');
    expect(Object.keys(witness!)).toEqual(['aud']);
    expect(only('claims.iss == "https://x" && claims.aud == "k"')).toEqual([
      { iss: 'https://x', aud: 'k' },
    ]);
  });

  test('`true` is matched by empty claims, `false` and contradictions by none', () => {
    expect(only('true')).toEqual([{}]);
    expect(only('false')).toEqual([]);
    expect(only('claims.sub == "a" && claims.sub == "b"')).toEqual([]);
    expect(only('claims.sub.startsWith("a") && claims.sub == "b"')).toEqual([]);
    expect(only('claims.a == "x" && !(claims.a == "x")')).toEqual([]);
  });

  test('an invalid filter has no witnesses', () => {
    for (const filter of ['', 'claims.sub ==', 'claims.n > 1', 'x == "a"']) {
      expect(filterWitnesses(filter)).toEqual([]);
    }
  });

  test('a claim named like an Object.prototype property is an own property', () => {
    const filter = 'claims["__proto__"] == "p" && claims.constructor == "c"';
    const [witness] = only(filter);
    expect(Object.hasOwn(witness!, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(witness)).toBe(Object.prototype);
    expect(JSON.stringify(witness)).toBe('{"__proto__":"p","constructor":"c"}');
  });

  test('witnesses are copies: changing one does not change the next answer', () => {
    const [first] = filterWitnesses('claims.ext.uid == "u"');
    (first!.ext as Record<string, unknown>).uid = 'changed';
    expect(filterWitnesses('claims.ext.uid == "u"')).toEqual([
      { ext: { uid: 'u' } },
    ]);
  });

  test('the disjunctive form is capped, so wide and long filters stay cheap', () => {
    const or = (claim: string, n: number) =>
      `(${Array.from({ length: n }, (_, i) => `claims.${claim} == "${i}"`).join(' || ')})`;
    const wide = [or('a', 6), or('b', 6), or('c', 6), or('d', 6)].join(' && ');
    const witnesses = filterWitnesses(wide, 100);
    expect(witnesses.length).toBeGreaterThan(0);
    expect(witnesses.length).toBeLessThanOrEqual(16);
    const long = Array.from(
      { length: 300 },
      (_, i) => `claims.c${i} == "v"`,
    ).join(' && ');
    const [witness] = filterWitnesses(long);
    expect(Object.keys(witness!)).toHaveLength(300);
  });
});

describe('overlapWitness', () => {
  test('a witness of one filter that the other matches', () => {
    const a = 'claims.aud == "a"';
    const b =
      '(claims.aud == "a" || claims.aud == "b") && claims.email.contains("c")';
    const witness = overlapWitness(a, b);
    expect(witness).toEqual({ aud: 'a', email: 'c' });
    expect(overlapWitness(b, a)).toEqual({ aud: 'a', email: 'c' });
  });

  test('claims built for a disjunct of each together', () => {
    const a = 'claims.aud == "a"';
    const b = 'claims.email.contains("c")';
    expect(filterWitnesses(a).some((w) => matches(b, w))).toBe(false);
    expect(overlapWitness(a, b)).toEqual({ aud: 'a', email: 'c' });
  });

  test('no witness for filters that require different values', () => {
    expect(overlapWitness('claims.sub == "a"', 'claims.sub == "b"')).toBe(
      undefined,
    );
    expect(
      overlapWitness('claims.sub in ["a", "b"]', 'claims.sub.startsWith("c")'),
    ).toBeUndefined();
  });

  test('candidates are used when no witness is built', () => {
    // `in` on an object tests its keys; the builder makes `"a" in claims.ext`
    // a list, which `claims.ext.b` cannot read.
    const a = '"a" in claims.ext';
    const b = 'claims.ext.b == "c"';
    expect(overlapWitness(a, b)).toBeUndefined();
    const token = { ext: { a: 'x', b: 'c' }, sub: 'z', iss: OKTA };
    expect(overlapWitness(a, b, [{ ext: { b: 'c' } }, token])).toEqual(token);
    expect(
      overlapWitness(a, b, [{ ext: ['a'] }, { ext: { a: 'c' } }]),
    ).toBeUndefined();
  });

  test('an invalid filter overlaps nothing', () => {
    expect(overlapWitness('claims.sub ==', 'true', [{}])).toBeUndefined();
    expect(overlapWitness('true', '', [{}])).toBeUndefined();
  });

  test('odd candidates do not throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    expect(
      overlapWitness('claims.a == "x"', 'claims.a == "y"', [hostile]),
    ).toBeUndefined();
  });
});

describe('broad access of group mappings and certificate pools', () => {
  const names = new Map([
    ['lkc-x', 'dev-sandbox'],
    ['env-y', 'non-production'],
  ]);
  const sandbox = `${ORG}/environment=env-y/cloud-cluster=lkc-x`;

  test('only an always-true filter is broad, read in its own dialect', () => {
    for (const dialect of ['group-mapping', 'certificate-pool'] as const) {
      expect(filterBreadth('true', { dialect })).toBe('matches-every-token');
      expect(filterBreadth('claims.aud == "a"', { dialect })).toBeUndefined();
      expect(filterBreadth('', { dialect })).toBeUndefined();
    }
    expect(
      filterBreadth('"eng" in groups || true', { dialect: 'group-mapping' }),
    ).toBe('matches-every-token');
    expect(
      filterBreadth('"eng" in groups', { dialect: 'group-mapping' }),
    ).toBeUndefined();
    expect(
      filterBreadth("CN == 'svc'", { dialect: 'certificate-pool' }),
    ).toBeUndefined();
  });

  test('a group mapping with `true` and OrganizationAdmin: every SSO user gets it', () => {
    const risk = broadAccessRisk(
      { id: 'group-1', display_name: 'Stream engineers', filter: 'true' },
      [
        binding('OrganizationAdmin', ORG, 'group-1'),
        binding('MetricsViewer', ORG, 'group-1'),
      ],
      { dialect: 'group-mapping', names },
    );
    expect(risk).toMatchObject({
      kind: 'broad-filter',
      poolId: 'group-1',
      breadth: 'matches-every-token',
    });
    expect(risk?.powerful.map((entry) => entry.role)).toEqual([
      'OrganizationAdmin',
    ]);
    expect(risk?.message).toBe(
      `Every SSO user of the organisation gets Stream engineers (its filter matches every user), so they could act as OrganizationAdmin on organization ${ORG_ID}.`,
    );
  });

  test('a certificate pool with `true` and CloudClusterAdmin: every certificate of the authority lands in it', () => {
    const risk = broadAccessRisk(
      { id: 'pool-c', display_name: 'any-acme-workload', filter: 'true' },
      [binding('CloudClusterAdmin', sandbox, 'pool-c')],
      { dialect: 'certificate-pool', names },
    );
    expect(risk?.breadth).toBe('matches-every-token');
    expect(risk?.message).toBe(
      'Every certificate issued by this certificate authority lands in any-acme-workload (its filter matches every certificate), so it could act as CloudClusterAdmin on cluster dev-sandbox (lkc-x) (environment non-production (env-y)).',
    );
  });

  test('a narrow filter, or `true` with only harmless roles, is no risk', () => {
    const cases = [
      ['group-mapping', '"platform" in groups'],
      ['certificate-pool', "O == 'Acme' && CN.startsWith('orders-')"],
    ] as const;
    for (const [dialect, narrow] of cases) {
      const object = { id: 'obj-1', display_name: 'obj', filter: narrow };
      expect(
        broadAccessRisk(object, [binding('OrganizationAdmin', ORG, 'obj-1')], {
          dialect,
        }),
      ).toBeUndefined();
      expect(
        broadAccessRisk(
          { ...object, filter: 'true' },
          [
            binding('DataDiscovery', ENV, 'obj-1'),
            binding('FlinkDeveloper', ENV, 'obj-1'),
            binding('MetricsViewer', ORG, 'obj-1'),
          ],
          { dialect },
        ),
      ).toBeUndefined();
    }
  });
});

describe('accessBeyond', () => {
  test('a prefix of the same role covers the names it starts', () => {
    const mine = [binding('DeveloperRead', topic('payments-eu'))];
    expect(
      accessBeyond(mine, [binding('DeveloperRead', topic('pay*'), 'pool-2')]),
    ).toEqual([]);
    expect(
      accessBeyond(mine, [
        binding('DeveloperRead', topic('orders*'), 'pool-2'),
      ]).map((entry) => entry.description),
    ).toEqual([
      'DeveloperRead on topic "payments-eu" in cluster lkc-1 (environment env-1)',
    ]);
  });

  test('the cluster, environment or organization of the same role covers what it holds', () => {
    const mine = [
      binding('DeveloperRead', topic('a')),
      binding('DeveloperRead', CLUSTER),
    ];
    for (const scope of [CLUSTER, `${CLUSTER}/kafka=lkc-1`, ENV, ORG]) {
      expect(
        accessBeyond(mine, [binding('DeveloperRead', scope, 'pool-2')]),
      ).toEqual([]);
    }
  });

  test('another role, a narrower binding or another cluster does not cover', () => {
    const mine = [binding('DeveloperWrite', CLUSTER)];
    const uncovered = (other: AccessBinding[]) =>
      accessBeyond(mine, other).map((entry) => entry.description);
    const expected = ['DeveloperWrite on cluster lkc-1 (environment env-1)'];
    expect(uncovered([binding('DeveloperRead', ORG, 'pool-2')])).toEqual(
      expected,
    );
    expect(
      uncovered([binding('DeveloperWrite', topic('*'), 'pool-2')]),
    ).toEqual(expected);
    expect(
      uncovered([
        binding('DeveloperWrite', `${ENV}/cloud-cluster=lkc-2`, 'pool-2'),
      ]),
    ).toEqual(expected);
    // OrganizationAdmin holds more, but roles compare by name.
    expect(
      accessBeyond(
        [binding('EnvironmentAdmin', ENV)],
        [binding('OrganizationAdmin', ORG, 'pool-2')],
      ),
    ).toHaveLength(1);
  });

  test('escaped colons and unparsed patterns compare as the same text', () => {
    const escaped = topic('a').replaceAll(':', '%3A').replace('crn%3A', 'crn:');
    expect(
      accessBeyond(
        [binding('DeveloperRead', escaped)],
        [binding('DeveloperRead', topic('a'), 'pool-2')],
      ),
    ).toEqual([]);
    expect(
      accessBeyond(
        [binding('DeveloperRead', 'not a crn')],
        [binding('DeveloperRead', 'not a crn', 'pool-2')],
      ),
    ).toEqual([]);
  });

  test('entries keep effectiveAccess order, names and pools', () => {
    const names = new Map([['lkc-1', 'main']]);
    const entries = accessBeyond(
      [
        binding('DeveloperRead', topic('b')),
        binding('CloudClusterAdmin', CLUSTER),
      ],
      [],
      names,
    );
    expect(entries.map((entry) => entry.description)).toEqual([
      'CloudClusterAdmin on cluster main (lkc-1) (environment env-1)',
      'DeveloperRead on topic "b" in cluster main (lkc-1) (environment env-1)',
    ]);
    expect(entries[0]?.pools).toEqual(['pool-1']);
  });
});

describe('overlapRisks', () => {
  const staging = pool('pool-1', 'claims.aud == "a"', [
    ['DeveloperRead', topic('orders')],
  ]);
  const sink = pool(
    'pool-2',
    '(claims.aud == "a" || claims.aud == "b") && claims.email.contains("c")',
    [
      ['DeveloperRead', topic('orders')],
      ['DeveloperRead', topic('lakehouse.*')],
    ],
  );

  test('reports a pool some token lands in with what it gives beyond', () => {
    const [risk, ...rest] = overlapRisks(staging, [sink]);
    expect(rest).toEqual([]);
    expect(risk).toMatchObject({
      kind: 'overlap',
      poolId: 'pool-1',
      otherPoolId: 'pool-2',
      otherPoolName: 'pool-2-name',
      witness: { aud: 'a', email: 'c' },
      thisGivesMore: [],
    });
    expect(risk?.otherGivesMore.map((entry) => entry.description)).toEqual([
      'DeveloperRead on topics "lakehouse.*" in cluster lkc-1 (environment env-1)',
    ]);
    expect(risk?.message).toBe(
      'A token with {"aud":"a","email":"c"} lands in both this pool and pool-2-name; pool-2-name also gives DeveloperRead on topics "lakehouse.*" in cluster lkc-1 (environment env-1).',
    );
  });

  test('says what each side gives beyond the other', () => {
    const other = pool('pool-3', 'claims.aud in ["a", "z"]', [
      ['DeveloperWrite', topic('audit')],
    ]);
    const [risk] = overlapRisks(staging, [other], {
      names: new Map([['lkc-1', 'main']]),
    });
    expect(risk?.thisGivesMore.map((entry) => entry.role)).toEqual([
      'DeveloperRead',
    ]);
    expect(risk?.message).toBe(
      'A token with {"aud":"a"} lands in both this pool and pool-3-name; pool-3-name also gives DeveloperWrite on topic "audit" in cluster main (lkc-1) (environment env-1), and this pool also gives DeveloperRead on topic "orders" in cluster main (lkc-1) (environment env-1).',
    );
  });

  test('equal access is no risk, nor is access the other already covers', () => {
    const same = pool('pool-4', 'claims.aud == "a"', [
      ['DeveloperRead', topic('orders')],
    ]);
    const broader = pool('pool-5', 'claims.aud == "a"', [
      ['DeveloperRead', topic('ord*')],
    ]);
    expect(overlapRisks(staging, [same])).toEqual([]);
    const [risk] = overlapRisks(staging, [broader]);
    expect(risk?.thisGivesMore).toEqual([]);
    expect(risk?.otherGivesMore).toHaveLength(1);
    expect(overlapRisks(broader, [staging])[0]?.message).toContain(
      'this pool also gives DeveloperRead on topics "ord*"',
    );
  });

  test('pools no token lands in together, invalid filters and the pool itself are left out', () => {
    const disjoint = pool('pool-6', 'claims.aud == "other"', [
      ['CloudClusterAdmin', CLUSTER],
    ]);
    const invalid = pool('pool-7', 'claims.aud ==', [
      ['CloudClusterAdmin', CLUSTER],
    ]);
    const itself = { ...staging, bindings: [binding('X', ORG)] };
    expect(overlapRisks(staging, [disjoint, invalid, itself])).toEqual([]);
    expect(overlapRisks(invalid, [staging])).toEqual([]);
  });

  test('candidates show an overlap the builder misses, with only the claims the filters name', () => {
    const a = pool('pool-8', '"a" in claims.ext', [
      ['DeveloperRead', topic('a')],
    ]);
    const b = pool('pool-9', 'claims.ext.b == "c"', [
      ['DeveloperRead', topic('b')],
    ]);
    expect(overlapRisks(a, [b])).toEqual([]);
    const token = { ext: { a: 'x', b: 'c' }, sub: 'z', iss: OKTA };
    const [risk] = overlapRisks(a, [b], { candidates: [token] });
    expect(risk?.witness).toEqual(token);
    expect(risk?.message).toMatch(
      /^A token with \{"ext":\{"a":"x","b":"c"\}\} lands in both this pool and pool-9-name;/,
    );
  });

  test('filters naming no claim overlap for any token', () => {
    const everything = pool('pool-10', 'true', [['DeveloperRead', ORG]]);
    const [risk] = overlapRisks(staging, [everything]);
    expect(risk?.message).toMatch(/^A token with \{"aud":"a"\} lands in both/);
    const alsoEverything = pool('pool-11', 'true', [['DeveloperWrite', ORG]]);
    expect(overlapRisks(everything, [alsoEverything])[0]?.message).toMatch(
      /^Any token lands in both this pool and pool-11-name;/,
    );
  });

  test('one pool against 300 others finds the overlaps', () => {
    const others = (offset: number) =>
      Array.from({ length: 300 }, (_, i) => {
        const n = i + offset;
        const filters = [
          `claims.aud == "kafka-${n % 7}" && claims.sub.startsWith("svc-${n}")`,
          `claims.aud == "kafka-${n % 7}" && ("team-${n % 13}" in claims.groups || claims.email.endsWith("@t${n % 5}.example"))`,
          `(claims.aud == "a" || claims.aud == "b") && claims.email.contains("${n % 11}") && !has(claims.ext.revoked)`,
          `claims.sub in ["s${n}", "s${n + 1}"] && claims.iss == "https://x"`,
        ];
        return pool(
          `pool-${n}`,
          filters[n % 4]!,
          Array.from({ length: 4 }, (_, j) => [
            ['DeveloperRead', 'DeveloperWrite', 'CloudClusterAdmin'][
              (n + j) % 3
            ]!,
            `${ENV}/cloud-cluster=lkc-${j}/kafka=lkc-${j}/topic=t${(n * j) % 17}*`,
          ]),
        );
      });
    // Its speed is measured by the bench ("Effective access"), not here.
    const fresh = others(10_000);
    expect(overlapRisks(fresh[2]!, fresh).length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Property tests

const CLAIMS = [
  'claims.sub',
  'claims.aud',
  'claims.email',
  'claims.groups',
  'claims.ext.uid',
  'claims["tenant-id"]',
] as const;
const DOTTED = CLAIMS.filter((claim) => !claim.includes('['));
const STRINGS = ['a', 'b', 'ab', 'ba', '', 'svc-'].map((text) =>
  JSON.stringify(text),
);

const claim = fc.constantFrom(...CLAIMS);
const literal = fc.constantFrom(...STRINGS);

const atom: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(claim, fc.constantFrom('==', '!='), literal, fc.boolean())
    .map(([c, op, s, flip]) => (flip ? `${s} ${op} ${c}` : `${c} ${op} ${s}`)),
  fc
    .tuple(claim, fc.constantFrom('==', '!='), claim)
    .map(([a, op, b]) => `${a} ${op} ${b}`),
  fc
    .tuple(claim, fc.array(literal, { maxLength: 3 }))
    .map(([c, items]) => `${c} in [${items.join(', ')}]`),
  fc.tuple(literal, claim).map(([s, c]) => `${s} in ${c}`),
  fc.tuple(claim, claim).map(([a, b]) => `${a} in ${b}`),
  fc
    .tuple(
      claim,
      fc.constantFrom('startsWith', 'endsWith', 'contains'),
      literal,
    )
    .map(([c, method, s]) => `${c}.${method}(${s})`),
  fc.constantFrom(...DOTTED).map((c) => `has(${c})`),
  fc.constantFrom('true', 'false'),
);

const filterText: fc.Arbitrary<string> = fc.letrec<{ filter: string }>(
  (tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      tie('filter').map((inner) => `!(${inner})`),
      fc
        .tuple(tie('filter'), fc.constantFrom('&&', '||'), tie('filter'))
        .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    ),
  }),
).filter;

test('every witness satisfies its filter and is plain JSON', () => {
  fc.assert(
    fc.property(
      filterText,
      fc.integer({ min: 1, max: 20 }),
      (filter, limit) => {
        expect(checkFilter(filter).valid).toBe(true);
        const witnesses = filterWitnesses(filter, limit);
        expect(witnesses.length).toBeLessThanOrEqual(Math.min(limit, 16));
        for (const witness of witnesses) {
          expect(matches(filter, witness)).toBe(true);
          expect(JSON.parse(JSON.stringify(witness))).toEqual(witness);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('a conjunction of positive conditions on distinct claims always has a witness', () => {
  const conditions = [
    fc.constantFrom('"a"', '"b"').map((s) => `claims.sub == ${s}`),
    fc
      .array(literal, { minLength: 1, maxLength: 3 })
      .map((items) => `claims.aud in [${items.join(', ')}]`),
    fc
      .tuple(
        fc.constantFrom('startsWith', 'endsWith', 'contains'),
        literal,
        fc.constantFrom('startsWith', 'endsWith', 'contains'),
        literal,
      )
      .map(
        ([m1, s1, m2, s2]) =>
          `claims.email.${m1}(${s1}) && claims.email.${m2}(${s2})`,
      ),
    literal.map((s) => `${s} in claims.groups`),
    fc.constant('has(claims.ext.uid)'),
    literal.map((s) => `claims["tenant-id"] != ${s}`),
  ];
  fc.assert(
    fc.property(
      fc
        .subarray(conditions, { minLength: 1 })
        .chain((picked) => fc.tuple(...picked)),
      (parts) => {
        const filter = parts.join(' && ');
        // startsWith("ab") with startsWith("ba") cannot hold together.
        const email =
          /claims\.email\.(\w+)\(("[^"]*")\) && claims\.email\.(\w+)\(("[^"]*")\)/.exec(
            filter,
          );
        fc.pre(
          email === null ||
            email[1] !== email[3] ||
            email[1] === 'contains' ||
            compatible(email[1]!, JSON.parse(email[2]!), JSON.parse(email[4]!)),
        );
        expect(filterWitnesses(filter).length).toBe(1);
      },
    ),
    { numRuns: 300 },
  );
});

function compatible(method: string, a: string, b: string): boolean {
  return method === 'startsWith'
    ? a.startsWith(b) || b.startsWith(a)
    : a.endsWith(b) || b.endsWith(a);
}

test('an overlap witness satisfies both filters, and one is found when a witness of either fits the other', () => {
  fc.assert(
    fc.property(filterText, filterText, (a, b) => {
      const witness = overlapWitness(a, b);
      if (witness !== undefined) {
        expect(matches(a, witness)).toBe(true);
        expect(matches(b, witness)).toBe(true);
      }
      const fits =
        filterWitnesses(a, 16).some((w) => matches(b, w)) ||
        filterWitnesses(b, 16).some((w) => matches(a, w));
      if (fits) expect(witness).toBeDefined();
    }),
    { numRuns: 300 },
  );
});

const few = (values: string[]) => fc.constantFrom(...values);
const resourceName = fc.stringMatching(/^[ab]{1,3}$/);
const scopeParts: fc.Arbitrary<CrnParts> = fc.record({
  organization: few(['o1', 'o2']),
  environment: few(['e1', 'e2']),
});
const crnArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    fc.record({ organization: few(['o1', 'o2']) }),
    scopeParts,
    scopeParts.chain((parts) =>
      few(['c1', 'c2']).map((cloudCluster) => ({ ...parts, cloudCluster })),
    ),
    scopeParts.chain((parts) =>
      fc
        .record({
          cloudCluster: few(['c1', 'c2']),
          type: fc.constantFrom('topic', 'group' as const),
          name: fc.oneof(resourceName, fc.constant('')),
          isPrefix: fc.boolean(),
        })
        .map(({ cloudCluster, type, name, isPrefix }) => ({
          ...parts,
          cloudCluster,
          kafkaCluster: cloudCluster,
          resource: { type, name, isPrefix: isPrefix || name === '' },
        })),
    ),
  )
  .map((parts) => buildCrn(parts));

const bindingsArbitrary = (poolId: string) =>
  fc
    .array(
      fc.record({
        crn: fc.oneof(
          { arbitrary: crnArbitrary, weight: 9 },
          { arbitrary: fc.constant('not a crn'), weight: 1 },
        ),
        role: few(['DeveloperRead', 'DeveloperWrite', 'Mystery']),
      }),
      { maxLength: 12 },
    )
    .map((rows) =>
      rows.map(({ crn, role }, at) =>
        binding(role, crn, poolId, `${poolId}-rb-${at}`),
      ),
    );

test('accessBeyond of bindings against themselves, or against more, is empty', () => {
  fc.assert(
    fc.property(
      bindingsArbitrary('p1'),
      bindingsArbitrary('p2'),
      (mine, theirs) => {
        expect(accessBeyond(mine, mine)).toEqual([]);
        expect(accessBeyond(mine, [...theirs, ...mine])).toEqual([]);
        // Against nothing it is all of effectiveAccess.
        expect(accessBeyond(mine, [])).toEqual(
          effectiveAccess(mine.map((b) => ({ poolId: 'p1', binding: b }))),
        );
      },
    ),
    { numRuns: 300 },
  );
});
