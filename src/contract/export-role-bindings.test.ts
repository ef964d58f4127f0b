import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, test } from 'vitest';
import { buildCrn } from './crn.ts';
import {
  roleBindingCliCommand,
  roleBindingCreateBody,
  roleBindingIdentifiers,
  toCli,
  toCurl,
  toJson,
  toTerraform,
  type ExportPool,
  type ExportRoleBinding,
  type ExportSubject,
} from './export.ts';
import {
  asHclJson,
  dataOf,
  parseCalls,
  type Call,
} from './testing/export-scripts.ts';

// A pool's export with its role bindings, through the real tools as in
// export.test.ts: HashiCorp's HCL parser, and real `bash` and `sh` running
// the scripts with `confluent` and `curl` replaced by functions that record
// their arguments. The CLI's commands are checked against the CRN the
// Confluent CLI would build from them, modelled below on its source.

const ORG = '1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const ON_CLUSTER = {
  organization: ORG,
  environment: 'env-1jrymj',
  cloudCluster: 'lkc-19ynpv',
  kafkaCluster: 'lkc-19ynpv',
};

const POOL: ExportPool = {
  id: 'pool-AzXR',
  display_name: 'Payments',
  description: 'Payment services',
  identity_claim: 'claims.sub',
  filter: 'claims.aud == "payments"',
};

function binding(
  id: string,
  role_name: string,
  crn_pattern: string,
): ExportRoleBinding {
  return { id, principal: 'User:pool-AzXR', role_name, crn_pattern };
}

// A topic name with what quoting trips on; Confluent's names are plainer,
// but nothing in a CRN's last segment forbids these.
const ODD_TOPIC = `it's "q" $x \\ \`id\` ${'${y}'}`;

/** Each kind the brief names, and what the CLI writes exactly. */
const EXACT = [
  binding(
    'rb-Lit1',
    'DeveloperRead',
    buildCrn({ ...ON_CLUSTER, resource: { type: 'topic', name: 'orders' } }),
  ),
  binding(
    'rb-Pre2',
    'DeveloperRead',
    buildCrn({
      ...ON_CLUSTER,
      resource: { type: 'topic', name: 'orders.', isPrefix: true },
    }),
  ),
  binding(
    'rb-Grp3',
    'DeveloperRead',
    buildCrn({
      ...ON_CLUSTER,
      resource: { type: 'group', name: 'payments-', isPrefix: true },
    }),
  ),
  binding(
    'rb-Sub4',
    'DeveloperWrite',
    buildCrn({
      organization: ORG,
      environment: 'env-1jrymj',
      schemaRegistry: 'lsrc-8wnkq',
      resource: { type: 'subject', name: 'orders-value' },
    }),
  ),
  binding(
    'rb-All5',
    'DeveloperManage',
    buildCrn({
      organization: ORG,
      environment: 'env-1jrymj',
      schemaRegistry: 'lsrc-8wnkq',
      resource: { type: 'subject', name: '', isPrefix: true },
    }),
  ),
  binding(
    'rb-Env6',
    'EnvironmentAdmin',
    buildCrn({ organization: ORG, environment: 'env-1jrymj' }),
  ),
  binding(
    'rb-Cls7',
    'CloudClusterAdmin',
    buildCrn({
      organization: ORG,
      environment: 'env-1jrymj',
      cloudCluster: 'lkc-19ynpv',
    }),
  ),
  binding('rb-Org8', 'MetricsViewer', buildCrn({ organization: ORG })),
  binding(
    'rb-Odd9',
    'DeveloperRead',
    buildCrn({ ...ON_CLUSTER, resource: { type: 'topic', name: ODD_TOPIC } }),
  ),
  // As the CLI itself writes a transactional id: exact for the CLI.
  binding(
    'rb-TxC10',
    'DeveloperWrite',
    `${buildCrn(ON_CLUSTER)}/transactionalid=payments-tx`,
  ),
];

// As Terraform's docs (and Lifeguard's grants) write it: the CLI cannot.
const TRANSACTIONAL = binding(
  'rb-TxT11',
  'DeveloperWrite',
  buildCrn({
    ...ON_CLUSTER,
    resource: { type: 'transactional-id', name: 'payments-', isPrefix: true },
  }),
);

// ResourceOwner on another pool: no CLI flag names an identity provider.
const ON_A_POOL = binding(
  'rb-Own12',
  'ResourceOwner',
  `crn://confluent.cloud/organization=${ORG}/identity-provider=op-4EY/identity-pool=pool-Other`,
);

// Not a CRN Lifeguard can read.
const UNREADABLE = binding(
  'rb-Bad13',
  'DeveloperRead',
  `crn://confluent.cloud/organization=${ORG}/kafka=lkc-19ynpv/topic=x`,
);

const BINDINGS = [...EXACT, TRANSACTIONAL, ON_A_POOL, UNREADABLE];

/** The pool with `roleBindings`; null for bindings that were not fetched. */
function subject(
  roleBindings: readonly ExportRoleBinding[] | null = BINDINGS,
): ExportSubject {
  return {
    kind: 'pool',
    providerId: 'op-4EY',
    pool: POOL,
    roleBindings: roleBindings ?? undefined,
  };
}

type Parsed = {
  import: { to: string; id: string }[];
  resource: {
    confluent_identity_pool?: Record<string, Record<string, unknown>[]>;
    confluent_role_binding?: Record<string, Record<string, unknown>[]>;
  };
};

describe('Terraform', () => {
  test('one confluent_role_binding per binding, its principal the pool resource, imported by its rb- id', async () => {
    const file = toTerraform(subject(), { withTerraformBlock: false });
    const parsed = (await parse('main.tf', file.text)) as Parsed;
    // hcl2json sorts resources by name.
    const resources = parsed.resource.confluent_role_binding!;
    const names = roleBindingIdentifiers(POOL, BINDINGS, ['payments']);
    expect(Object.keys(resources).sort()).toEqual([...names].sort());
    expect(names.slice(0, 3)).toEqual([
      'payments_developer_read_topic_orders',
      'payments_developer_read_topic_orders_prefix',
      'payments_developer_read_group_payments_prefix',
    ]);
    expect(names[5]).toBe('payments_environment_admin_env_1jrymj');
    expect(names[7]).toBe('payments_metrics_viewer_organization');
    // Names cut to length collide: each then carries its binding's id.
    expect(names.slice(-4, -2)).toEqual([
      'payments_developer_write_transactional_id_paymen_rb_TxC10',
      'payments_developer_write_transactional_id_paymen_rb_TxT11',
    ]);
    for (const [index, each] of BINDINGS.entries()) {
      expect(resources[names[index]!]).toEqual([
        {
          // An interpolation: hcl2json leaves it as written.
          principal: 'User:${confluent_identity_pool.payments.id}',
          role_name: each.role_name,
          crn_pattern: asHclJson(each.crn_pattern),
        },
      ]);
    }
    expect(parsed.import).toEqual([
      { to: '${confluent_identity_pool.payments}', id: 'op-4EY/pool-AzXR' },
      ...BINDINGS.map((each, index) => ({
        to: `\${confluent_role_binding.${names[index]!}}`,
        id: each.id,
      })),
    ]);
    // Terraform takes any pattern as it is: nothing to warn about here
    // except what the resources-only file always says.
    expect(file.warnings).toEqual([]);
    expect(file.text).toContain(
      `# What the pool may do: its ${BINDINGS.length} role bindings, each imported by its id.`,
    );
  });

  test('a principal other than the pool is written as it is; no bindings says so; not fetched says nothing', async () => {
    const other = { ...EXACT[0]!, principal: 'User:u-1jjv21' };
    const parsed = (await parse(
      'main.tf',
      toTerraform(subject([other])).text,
    )) as Parsed;
    const [body] = Object.values(parsed.resource.confluent_role_binding!);
    expect(body).toEqual([
      expect.objectContaining({ principal: 'User:u-1jjv21' }),
    ]);
    expect(toTerraform(subject([])).text).toContain(
      '# The pool holds no role bindings.',
    );
    const unknown = toTerraform(subject(null)).text;
    expect(unknown).not.toContain('role binding');
  });

  test('a pattern not in NFC is warned about, as pool fields are', () => {
    const decomposed = binding(
      'rb-Nfd',
      'DeveloperRead',
      buildCrn({
        ...ON_CLUSTER,
        resource: { type: 'topic', name: 'Zoe\u0308' },
      }),
    );
    expect(toTerraform(subject([decomposed])).warnings).toEqual([
      expect.stringMatching(
        /^The crn_pattern of role binding rb-Nfd .* is not in Unicode NFC/,
      ),
    ]);
  });
});

// Stand-ins for the programs the scripts call. `confluent iam pool create`
// answers a new pool as `--output json` prints one; a command holding the
// argument FAIL_ARG fails, as a refused grant would.
const STAND_INS = String.raw`
confluent() {
  printf '%s\0' confluent "$#" "$@" >> "$CALLS"
  if [ "$2 $3" = "pool create" ]; then
    printf '{\n  "id": "pool-New",\n  "name": "x"\n}\n'
  fi
  for arg in "$@"; do
    if [ -n "${'$'}{FAIL_ARG:-}" ] && [ "$arg" = "${'$'}{FAIL_ARG:-}" ]; then
      return 1
    fi
  done
  return 0
}
curl() { printf '%s\0' curl "$#" "$@" >> "$CALLS"; }
`;

function run(
  shell: 'bash' | 'sh',
  script: string,
  env: Record<string, string> = {},
): { status: number | null; stderr: string; calls: Call[] } {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-export-rb-'));
  const callsFile = join(dir, 'calls');
  writeFileSync(callsFile, '');
  try {
    const result = spawnSync(shell, ['-c', `${STAND_INS}\n${script}`], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        CALLS: callsFile,
        ...env,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls = parseCalls(readFileSync(callsFile, 'utf8'));
    return { status: result.status, stderr: result.stderr, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function option(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

// The CRN the Confluent CLI sends for `role-binding create` with these
// arguments, when logged in to `organization`, as its source builds it
// (confluentinc/cli › internal/iam/command_rbac_role_binding.go:
// parseV2BaseCrnPattern and parseV2RoleBinding).
function crnTheCliSends(organization: string, args: string[]): string {
  let crn = `crn://confluent.cloud/organization=${organization}`;
  const scopes: [string, string][] = [
    ['--environment', 'environment'],
    ['--flink-region', 'flink-region'],
    ['--cloud-cluster', 'cloud-cluster'],
    ['--schema-registry-cluster', 'schema-registry'],
    ['--ksql-cluster', 'ksql'],
    ['--kafka-cluster', 'kafka'],
  ];
  for (const [flag, key] of scopes) {
    const value = option(args, flag);
    if (value !== undefined) crn += `/${key}=${value}`;
  }
  const resource = option(args, '--resource');
  if (resource !== undefined) {
    const colon = resource.indexOf(':');
    const renamed: Record<string, string> = {
      Cluster: 'kafka',
      ServiceAccount: 'service-account',
      ComputePool: 'compute-pool',
    };
    const type = resource.slice(0, colon);
    crn += `/${(renamed[type] ?? type).toLowerCase()}=${resource.slice(colon + 1)}`;
    if (args.includes('--prefix')) crn += '*';
  }
  return crn;
}

const SHELLS = ['bash', 'sh'] as const;

describe.each(SHELLS)('Confluent CLI through %s', (shell) => {
  test('the pool is created and its new id granted every binding the CLI can write, with the flags that make the same CRN', () => {
    const file = toCli(subject());
    const { status, stderr, calls } = run(shell, file.text);
    expect(status).toBe(0);
    expect(stderr).toBe('Identity pool: pool-New\n');
    const [create, ...grants] = calls;
    expect(create!.args.slice(0, 4)).toEqual([
      'iam',
      'pool',
      'create',
      'Payments',
    ]);
    expect(create!.args.slice(-2)).toEqual(['--output', 'json']);
    const written = [...EXACT, TRANSACTIONAL];
    expect(grants).toHaveLength(written.length);
    for (const [index, grant] of grants.entries()) {
      const each = written[index]!;
      expect(grant.args.slice(0, 4)).toEqual([
        'iam',
        'rbac',
        'role-binding',
        'create',
      ]);
      expect(option(grant.args, '--principal')).toBe('User:pool-New');
      expect(option(grant.args, '--role')).toBe(each.role_name);
      expect(crnTheCliSends(ORG, grant.args)).toBe(
        each === TRANSACTIONAL
          ? `${buildCrn(ON_CLUSTER)}/transactionalid=payments-*`
          : each.crn_pattern,
      );
    }
    // The flags the brief names, literally.
    expect(grants[0]!.args.slice(4)).toEqual([
      '--principal',
      'User:pool-New',
      '--role',
      'DeveloperRead',
      '--environment',
      'env-1jrymj',
      '--cloud-cluster',
      'lkc-19ynpv',
      '--kafka-cluster',
      'lkc-19ynpv',
      '--resource',
      'Topic:orders',
    ]);
    expect(grants[1]!.args.slice(-3)).toEqual([
      '--resource',
      'Topic:orders.',
      '--prefix',
    ]);
    expect(grants[2]!.args.slice(-3)).toEqual([
      '--resource',
      'Group:payments-',
      '--prefix',
    ]);
    expect(grants[3]!.args.slice(8)).toEqual([
      '--environment',
      'env-1jrymj',
      '--schema-registry-cluster',
      'lsrc-8wnkq',
      '--resource',
      'Subject:orders-value',
    ]);
    expect(grants[4]!.args.slice(-2)).toEqual(['--resource', 'Subject:*']);
    expect(grants[5]!.args.slice(8)).toEqual(['--environment', 'env-1jrymj']);
    // An organization-level role: no scope flag at all.
    expect(grants[7]!.args.slice(4)).toEqual([
      '--principal',
      'User:pool-New',
      '--role',
      'MetricsViewer',
    ]);
    expect(option(grants[8]!.args, '--resource')).toBe(`Topic:${ODD_TOPIC}`);
    expect(grants.at(-1)!.args.slice(-3)).toEqual([
      '--resource',
      'TransactionalId:payments-',
      '--prefix',
    ]);
  });

  test('POOL_ID grants the bindings to a pool that exists: nothing is created', () => {
    const { status, calls } = run(shell, toCli(subject()).text, {
      POOL_ID: 'pool-Mine',
    });
    expect(status).toBe(0);
    expect(calls.every((call) => call.args[1] === 'rbac')).toBe(true);
    expect(calls.map((call) => option(call.args, '--principal'))).toEqual(
      calls.map(() => 'User:pool-Mine'),
    );
  });

  test('a refused grant does not stop the others; the script fails at the end', () => {
    const { status, stderr, calls } = run(shell, toCli(subject()).text, {
      FAIL_ARG: 'EnvironmentAdmin',
    });
    expect(status).toBe(1);
    expect(stderr).toContain(
      '1 role binding(s) could not be granted; see above.',
    );
    expect(calls).toHaveLength(1 + EXACT.length + 1);
  });

  test('a pool that cannot be created stops the script before any grant', () => {
    const { status, calls } = run(shell, toCli(subject()).text, {
      FAIL_ARG: 'Payments',
    });
    expect(status).not.toBe(0);
    expect(calls).toHaveLength(1);
  });
});

describe('Confluent CLI warnings', () => {
  test('the transactional id spelling, an identity-pool scope and an unreadable pattern are warned about; the last two are left out', () => {
    const file = toCli(subject());
    expect(file.warnings).toEqual([
      expect.stringMatching(
        /^The CLI writes transactional ids as `transactionalid=`, but role binding rb-TxT11 .* has `transactional-id=` .* grants `…\/transactionalid=payments-\*` instead/,
      ),
      expect.stringMatching(
        /^The CLI script leaves out role binding rb-Own12 .*: the CLI has no flag for an identity provider/,
      ),
      expect.stringMatching(
        /^The CLI script leaves out role binding rb-Bad13 .*: Lifeguard cannot read its pattern as a CRN/,
      ),
    ]);
    // Each warning is in the script too, where the command is (or is not).
    for (const warning of file.warnings) {
      expect(file.text).toContain(`# ${warning}`);
    }
    // The CLI's own spelling needs no warning.
    const own = roleBindingCliCommand(EXACT.at(-1)!);
    expect(own.ok && own.warning).toBe(undefined);
  });

  test('without bindings the script is the plain pool create it was', () => {
    const plain = toCli(subject(null));
    expect(plain.text).not.toContain('rbac');
    expect(plain.text).not.toContain('set -eu');
    expect(toCli(subject([])).text).toBe(
      `${plain.text}\n# The pool holds no role bindings.\n`,
    );
  });
});

const CREDENTIALS = {
  CONFLUENT_CLOUD_API_KEY: 'KEY123',
  CONFLUENT_CLOUD_API_SECRET: 's3cr3t',
};

describe.each(SHELLS)('curl through %s', (shell) => {
  test('one POST /iam/v2/role-bindings per binding, its body exactly what Confluent holds', () => {
    const file = toCurl(subject());
    expect(file.warnings).toEqual([]);
    const { status, calls } = run(shell, file.text, CREDENTIALS);
    expect(status).toBe(0);
    const [, ...grants] = calls;
    expect(grants.map((call) => call.args.slice(0, 4))).toEqual(
      BINDINGS.map(() => [
        '-sS',
        '-X',
        'POST',
        'https://api.confluent.cloud/iam/v2/role-bindings',
      ]),
    );
    expect(grants.map(dataOf)).toEqual(BINDINGS.map(roleBindingCreateBody));
    expect(grants[0]!.args).toContain('KEY123:s3cr3t');
  });

  test('POOL_ID names the pool the bindings go to, e.g. one created anew', () => {
    const { calls } = run(shell, toCurl(subject()).text, {
      ...CREDENTIALS,
      POOL_ID: 'pool-New',
    });
    expect(calls.slice(1).map(dataOf)).toEqual(
      BINDINGS.map((each) => ({
        ...roleBindingCreateBody(each),
        principal: 'User:pool-New',
      })),
    );
  });

  test('a principal other than the pool is sent as it is', () => {
    const other = { ...EXACT[0]!, principal: 'User:u-\'x"' };
    const { calls } = run(shell, toCurl(subject([other])).text, {
      ...CREDENTIALS,
      POOL_ID: 'pool-New',
    });
    expect(dataOf(calls[1]!)).toEqual(roleBindingCreateBody(other));
  });
});

test('JSON: the pool and its bindings as the API returned them', () => {
  const file = toJson(subject());
  expect(JSON.parse(file.text)).toEqual({
    identity_pool: POOL,
    role_bindings: BINDINGS,
  });
  expect(JSON.parse(toJson(subject(null)).text)).toEqual(POOL);
});

test('the script files parse in both shells without running', () => {
  for (const shell of SHELLS) {
    for (const file of [toCli(subject()), toCurl(subject())]) {
      execFileSync(shell, ['-n', '-c', file.text]);
    }
  }
});
