import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CONFLUENT_PROVIDER_VERSION,
  type ExportRoleBinding,
} from './export.ts';
import {
  exportAnyAs,
  federationToCli,
  federationToCurl,
  federationToJson,
  federationToTerraform,
  type ExportCertificateAuthority,
  type ExportCertificatePool,
  type ExportGroupMapping,
  type FederationExportSubject,
} from './export-federation.ts';
import {
  asHclJson,
  cliName,
  dataOf,
  option,
  parseCalls,
  SHELLS,
  type Call,
} from './testing/export-scripts.ts';

// As in export.test.ts, the code goes through the real tools: HCL through
// HashiCorp's parser (hcl2json), scripts through real `bash` and `sh` with
// real jq, the `confluent` and `curl` they call replaced by shell functions
// that record the arguments they received and answer as the services would.

const ORG = 'org-1a2b';
const KAFKA = `crn://confluent.cloud/organization=${ORG}/environment=env-1/cloud-cluster=lkc-1/kafka=lkc-1`;

const MAPPING: ExportGroupMapping = {
  id: 'group-w4vP',
  display_name: 'Engineering',
  description: 'Everyone in engineering',
  filter: '"engineering" in groups',
};

const AUTHORITY: ExportCertificateAuthority = {
  id: 'op-abc123',
  display_name: 'Acme issuing CA',
  description: 'Issues client certificates',
  certificate_chain_filename: 'acme-chain.pem',
  crl_url: 'https://pki.acme.example/issuing.crl',
  crl_source: 'URL',
  require_crl_on_client_certificate: true,
};

function certificatePool(
  fields: Partial<ExportCertificatePool> = {},
): ExportCertificatePool {
  return {
    id: 'pool-Ord1',
    display_name: 'orders-services',
    description: 'Services of the orders domain',
    external_identifier: 'CN',
    filter: "O == 'Acme' && CN.startsWith('orders-')",
    ...fields,
  };
}

function binding(
  principal: string,
  fields: Partial<ExportRoleBinding> = {},
): ExportRoleBinding {
  return {
    id: 'rb-1',
    principal,
    role_name: 'DeveloperRead',
    crn_pattern: `${KAFKA}/topic=orders.*`,
    ...fields,
  };
}

/** Values that break naive quoting: both quotes, as filters hold them. */
const HOSTILE: Record<string, string> = {
  'single quotes': "O == 'Acme' && CN.startsWith('it''s')",
  'double quotes': '"eng" in groups && !("contractors" in groups)',
  backslashes: 'CN == "C:\\\\temp\\\\" \\',
  interpolation: '"${x}" in groups || "%{ if true }y%{ endif }" in groups',
  'shell syntax': "$(rm -rf /) `id` $HOME ${HOME} !! '\\'' ; & | > <",
  newlines: '"a" in groups\n&& "b" in groups\r\n',
  unicode: '"Zoë Åström" in groups || CN == "東京 🚀 👩🏽‍💻"',
  'control characters': 'a\u0001b\u0007c\u001bd\u007fe',
  'a leading dash': '-"x" in groups',
};

/** Any string of the pieces quoting trips on (no NUL or lone surrogate: warned about). */
function hostileString(maxPieces: number) {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '${',
          '%{',
          '$',
          '"',
          "'",
          "'\\''",
          '\\',
          '\n',
          '\t',
          '`',
          '!',
          ' ',
          '-',
          'e\u0301',
          ' in groups',
          '.startsWith(',
        ),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));
}

type Resources = Record<string, Record<string, Record<string, unknown>[]>>;
type Parsed = {
  import: { to: string; id: string }[];
  resource: Resources;
  terraform?: unknown[];
};

async function parseHcl(text: string): Promise<Parsed> {
  return (await parse('main.tf', text)) as Parsed;
}

function only(parsed: Parsed, type: string) {
  const entries = Object.entries(parsed.resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return { name: entries[0]![0], body: entries[0]![1][0]! };
}

describe('Terraform', () => {
  test('a group mapping: resource, import block with its id, role bindings on User:${…id}', async () => {
    const file = federationToTerraform({
      kind: 'group-mapping',
      mapping: MAPPING,
      roleBindings: [
        binding('User:group-w4vP'),
        binding('User:sa-other', { id: 'rb-2', role_name: 'DeveloperWrite' }),
      ],
    });
    expect(file.filename).toBe('group-w4vP.tf');
    const parsed = await parseHcl(file.text);
    const { name, body } = only(parsed, 'confluent_group_mapping');
    expect(name).toBe('engineering');
    expect(body).toEqual({
      display_name: 'Engineering',
      description: 'Everyone in engineering',
      filter: '"engineering" in groups',
    });
    expect(parsed.import).toContainEqual({
      to: '${confluent_group_mapping.engineering}',
      id: 'group-w4vP',
    });
    const bindings = parsed.resource.confluent_role_binding!;
    const principals = Object.values(bindings).map((b) => b[0]!.principal);
    expect(principals).toContain(
      'User:${confluent_group_mapping.engineering.id}',
    );
    expect(principals).toContain('User:sa-other');
    expect(parsed.import.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['rb-1', 'rb-2']),
    );
    expect(parsed.terraform).toEqual([
      expect.objectContaining({
        required_providers: [
          {
            confluent: {
              source: 'confluentinc/confluent',
              version: CONFLUENT_PROVIDER_VERSION,
            },
          },
        ],
      }),
    ]);
    expect(file.warnings).toEqual([]);
  });

  test('a certificate authority and its pools: the chain read with file(), the CRL URL, each pool imported as <CA id>/<pool id>', async () => {
    const pools = [
      certificatePool(),
      certificatePool({
        id: 'pool-Pay2',
        display_name: 'payments',
        external_identifier: 'UID',
        filter: "OU in ['payments', 'billing']",
      }),
    ];
    const file = federationToTerraform({
      kind: 'certificate-authority',
      authority: AUTHORITY,
      pools,
    });
    const parsed = await parseHcl(file.text);
    const authority = only(parsed, 'confluent_certificate_authority');
    expect(authority.name).toBe('acme_issuing_ca');
    expect(authority.body).toEqual({
      display_name: 'Acme issuing CA',
      description: 'Issues client certificates',
      certificate_chain_filename: 'acme-chain.pem',
      certificate_chain: '${file("${path.module}/acme-chain.pem")}',
      require_crl_on_client_certificate: true,
      crl_url: 'https://pki.acme.example/issuing.crl',
    });
    expect(file.text).toContain(
      'Confluent never returns the certificate chain',
    );
    const poolResources = parsed.resource.confluent_certificate_pool!;
    expect(Object.keys(poolResources).sort()).toEqual([
      'orders_services',
      'payments',
    ]);
    expect(poolResources.orders_services![0]).toEqual({
      certificate_authority: [
        { id: '${confluent_certificate_authority.acme_issuing_ca.id}' },
      ],
      display_name: 'orders-services',
      description: 'Services of the orders domain',
      external_identifier: 'CN',
      filter: "O == 'Acme' && CN.startsWith('orders-')",
    });
    expect(parsed.import.map((entry) => entry.id)).toEqual([
      'op-abc123',
      'op-abc123/pool-Ord1',
      'op-abc123/pool-Pay2',
    ]);
    expect(parsed.resource.confluent_role_binding).toBeUndefined();
  });

  test('a CRL uploaded as a file cannot be exported, and an empty description fails `terraform plan`: both said', async () => {
    const file = federationToTerraform({
      kind: 'certificate-authority',
      authority: {
        ...AUTHORITY,
        description: '',
        crl_url: 'Local file uploaded',
        crl_source: 'LOCAL',
        require_crl_on_client_certificate: false,
      },
      pools: [],
    });
    const { body } = only(
      await parseHcl(file.text),
      'confluent_certificate_authority',
    );
    expect(body.crl_url).toBeUndefined();
    expect(body.require_crl_on_client_certificate).toBe(false);
    expect(file.warnings).toEqual([
      expect.stringMatching(/has no description.*non-empty/),
      expect.stringMatching(/revocation list .* uploaded as a file/),
    ]);
    expect(file.text).toContain('crl_chain = file(');
  });

  test('a certificate pool: under its authority by id, imported as <CA id>/<pool id>, with its role bindings', async () => {
    const file = federationToTerraform(
      {
        kind: 'certificate-pool',
        authorityId: 'op-abc123',
        pool: certificatePool(),
        roleBindings: [binding('User:pool-Ord1')],
      },
      { withTerraformBlock: false },
    );
    const parsed = await parseHcl(file.text);
    expect(parsed.terraform).toBeUndefined();
    const { name, body } = only(parsed, 'confluent_certificate_pool');
    expect(body.certificate_authority).toEqual([{ id: 'op-abc123' }]);
    expect(parsed.import).toContainEqual({
      to: `\${confluent_certificate_pool.${name}}`,
      id: 'op-abc123/pool-Ord1',
    });
    const [rb] = Object.values(parsed.resource.confluent_role_binding!);
    expect(rb![0]!.principal).toBe(
      `User:\${confluent_certificate_pool.${name}.id}`,
    );
  });

  test.each(Object.entries(HOSTILE))(
    'a filter with %s parses back as it was, in every kind',
    async (_, value) => {
      for (const subject of subjectsWith(value)) {
        const parsed = await parseHcl(federationToTerraform(subject).text);
        const values = Object.values(parsed.resource).flatMap((byName) =>
          Object.values(byName).map((resource) => resource[0]!),
        );
        for (const resource of values) {
          if ('filter' in resource) {
            expect(resource.filter).toBe(asHclJson(value));
          }
          expect(resource.display_name).toBe(asHclJson(value));
        }
      }
    },
  );

  test('property: any name, description and filter parse back as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString(30),
        hostileString(8),
        async (filter, text) => {
          const parsed = await parseHcl(
            federationToTerraform({
              kind: 'certificate-authority',
              authority: {
                ...AUTHORITY,
                display_name: text,
                description: text,
                certificate_chain_filename: text || 'x.pem',
              },
              pools: [
                certificatePool({ filter, display_name: text }),
                certificatePool({ id: 'pool-2', filter: text }),
              ],
            }).text,
          );
          const [authority] = Object.values(
            parsed.resource.confluent_certificate_authority!,
          );
          expect(authority![0]!.display_name).toBe(asHclJson(text));
          expect(authority![0]!.certificate_chain_filename).toBe(
            asHclJson(text || 'x.pem'),
          );
          const filters = Object.values(
            parsed.resource.confluent_certificate_pool!,
          ).map((pool) => pool[0]!.filter);
          expect(filters.sort()).toEqual(
            [asHclJson(filter), asHclJson(text)].sort(),
          );
          const mapping = await parseHcl(
            federationToTerraform({
              kind: 'group-mapping',
              mapping: { ...MAPPING, filter, description: text },
            }).text,
          );
          const { body } = only(mapping, 'confluent_group_mapping');
          expect(body.filter).toBe(asHclJson(filter));
          expect(body.description).toBe(asHclJson(text));
        },
      ),
      { numRuns: 60 },
    );
  });
});

function subjectsWith(value: string): FederationExportSubject[] {
  return [
    {
      kind: 'group-mapping',
      mapping: {
        ...MAPPING,
        display_name: value,
        description: value,
        filter: value,
      },
    },
    {
      kind: 'certificate-pool',
      authorityId: 'op-abc123',
      pool: certificatePool({
        display_name: value,
        description: value,
        external_identifier: value,
        filter: value,
      }),
    },
    {
      kind: 'certificate-authority',
      authority: { ...AUTHORITY, display_name: value, description: value },
      pools: [
        certificatePool({
          display_name: value,
          description: value,
          external_identifier: value,
          filter: value,
        }),
      ],
    },
  ];
}

// ---------------------------------------------------------------------------
// Shell

// Stand-ins: each records its program and arguments, NUL-separated, in
// $CALLS. `confluent` prints what the CLI prints with --output json for a
// create (a new id), and $POOLS for a certificate-pool list; `curl` answers
// a create with a new id and a list with $PAGE.
const STAND_INS = `
EMPTY_PAGE='{"data":[],"metadata":{}}'
confluent() {
  printf '%s\\0' confluent "$#" "$@" >> "$CALLS"
  case "$2 $3" in
    'group-mapping create') printf '{\\n  "id": "group-New",\\n  "name": "x"\\n}\\n' ;;
    'certificate-authority create') printf '{\\n  "id": "op-New",\\n  "name": "x"\\n}\\n' ;;
    'certificate-pool create') printf '{\\n  "id": "pool-New",\\n  "name": "x"\\n}\\n' ;;
    'certificate-pool list') printf '%s\\n' "\${POOLS:-[]}" ;;
  esac
}
curl() {
  printf '%s\\0' curl "$#" "$@" >> "$CALLS"
  method=GET
  prev=
  for arg in "$@"; do
    [ "$prev" = -X ] && method=$arg
    prev=$arg
  done
  case "$method $*" in
    *'POST '*group-mappings*) printf '{"id":"group-New"}' ;;
    *'POST '*role-bindings*) printf '{"id":"rb-New"}' ;;
    *'POST '*identity-pools*) printf '{"id":"pool-New"}' ;;
    *'POST '*certificate-authorities*) printf '{"id":"op-New"}' ;;
    'GET '*) printf '%s' "\${PAGE:-$EMPTY_PAGE}" ;;
  esac
}
`;

const CHAIN = '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n';

function run(
  shell: 'bash' | 'sh',
  script: string,
  env: Record<string, string> = {},
  { withChain = true }: { withChain?: boolean } = {},
): { calls: Call[]; status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-federation-export-'));
  const callsFile = join(dir, 'calls');
  writeFileSync(callsFile, '');
  if (withChain) writeFileSync(join(dir, 'acme-chain.pem'), CHAIN);
  try {
    const result = spawnSync(shell, ['-c', `${STAND_INS}\n${script}`], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        CALLS: callsFile,
        CONFLUENT_CLOUD_API_KEY: 'KEY',
        CONFLUENT_CLOUD_API_SECRET: 's3cr3t',
        ...env,
      },
      encoding: 'utf8',
    });
    return {
      calls: parseCalls(readFileSync(callsFile, 'utf8')),
      status: result.status,
      stderr: result.stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runOk(
  shell: 'bash' | 'sh',
  script: string,
  env: Record<string, string> = {},
): Call[] {
  const { calls, status, stderr } = run(shell, script, env);
  expect(status, stderr).toBe(0);
  return calls;
}

function commandOf(call: Call): string {
  return call.args.slice(0, 3).join(' ');
}

describe.each(SHELLS)('Confluent CLI through %s', (shell) => {
  test('a group mapping: created with every field and the filter, its id read back and granted its bindings', () => {
    const file = federationToCli({
      kind: 'group-mapping',
      mapping: MAPPING,
      roleBindings: [binding('User:group-w4vP')],
    });
    expect(file.filename).toBe('group-w4vP-confluent-cli.sh');
    expect(file.text).toMatch(
      /# The filter is always passed, on create and on update alike: the CLI\n# defaults --filter to "true" on create, and its update sends "true"\n# whenever --filter is left out, silently opening it to every SSO user\./,
    );
    const calls = runOk(shell, file.text);
    expect(calls.map(commandOf)).toEqual([
      'iam group-mapping create',
      'iam rbac role-binding',
    ]);
    const [create, grant] = calls;
    expect(cliName(create!.args)).toBe('Engineering');
    expect(option(create!.args, '--description')).toBe(
      'Everyone in engineering',
    );
    expect(option(create!.args, '--filter')).toBe('"engineering" in groups');
    expect(option(grant!.args, '--principal')).toBe('User:group-New');
    expect(option(grant!.args, '--role')).toBe('DeveloperRead');
  });

  test('GROUP_MAPPING_ID set: the mapping is updated, filter included, and the bindings go to it', () => {
    const file = federationToCli({
      kind: 'group-mapping',
      mapping: { ...MAPPING, description: '' },
      roleBindings: [binding('User:group-w4vP')],
    });
    const calls = runOk(shell, file.text, { GROUP_MAPPING_ID: 'group-Old' });
    const [update, grant] = calls;
    expect(update!.args.slice(0, 4)).toEqual([
      'iam',
      'group-mapping',
      'update',
      'group-Old',
    ]);
    expect(option(update!.args, '--name')).toBe('Engineering');
    expect(option(update!.args, '--description')).toBe('');
    expect(option(update!.args, '--filter')).toBe('"engineering" in groups');
    expect(option(grant!.args, '--principal')).toBe('User:group-Old');
  });

  test('a certificate authority: created from the chain file, with its CRL, then each pool created or updated by name, always with its filter', () => {
    const pools = [
      certificatePool(),
      certificatePool({
        id: 'pool-2',
        display_name: 'payments',
        filter: "OU == 'payments'",
      }),
    ];
    const file = federationToCli({
      kind: 'certificate-authority',
      authority: AUTHORITY,
      pools,
    });
    const created = runOk(shell, file.text);
    expect(created.map(commandOf)).toEqual([
      'iam certificate-authority create',
      'iam certificate-pool list',
      'iam certificate-pool create',
      'iam certificate-pool create',
    ]);
    const [authority, list, orders, payments] = created;
    expect(cliName(authority!.args)).toBe('Acme issuing CA');
    expect(option(authority!.args, '--certificate-chain')).toBe(
      CHAIN.trimEnd(),
    );
    expect(option(authority!.args, '--certificate-chain-filename')).toBe(
      'acme-chain.pem',
    );
    expect(option(authority!.args, '--crl-url')).toBe(AUTHORITY.crl_url);
    expect(authority!.args).toContain('--require-crl-on-client-certificate');
    expect(option(list!.args, '--provider')).toBe('op-New');
    expect(cliName(orders!.args)).toBe('orders-services');
    expect(option(orders!.args, '--provider')).toBe('op-New');
    expect(option(orders!.args, '--external-identifier')).toBe('CN');
    expect(option(orders!.args, '--filter')).toBe(pools[0]!.filter);
    expect(option(payments!.args, '--filter')).toBe("OU == 'payments'");

    // An existing authority: updated (its chain kept), its pool of that name updated.
    const existing = JSON.stringify(
      [{ id: 'pool-Had', name: 'orders-services' }],
      null,
      2,
    );
    const updated = runOk(shell, file.text, {
      CERTIFICATE_AUTHORITY_ID: 'op-Old',
      POOLS: existing,
    });
    expect(updated.map(commandOf)).toEqual([
      'iam certificate-authority update',
      'iam certificate-pool list',
      'iam certificate-pool update',
      'iam certificate-pool create',
    ]);
    expect(updated[0]!.args[3]).toBe('op-Old');
    expect(option(updated[0]!.args, '--certificate-chain')).toBeUndefined();
    expect(option(updated[0]!.args, '--name')).toBe('Acme issuing CA');
    expect(updated[2]!.args[3]).toBe('pool-Had');
    expect(option(updated[2]!.args, '--provider')).toBe('op-Old');
    expect(option(updated[2]!.args, '--filter')).toBe(pools[0]!.filter);
    expect(option(updated[2]!.args, '--name')).toBe('orders-services');
  });

  test('without the chain file the authority is not created', () => {
    const file = federationToCli({
      kind: 'certificate-authority',
      authority: AUTHORITY,
      pools: [],
    });
    const { calls, status, stderr } = run(
      shell,
      file.text,
      {},
      { withChain: false },
    );
    expect(status).not.toBe(0);
    expect(stderr).toContain('No certificate chain at acme-chain.pem');
    expect(calls).toEqual([]);
  });

  test('a certificate pool: created under the exported authority, or POOL_ID updated, filter always passed', () => {
    const file = federationToCli({
      kind: 'certificate-pool',
      authorityId: 'op-abc123',
      pool: certificatePool(),
      roleBindings: [binding('User:pool-Ord1')],
    });
    const [create, grant] = runOk(shell, file.text);
    expect(commandOf(create!)).toBe('iam certificate-pool create');
    expect(option(create!.args, '--provider')).toBe('op-abc123');
    expect(option(create!.args, '--filter')).toBe(certificatePool().filter);
    expect(option(grant!.args, '--principal')).toBe('User:pool-New');

    const [update] = runOk(shell, file.text, {
      POOL_ID: 'pool-Had',
      CERTIFICATE_AUTHORITY_ID: 'op-Other',
    });
    expect(update!.args.slice(0, 4)).toEqual([
      'iam',
      'certificate-pool',
      'update',
      'pool-Had',
    ]);
    expect(option(update!.args, '--provider')).toBe('op-Other');
    expect(option(update!.args, '--filter')).toBe(certificatePool().filter);
    expect(option(update!.args, '--external-identifier')).toBe('CN');
  });

  test.each(Object.entries(HOSTILE))(
    'every value with %s survives byte for byte, in creates and updates',
    (_, value) => {
      for (const subject of subjectsWith(value)) {
        const text = federationToCli(subject).text;
        const envs: Record<string, string>[] = [
          {},
          {
            GROUP_MAPPING_ID: 'group-Old',
            POOL_ID: 'pool-Old',
            CERTIFICATE_AUTHORITY_ID: 'op-Old',
          },
        ];
        for (const env of envs) {
          const calls = runOk(shell, text, env).filter((call) =>
            /create|update/.test(call.args[2] ?? ''),
          );
          expect(calls.length).toBeGreaterThan(0);
          for (const call of calls) {
            const isUpdate = call.args[2] === 'update';
            expect(
              isUpdate ? option(call.args, '--name') : cliName(call.args),
            ).toBe(value);
            expect(option(call.args, '--description')).toBe(value);
            if (call.args[1] !== 'certificate-authority') {
              expect(option(call.args, '--filter')).toBe(value);
            }
          }
        }
      }
    },
  );

  test('property: any name, description and filter arrive as they were', () => {
    fc.assert(
      fc.property(hostileString(16), hostileString(8), (filter, text) => {
        const calls = runOk(
          shell,
          federationToCli({
            kind: 'group-mapping',
            mapping: {
              ...MAPPING,
              display_name: text,
              description: text,
              filter,
            },
          }).text,
        );
        expect(cliName(calls[0]!.args)).toBe(text);
        expect(option(calls[0]!.args, '--description')).toBe(text);
        expect(option(calls[0]!.args, '--filter')).toBe(filter);
        const [update] = runOk(
          shell,
          federationToCli({
            kind: 'certificate-pool',
            authorityId: 'op-abc123',
            pool: certificatePool({ display_name: text, filter }),
          }).text,
          { POOL_ID: 'pool-X' },
        );
        expect(option(update!.args, '--name')).toBe(text);
        expect(option(update!.args, '--filter')).toBe(filter);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

function curlUrl(call: Call): string {
  return call.args.find((arg) => /^https?:/.test(arg))!;
}

function curlMethod(call: Call): string {
  const at = call.args.indexOf('-X');
  return at >= 0 ? call.args[at + 1]! : 'GET';
}

const API = 'https://api.confluent.cloud';

describe.each(SHELLS)('curl through %s, bodies by jq', (shell) => {
  test('a group mapping: POST of every field, then its grants to the new id; GROUP_MAPPING_ID PATCHes it', () => {
    const file = federationToCurl({
      kind: 'group-mapping',
      mapping: MAPPING,
      roleBindings: [binding('User:group-w4vP')],
    });
    expect(file.filename).toBe('group-w4vP-curl.sh');
    expect(file.text).toContain('# The filter is always sent');
    const [create, grant] = runOk(shell, file.text);
    expect(curlMethod(create!)).toBe('POST');
    expect(curlUrl(create!)).toBe(`${API}/iam/v2/sso/group-mappings`);
    expect(create!.args).toContain('KEY:s3cr3t');
    expect(dataOf(create!)).toEqual({
      display_name: 'Engineering',
      description: 'Everyone in engineering',
      filter: '"engineering" in groups',
    });
    expect(curlUrl(grant!)).toBe(`${API}/iam/v2/role-bindings`);
    expect(dataOf(grant!)).toEqual({
      principal: 'User:group-New',
      role_name: 'DeveloperRead',
      crn_pattern: `${KAFKA}/topic=orders.*`,
    });

    const [update] = runOk(shell, file.text, {
      GROUP_MAPPING_ID: 'group-Old',
      CONFLUENT_CLOUD_ENDPOINT: 'http://127.0.0.1:8090',
    });
    expect(curlMethod(update!)).toBe('PATCH');
    expect(curlUrl(update!)).toBe(
      'http://127.0.0.1:8090/iam/v2/sso/group-mappings/group-Old',
    );
    expect(dataOf(update!)).toEqual(dataOf(create!));
  });

  test('a certificate authority: POST with the chain from its file, then its pools by name; CERTIFICATE_AUTHORITY_ID PUTs it without the chain', () => {
    const file = federationToCurl({
      kind: 'certificate-authority',
      authority: AUTHORITY,
      pools: [certificatePool()],
    });
    const [authority, list, pool] = runOk(shell, file.text);
    expect(curlMethod(authority!)).toBe('POST');
    expect(curlUrl(authority!)).toBe(`${API}/iam/v2/certificate-authorities`);
    expect(dataOf(authority!)).toEqual({
      display_name: 'Acme issuing CA',
      description: 'Issues client certificates',
      certificate_chain_filename: 'acme-chain.pem',
      crl_url: AUTHORITY.crl_url,
      certificate_chain: CHAIN,
      require_crl_on_client_certificate: true,
    });
    expect(curlUrl(list!)).toBe(
      `${API}/iam/v2/certificate-authorities/op-New/identity-pools?page_size=100`,
    );
    expect(curlMethod(pool!)).toBe('POST');
    expect(dataOf(pool!)).toEqual({
      display_name: 'orders-services',
      description: 'Services of the orders domain',
      external_identifier: 'CN',
      filter: "O == 'Acme' && CN.startsWith('orders-')",
    });

    const page = JSON.stringify({
      data: [{ id: 'pool-Had', display_name: 'orders-services' }],
      metadata: {},
    });
    const [put, , poolPut] = runOk(shell, file.text, {
      CERTIFICATE_AUTHORITY_ID: 'op-Old',
      PAGE: page,
    });
    expect(curlMethod(put!)).toBe('PUT');
    expect(curlUrl(put!)).toBe(`${API}/iam/v2/certificate-authorities/op-Old`);
    expect(dataOf(put!)).not.toHaveProperty('certificate_chain');
    expect(curlMethod(poolPut!)).toBe('PUT');
    expect(curlUrl(poolPut!)).toBe(
      `${API}/iam/v2/certificate-authorities/op-Old/identity-pools/pool-Had`,
    );
  });

  test('a certificate pool: POST under the exported authority, or PUT to POOL_ID, the filter always in the body', () => {
    const file = federationToCurl({
      kind: 'certificate-pool',
      authorityId: 'op-abc123',
      pool: certificatePool(),
      roleBindings: [],
    });
    expect(file.text).toContain(
      '# The certificate pool holds no role bindings.',
    );
    const [create] = runOk(shell, file.text);
    expect(curlUrl(create!)).toBe(
      `${API}/iam/v2/certificate-authorities/op-abc123/identity-pools`,
    );
    const [put] = runOk(shell, file.text, { POOL_ID: 'pool-Had' });
    expect(curlMethod(put!)).toBe('PUT');
    expect(curlUrl(put!)).toBe(
      `${API}/iam/v2/certificate-authorities/op-abc123/identity-pools/pool-Had`,
    );
    expect(dataOf(put!)).toEqual(dataOf(create!));
  });

  test.each(Object.entries(HOSTILE))(
    'every body with %s arrives as it was',
    (_, value) => {
      for (const subject of subjectsWith(value)) {
        const posts = runOk(shell, federationToCurl(subject).text).filter(
          (call) => curlMethod(call) === 'POST',
        );
        expect(posts.length).toBeGreaterThan(0);
        for (const call of posts) {
          const body = dataOf(call) as Record<string, unknown>;
          expect(body.display_name).toBe(value);
          expect(body.description).toBe(value);
          if ('filter' in body) expect(body.filter).toBe(value);
        }
      }
    },
  );

  test('property: any body arrives as it was', () => {
    fc.assert(
      fc.property(hostileString(16), hostileString(8), (filter, text) => {
        const [create] = runOk(
          shell,
          federationToCurl({
            kind: 'group-mapping',
            mapping: {
              ...MAPPING,
              display_name: text,
              description: text,
              filter,
            },
          }).text,
        );
        expect(dataOf(create!)).toEqual({
          display_name: text,
          description: text,
          filter,
        });
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

test('values no shell argument can carry are warned about', () => {
  const subject: FederationExportSubject = {
    kind: 'group-mapping',
    mapping: { ...MAPPING, filter: 'a\0b', description: 'half \ud83d' },
  };
  expect(federationToCli(subject).warnings).toEqual([
    expect.stringMatching(/description .* lone UTF-16 surrogate/),
    expect.stringMatching(/filter .* NUL/),
  ]);
  expect(federationToCurl(subject).warnings).toHaveLength(2);
  expect(federationToTerraform(subject).warnings).toEqual([
    expect.stringMatching(/description .* lone UTF-16 surrogate/),
  ]);
});

test('JSON: each object as the API returned it, with its bindings when fetched', () => {
  expect(
    JSON.parse(
      federationToJson({ kind: 'group-mapping', mapping: MAPPING }).text,
    ),
  ).toEqual(MAPPING);
  expect(
    JSON.parse(
      federationToJson({
        kind: 'group-mapping',
        mapping: MAPPING,
        roleBindings: [],
      }).text,
    ),
  ).toEqual({ group_mapping: MAPPING, role_bindings: [] });
  const authority = federationToJson({
    kind: 'certificate-authority',
    authority: AUTHORITY,
    pools: [certificatePool()],
  });
  expect(authority.filename).toBe('op-abc123.json');
  expect(JSON.parse(authority.text)).toEqual({
    certificate_authority: AUTHORITY,
    certificate_pools: [certificatePool()],
  });
});

test('exportAnyAs hands identity pools and providers to the pool exports, the rest here', () => {
  const pool = {
    id: 'pool-AzXR',
    display_name: 'Release',
    identity_claim: 'claims.sub',
    filter: 'true',
  };
  expect(
    exportAnyAs('terraform', { kind: 'pool', providerId: 'op-1', pool }).text,
  ).toContain('resource "confluent_identity_pool"');
  expect(
    exportAnyAs('terraform', { kind: 'group-mapping', mapping: MAPPING }).text,
  ).toContain('resource "confluent_group_mapping"');
});

test('the script files parse in both shells without running', () => {
  for (const shell of SHELLS) {
    for (const subject of subjectsWith('it\'s "x"')) {
      for (const file of [
        federationToCli(subject),
        federationToCurl(subject),
      ]) {
        execFileSync(shell, ['-n', '-c', file.text]);
      }
    }
  }
});
