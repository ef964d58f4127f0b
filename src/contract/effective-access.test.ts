import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCrn, type CrnParts } from './crn.ts';
import {
  bindingReach,
  describeScope,
  effectiveAccess,
  indexBindings,
  inheritedBy,
  REACH_KINDS,
  whoReaches,
  type AccessBinding,
  type PoolBinding,
  type Reach,
} from './effective-access.ts';

const ORG_ID = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const ORG = `crn://confluent.cloud/organization=${ORG_ID}`;
const ENV = `${ORG}/environment=env-1`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-1`;
const KAFKA = `${CLUSTER}/kafka=lkc-1`;
const OTHER_CLUSTER = `${ENV}/cloud-cluster=lkc-2`;
const SR = `${ENV}/schema-registry=lsrc-1`;

const topic = (name: string) => `${KAFKA}/topic=${name}`;

let nextId = 0;
function binding(crn_pattern: string, role_name = 'DeveloperRead') {
  nextId += 1;
  return {
    id: `rb-${nextId}`,
    principal: `User:pool-${nextId}`,
    role_name,
    crn_pattern,
  } satisfies AccessBinding;
}

describe('bindingReach', () => {
  test('a literal reaches only the same resource', () => {
    expect(bindingReach(topic('orders'), topic('orders'))).toBe('exact');
    expect(bindingReach(topic('orders'), topic('orders-eu'))).toBeUndefined();
    expect(bindingReach(topic('orders-eu'), topic('orders'))).toBeUndefined();
  });

  test('a prefix reaches the names it starts, the name equal to it included', () => {
    expect(bindingReach(topic('pay*'), topic('payments-eu'))).toBe('prefix');
    expect(bindingReach(topic('payments*'), topic('payments'))).toBe('prefix');
    expect(bindingReach(topic('payments*'), topic('paymen'))).toBeUndefined();
    expect(bindingReach(topic('payments*'), topic('xpayments'))).toBe(
      undefined,
    );
  });

  test('`*` alone reaches every resource of its type in its cluster', () => {
    expect(bindingReach(topic('*'), topic('anything'))).toBe('prefix');
    expect(bindingReach(`${SR}/subject=*`, `${SR}/subject=a-value`)).toBe(
      'prefix',
    );
    expect(
      bindingReach(topic('*'), `${OTHER_CLUSTER}/kafka=lkc-2/topic=x`),
    ).toBeUndefined();
  });

  test('types never mix: a topic prefix does not reach a group or a transactional id', () => {
    expect(bindingReach(topic('app*'), `${KAFKA}/group=app-1`)).toBe(undefined);
    expect(bindingReach(`${KAFKA}/group=app*`, `${KAFKA}/group=app-1`)).toBe(
      'prefix',
    );
    expect(
      bindingReach(topic('*'), `${KAFKA}/transactional-id=app`),
    ).toBeUndefined();
  });

  test("the CLI's transactionalid= and Terraform's transactional-id= are one type", () => {
    expect(
      bindingReach(
        `${KAFKA}/transactionalid=tx-*`,
        `${KAFKA}/transactional-id=tx-1`,
      ),
    ).toBe('prefix');
  });

  test('scopes reach everything inside them, with their level', () => {
    expect(bindingReach(CLUSTER, topic('orders'))).toBe('cluster');
    expect(bindingReach(ENV, topic('orders'))).toBe('environment');
    expect(bindingReach(ORG, topic('orders'))).toBe('organization');
    expect(bindingReach(ENV, `${SR}/subject=orders-value`)).toBe('environment');
    expect(bindingReach(ORG, `${ORG}/service-account=sa-1`)).toBe(
      'organization',
    );
    expect(bindingReach(OTHER_CLUSTER, topic('orders'))).toBeUndefined();
    expect(
      bindingReach(`${ORG}/environment=env-2`, topic('orders')),
    ).toBeUndefined();
    expect(
      bindingReach('crn://confluent.cloud/organization=other', topic('orders')),
    ).toBeUndefined();
  });

  test('a cluster binding does not reach the Schema Registry of its environment', () => {
    expect(bindingReach(CLUSTER, `${SR}/subject=orders-value`)).toBe(undefined);
    expect(
      bindingReach(CLUSTER, `${CLUSTER}/schema-registry=lsrc-1/subject=x`),
    ).toBeUndefined();
    expect(bindingReach(SR, `${SR}/subject=x`)).toBe('cluster');
  });

  test('a cluster is one place, written with or without /kafka=', () => {
    expect(bindingReach(CLUSTER, CLUSTER)).toBe('cluster');
    expect(bindingReach(CLUSTER, KAFKA)).toBe('cluster');
    expect(bindingReach(KAFKA, topic('orders'))).toBe('cluster');
    // A connector the CLI writes without kafka= and one written with it.
    expect(
      bindingReach(`${CLUSTER}/connector=sink`, `${KAFKA}/connector=sink`),
    ).toBe('exact');
  });

  test('%3A and : count alike', () => {
    expect(
      bindingReach(`${SR}/subject=a%3Ab*`, `${SR}/subject=a:b-value`),
    ).toBe('prefix');
    expect(
      bindingReach(`${SR}/subject=a:b-value`, `${SR}/subject=a%3ab-value`),
    ).toBe('exact');
  });

  test('asked about a prefix or a scope, narrower bindings are within it', () => {
    expect(bindingReach(topic('payments-*'), topic('payments-*'))).toBe(
      'exact',
    );
    expect(bindingReach(topic('pay*'), topic('payments-*'))).toBe('prefix');
    expect(bindingReach(topic('payments-eu'), topic('payments-*'))).toBe(
      'within',
    );
    expect(bindingReach(topic('payments-eu*'), topic('payments-*'))).toBe(
      'within',
    );
    expect(bindingReach(topic('payments'), topic('payments-*'))).toBe(
      undefined,
    );
    expect(bindingReach(topic('orders'), CLUSTER)).toBe('within');
    expect(bindingReach(CLUSTER, ENV)).toBe('within');
    expect(bindingReach(ENV, CLUSTER)).toBe('environment');
    expect(bindingReach(ENV, ENV)).toBe('environment');
  });

  test('patterns that do not parse reach nothing', () => {
    expect(bindingReach('crn://nope', topic('x'))).toBeUndefined();
    expect(bindingReach(topic('x'), 'not a crn')).toBeUndefined();
  });
});

describe('whoReaches', () => {
  const exact = binding(topic('payments-eu'), 'DeveloperWrite');
  const short = binding(topic('pay*'));
  const long = binding(topic('payments-*'));
  const equal = binding(topic('payments-eu*'));
  const all = binding(topic('*'));
  const cluster = binding(CLUSTER, 'CloudClusterAdmin');
  const env = binding(ENV, 'EnvironmentAdmin');
  const org = binding(ORG, 'OrganizationAdmin');
  const group = binding(`${KAFKA}/group=pay*`);
  const elsewhere = binding(`${OTHER_CLUSTER}/kafka=lkc-2/topic=payments-eu`);
  const sibling = binding(topic('payments-us'));
  const broken = binding('crn://confluent.cloud/oops');
  const index = indexBindings([
    org,
    env,
    cluster,
    all,
    short,
    long,
    equal,
    exact,
    group,
    elsewhere,
    sibling,
    broken,
  ]);
  const brief = (reaches: Reach[]) =>
    reaches.map((reach) => [reach.binding.id, reach.kind]);

  test('most specific first: exact, longer prefixes, cluster, environment, organization', () => {
    expect(brief(whoReaches(index, topic('payments-eu')))).toEqual([
      [exact.id, 'exact'],
      [equal.id, 'prefix'],
      [long.id, 'prefix'],
      [short.id, 'prefix'],
      [all.id, 'prefix'],
      [cluster.id, 'cluster'],
      [env.id, 'environment'],
      [org.id, 'organization'],
    ]);
  });

  test('a prefix question lists the bindings within it last', () => {
    expect(brief(whoReaches(index, topic('payments-*')))).toEqual([
      [long.id, 'exact'],
      [short.id, 'prefix'],
      [all.id, 'prefix'],
      [cluster.id, 'cluster'],
      [env.id, 'environment'],
      [org.id, 'organization'],
      [exact.id, 'within'],
      [equal.id, 'within'],
      [sibling.id, 'within'],
    ]);
    expect(
      brief(whoReaches(index, topic('payments-*'), { excludeWithin: true })),
    ).not.toContainEqual([exact.id, 'within']);
  });

  test('a cluster question: the scopes above, then what is inside', () => {
    const answer = brief(whoReaches(index, KAFKA));
    expect(answer.slice(0, 3)).toEqual([
      [cluster.id, 'cluster'],
      [env.id, 'environment'],
      [org.id, 'organization'],
    ]);
    expect(
      answer
        .slice(3)
        .map(([id]) => id)
        .sort(),
    ).toEqual(
      [all, short, long, equal, exact, group, sibling].map((b) => b.id).sort(),
    );
    expect(answer.every(([id]) => id !== elsewhere.id)).toBe(true);
  });

  test('unparsed bindings and questions reach nothing', () => {
    expect(index.unparsed).toEqual([broken]);
    expect(whoReaches(index, 'crn://nope')).toEqual([]);
  });
});

describe('effectiveAccess', () => {
  const tagged = (poolId: string, b: AccessBinding): PoolBinding => ({
    poolId,
    binding: b,
  });

  test('one entry per role and scope, listing every pool that gives it', () => {
    const write = binding(topic('payments-*'), 'DeveloperWrite');
    const sameAgain = binding(topic('payments-*'), 'DeveloperWrite');
    const entries = effectiveAccess([
      tagged('pool-a', write),
      tagged('pool-b', sameAgain),
      tagged('pool-b', write),
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      role: 'DeveloperWrite',
      knownRole: true,
      pools: ['pool-a', 'pool-b'],
      bindingIds: [write.id, sameAgain.id],
      coveredBy: [],
      scope: {
        kind: 'resources',
        environment: 'env-1',
        cluster: 'lkc-1',
        clusterType: 'kafka',
        resourceType: 'topic',
        name: 'payments-',
        isPrefix: true,
      },
      description:
        'DeveloperWrite on topics "payments-*" in cluster lkc-1 (environment env-1)',
    });
  });

  test('%3A and : make one entry', () => {
    const entries = effectiveAccess([
      tagged('pool-a', binding(`${SR}/subject=a%3Ab`)),
      tagged('pool-b', binding(`${SR}/subject=a:b`)),
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.crnPattern).toBe(`${SR}/subject=a:b`);
    expect(entries[0]!.description).toBe(
      'DeveloperRead on subject "a:b" in Schema Registry lsrc-1 (environment env-1)',
    );
  });

  test('a narrower entry covered by a broader one of the same role is kept and marked', () => {
    const entries = effectiveAccess([
      tagged('pool-a', binding(topic('payments-eu'))),
      tagged('pool-b', binding(topic('payments-*'))),
      tagged('pool-c', binding(topic('*'))),
      tagged('pool-a', binding(topic('orders'), 'DeveloperWrite')),
      tagged('pool-a', binding(CLUSTER, 'CloudClusterAdmin')),
      tagged('pool-b', binding(KAFKA, 'CloudClusterAdmin')),
      tagged('pool-c', binding(ENV, 'MetricsViewer')),
      tagged('pool-c', binding(CLUSTER, 'MetricsViewer')),
    ]);
    const find = (role: string, pattern: string) =>
      entries.find((e) => e.role === role && e.crnPattern === pattern)!;
    expect(find('DeveloperRead', topic('payments-eu')).coveredBy).toEqual([
      {
        crnPattern: topic('payments-*'),
        description:
          'DeveloperRead on topics "payments-*" in cluster lkc-1 (environment env-1)',
        reach: 'prefix',
      },
      {
        crnPattern: topic('*'),
        description:
          'DeveloperRead on every topic in cluster lkc-1 (environment env-1)',
        reach: 'prefix',
      },
    ]);
    expect(find('DeveloperRead', topic('*')).coveredBy).toEqual([]);
    // Another role's broader binding does not cover it.
    expect(find('DeveloperWrite', topic('orders')).coveredBy).toEqual([]);
    // The cluster written two ways is one entry, given by both pools.
    const admin = entries.filter((e) => e.role === 'CloudClusterAdmin');
    expect(admin).toHaveLength(1);
    expect(admin[0]!.pools).toEqual(['pool-a', 'pool-b']);
    expect(
      find('MetricsViewer', CLUSTER).coveredBy.map((c) => c.reach),
    ).toEqual(['environment']);
  });

  test('ordered by role as the catalogue lists them, broad scopes first, unknown roles last', () => {
    const entries = effectiveAccess([
      tagged('p', binding(topic('x'), 'DeveloperRead')),
      tagged('p', binding(ORG, 'SuperUser')),
      tagged('p', binding(CLUSTER, 'CloudClusterAdmin')),
      tagged('p', binding(ENV, 'MetricsViewer')),
      tagged('p', binding(ORG, 'MetricsViewer')),
    ]);
    expect(entries.map((e) => [e.role, e.scope.kind])).toEqual([
      ['MetricsViewer', 'organization'],
      ['MetricsViewer', 'environment'],
      ['CloudClusterAdmin', 'cluster'],
      ['DeveloperRead', 'resources'],
      ['SuperUser', 'organization'],
    ]);
    expect(entries.at(-1)).toMatchObject({
      knownRole: false,
      description: `SuperUser on organization ${ORG_ID}`,
    });
  });

  test('scopes are described explicitly, with display names when given', () => {
    const names = new Map([
      ['lkc-1', 'orders-prod'],
      ['env-1', 'production'],
    ]);
    const [cluster, group, env] = [
      effectiveAccess(
        [tagged('p', binding(CLUSTER, 'CloudClusterAdmin'))],
        names,
      )[0]!,
      effectiveAccess([tagged('p', binding(`${KAFKA}/group=app-1`))])[0]!,
      effectiveAccess(
        [tagged('p', binding(ENV, 'EnvironmentAdmin'))],
        names,
      )[0]!,
    ];
    expect(cluster.description).toBe(
      'CloudClusterAdmin on cluster orders-prod (lkc-1) (environment production (env-1))',
    );
    expect(group.description).toBe(
      'DeveloperRead on consumer group "app-1" in cluster lkc-1 (environment env-1)',
    );
    expect(env.scope).toEqual({
      kind: 'environment',
      organization: ORG_ID,
      environment: 'env-1',
    });
    expect(describeScope({ kind: 'other', crnPattern: 'crn://x' })).toBe(
      'crn://x',
    );
    expect(
      effectiveAccess([
        tagged('p', binding(`${ORG}/service-account=sa-1`, 'Assigner')),
      ])[0]!.description,
    ).toBe('Assigner on service account "sa-1" in the organization');
  });

  test('what a binding at a scope also holds is said, with names; a resource binding holds only itself', () => {
    const names = new Map([
      ['env-1', 'production'],
      ['lkc-1', 'orders-prod'],
    ]);
    const scopes = effectiveAccess(
      [
        tagged('p', binding(ORG, 'MetricsViewer')),
        tagged('p', binding(ENV, 'EnvironmentAdmin')),
        tagged('p', binding(CLUSTER, 'CloudClusterAdmin')),
        tagged('p', binding(`${KAFKA}/topic=orders`, 'DeveloperRead')),
      ],
      names,
    ).map((entry) => inheritedBy(entry.scope, names));
    expect(scopes).toEqual([
      'every environment, cluster and resource of the organization',
      'every cluster, Schema Registry and resource in environment production (env-1)',
      'every topic, consumer group, transactional id and connector of cluster orders-prod (lkc-1)',
      undefined,
    ]);
  });

  test('a pattern that does not parse is kept as it is', () => {
    const [entry] = effectiveAccess([
      tagged('p', binding('crn://confluent.cloud/oops', 'DeveloperRead')),
    ]);
    expect(entry).toMatchObject({
      scope: { kind: 'other', crnPattern: 'crn://confluent.cloud/oops' },
      description: 'DeveloperRead on crn://confluent.cloud/oops',
      coveredBy: [],
    });
  });
});

// Property tests: the index answers as a plain loop over bindingReach does.

const few = (values: string[]) => fc.constantFrom(...values);
// Small alphabets so that names, prefixes and ids collide often.
const name = fc.stringMatching(/^[a:]{1,3}$/);
const scopeParts: fc.Arbitrary<CrnParts> = fc.record({
  organization: fc.constantFrom('o1', 'o1', 'o1', 'o2'),
  environment: few(['e1', 'e2']),
});

const partsArbitrary: fc.Arbitrary<CrnParts> = fc.oneof(
  fc.record({ organization: few(['o1', 'o2']) }),
  scopeParts,
  scopeParts.chain((parts) =>
    fc
      .record({ cloudCluster: few(['c1', 'c2']), withKafka: fc.boolean() })
      .map(({ cloudCluster, withKafka }) => ({
        ...parts,
        cloudCluster,
        ...(withKafka && { kafkaCluster: cloudCluster }),
      })),
  ),
  scopeParts.chain((parts) =>
    fc
      .record({
        cloudCluster: few(['c1', 'c2']),
        type: fc.constantFrom('topic', 'group', 'transactional-id' as const),
        name: fc.oneof(name, fc.constant('')),
        isPrefix: fc.boolean(),
      })
      .map(({ cloudCluster, type, name, isPrefix }) => ({
        ...parts,
        cloudCluster,
        kafkaCluster: cloudCluster,
        resource: { type, name, isPrefix: isPrefix || name === '' },
      })),
  ),
  scopeParts.chain((parts) =>
    fc
      .record({
        schemaRegistry: few(['s1']),
        name: fc.oneof(name, fc.constant('')),
        isPrefix: fc.boolean(),
      })
      .map(({ schemaRegistry, name, isPrefix }) => ({
        ...parts,
        schemaRegistry,
        resource: {
          type: 'subject' as const,
          name,
          isPrefix: isPrefix || name === '',
        },
      })),
  ),
);

// Escaped as the service sometimes echoes a `:`.
const crnArbitrary = fc
  .tuple(partsArbitrary, fc.boolean())
  .map(([parts, escape]) => {
    const crn = buildCrn(parts);
    return escape ? crn.replaceAll(':', '%3A').replace('crn%3A', 'crn:') : crn;
  });

function naiveWhoReaches(bindings: readonly AccessBinding[], crn: string) {
  const reaches: Reach[] = [];
  for (const b of bindings) {
    const kind = bindingReach(b.crn_pattern, crn);
    if (kind !== undefined) reaches.push({ binding: b, kind });
  }
  return reaches;
}

const asSet = (reaches: Reach[]) =>
  reaches.map((reach) => `${reach.binding.id} ${reach.kind}`).sort();

// How specific a reach is: by kind, then by the prefix's length.
function rank(reach: Reach): [number, number] {
  const prefixLength =
    reach.kind === 'prefix' ? reach.binding.crn_pattern.length : 0;
  return [REACH_KINDS.indexOf(reach.kind), -prefixLength];
}

test('whoReaches finds what a loop over bindingReach finds, most specific first', () => {
  fc.assert(
    fc.property(
      fc.array(crnArbitrary, { maxLength: 40 }),
      fc.array(crnArbitrary, { minLength: 1, maxLength: 5 }),
      (patterns, questions) => {
        const bindings = patterns.map((crn_pattern, at) => ({
          id: `rb-${at}`,
          principal: 'User:pool-1',
          role_name: 'DeveloperRead',
          crn_pattern,
        }));
        const index = indexBindings(bindings);
        // Questions near the patterns too, where random ones rarely land:
        // each pattern, its name without the `*`, and a longer name.
        const near = patterns.flatMap((pattern) => [
          pattern,
          pattern.replace(/\*$/, ''),
          `${pattern.replace(/\*$/, '')}a`,
        ]);
        for (const question of [...questions, ...near]) {
          const answer = whoReaches(index, question);
          expect(asSet(answer)).toEqual(
            asSet(naiveWhoReaches(bindings, question)),
          );
          for (let at = 1; at < answer.length; at += 1) {
            const [kindBefore, lengthBefore] = rank(answer[at - 1]!);
            const [kind, length] = rank(answer[at]!);
            expect(
              kindBefore < kind ||
                (kindBefore === kind && lengthBefore <= length) ||
                // Escaped patterns are longer than what they name.
                answer[at]!.binding.crn_pattern.includes('%3A') ||
                answer[at - 1]!.binding.crn_pattern.includes('%3A'),
            ).toBe(true);
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('every entry of effectiveAccess is covered exactly by the broader entries a loop finds', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          poolId: few(['p1', 'p2', 'p3']),
          crn: crnArbitrary,
          role: few(['DeveloperRead', 'DeveloperWrite', 'Mystery']),
        }),
        { maxLength: 30 },
      ),
      (rows) => {
        const input = rows.map(({ poolId, crn, role }, at) => ({
          poolId,
          binding: {
            id: `rb-${at}`,
            principal: `User:${poolId}`,
            role_name: role,
            crn_pattern: crn,
          },
        }));
        const entries = effectiveAccess(input);
        for (const entry of entries) {
          const expected = entries
            .filter(
              (other) =>
                other !== entry &&
                other.role === entry.role &&
                !['exact', 'within', undefined].includes(
                  bindingReach(other.crnPattern, entry.crnPattern),
                ),
            )
            .map((other) => other.crnPattern)
            .sort();
          expect(entry.coveredBy.map((c) => c.crnPattern).sort()).toEqual(
            expected,
          );
          expect(entry.knownRole).toBe(entry.role !== 'Mystery');
        }
        // Every binding lands in exactly one entry, with its pool.
        for (const { poolId, binding: b } of input) {
          const holding = entries.filter((e) => e.bindingIds.includes(b.id));
          expect(holding).toHaveLength(1);
          expect(holding[0]!.pools).toContain(poolId);
          expect(holding[0]!.role).toBe(b.role_name);
        }
      },
    ),
    { numRuns: 200 },
  );
});
