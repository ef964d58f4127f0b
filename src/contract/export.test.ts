import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  CONFLUENT_PROVIDER_VERSION,
  cliJsonLine,
  exportAs,
  hclString,
  identifierFor,
  poolCreateBody,
  providerCreateBody,
  toCli,
  toCurl,
  toJson,
  toTerraform,
  uniqueIdentifiers,
  type ExportPool,
  type ExportProvider,
  type ExportSubject,
} from './export.ts';
import {
  asHclJson,
  cliName,
  dataOf,
  option,
  parseCalls,
  SHELLS,
  type Call,
} from './testing/export-scripts.ts';

// The generated code goes through the real tools: HCL through HashiCorp's
// own parser (hcl2json is the Go HCL library built to WebAssembly), shell
// commands through real `bash` and `sh`, with the programs they call
// replaced by a function that prints the arguments it received.

const PROVIDER: ExportProvider = {
  id: 'op-4EY',
  display_name: 'Corporate Okta',
  description: 'Workforce tokens',
  issuer: 'https://example.okta.com/oauth2/default',
  jwks_uri: 'https://example.okta.com/oauth2/default/v1/keys',
  identity_claim: 'claims.sub',
};

function pool(fields: Partial<ExportPool> = {}): ExportPool {
  return {
    id: 'pool-AzXR',
    display_name: 'Release engineering',
    description: 'Prod access for release engineering',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "confluent" && claims.group != "invalid_group"',
    ...fields,
  };
}

const LONG_FILTER = Array.from(
  { length: 12 },
  (_, i) => `claims.groups.exists(g, g == "team-${i}")`,
)
  .join(' || ')
  .slice(0, 300);

/** Values that break naive quoting, each a plausible filter or description. */
const HOSTILE: Record<string, string> = {
  'double quotes': 'claims.aud == "confluent"',
  'single quotes': "claims.name == 'O\\'Brien' || claims.x == 'it''s'",
  backslashes: 'claims.path == "C:\\\\temp\\\\" && claims.re == "\\d+\\"',
  'a trailing backslash': 'claims.sub == "x" \\',
  interpolation: 'claims.x == "${x}" && claims.y == "${var.secret}"',
  'an interpolation that would evaluate': 'claims.x == "${"a"}"',
  directive: 'claims.x == "%{x}" || "%{ if true }y%{ endif }"',
  'already doubled sequences': 'claims.x == "$${x}" && claims.y == "%%{y}"',
  'dollars and percents': '$ $$ $$$ % %% $%{ %${ ${ %{ {$} }',
  'shell syntax':
    '$(rm -rf /) `id` $HOME ${HOME} !! !$ \\$x ~ * ? [a] ; & | > <',
  newlines: 'claims.a == "x"\n&& claims.b == "y"\r\n&& true\n',
  tabs: '\tclaims.a\t==\t"x"\t',
  'control characters': 'a\u0001b\u0007c\u001bd\u007fe\u0085f',
  unicode:
    'claims.name == "Zoë Åström" && claims.city == "東京" && claims.x == "Ω≈ç√∫"',
  emoji: 'claims.team == "🚀" || claims.team == "👩🏽‍💻" || claims.flag == "🇫🇷"',
  'bidi and invisible characters':
    'claims.a == "\u202eevil\u202c" && "\u200b\u2028\u2029\ufeff"',
  'a 300-character filter': LONG_FILTER,
  'an empty string': '',
};

/**
 * Any string, made of arbitrary code points and the pieces quoting trips on,
 * which random code points alone would rarely line up (`${`, `'\''`…).
 */
function hostileString(maxPieces: number) {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '${',
          '%{',
          '$${',
          '%%{',
          '$',
          '%',
          '{',
          '}',
          '"',
          "'",
          '\\',
          '\n',
          '\r\n',
          '\t',
          '\0',
          '`',
          '!',
          ' ',
          '-',
          '\u202e',
          'e\u0301',
        ),
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));
}

type Parsed = {
  import: { to: string; id: string }[];
  resource: {
    confluent_identity_pool?: Record<string, Record<string, unknown>[]>;
    confluent_identity_provider?: Record<string, Record<string, unknown>[]>;
  };
  terraform: unknown[];
};

async function parseHcl(text: string): Promise<Parsed> {
  return (await parse('main.tf', text)) as Parsed;
}

function poolResources(parsed: Parsed) {
  return Object.entries(parsed.resource.confluent_identity_pool ?? {});
}

function onlyPool(parsed: Parsed) {
  const resources = poolResources(parsed);
  expect(resources).toHaveLength(1);
  const [name, [body]] = resources[0]! as [string, Record<string, unknown>[]];
  return { name, body: body! };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

describe('Terraform', () => {
  test('the oracle: hcl2json tells an escaped ${ from an interpolation', async () => {
    const escaped = await parseHcl('locals {\n  v = "$${x}"\n}\n');
    const bare = await parseHcl('locals {\n  v = "${x}"\n}\n');
    const value = (parsed: Record<string, unknown>) =>
      (parsed.locals as { v: string }[])[0]!.v;
    expect(value(escaped)).toBe(asHclJson('${x}'));
    expect(value(bare)).not.toBe(asHclJson('${x}'));
  });

  test('a pool: resource, import block with <provider id>/<pool id>', async () => {
    const file = toTerraform({
      kind: 'pool',
      providerId: 'op-4EY',
      pool: pool(),
    });
    const parsed = await parseHcl(file.text);
    const { name, body } = onlyPool(parsed);
    expect(name).toBe('release_engineering');
    expect(body).toEqual({
      identity_provider: [{ id: 'op-4EY' }],
      display_name: 'Release engineering',
      description: 'Prod access for release engineering',
      identity_claim: 'claims.sub',
      filter: asHclJson(pool().filter),
    });
    expect(parsed.import).toEqual([
      {
        to: '${confluent_identity_pool.release_engineering}',
        id: 'op-4EY/pool-AzXR',
      },
    ]);
    expect(parsed.terraform).toEqual([
      {
        required_version: '>= 1.5.0',
        required_providers: [
          {
            confluent: {
              source: 'confluentinc/confluent',
              version: CONFLUENT_PROVIDER_VERSION,
            },
          },
        ],
      },
    ]);
    expect(CONFLUENT_PROVIDER_VERSION).toBe('~> 2.83');
    expect(file).toMatchObject({
      filename: 'pool-AzXR.tf',
      mimeType: 'text/plain;charset=utf-8',
      warnings: [],
    });
  });

  test.each(Object.entries(HOSTILE))(
    'every string field survives %s byte for byte',
    async (_, value) => {
      const hostile = pool({
        display_name: value || 'x',
        description: value,
        identity_claim: value,
        filter: value,
      });
      const parsed = await parseHcl(
        toTerraform({ kind: 'pool', providerId: 'op-4EY', pool: hostile }).text,
      );
      const { name, body } = onlyPool(parsed);
      expect(name).toMatch(IDENTIFIER);
      expect(body.filter).toBe(asHclJson(value));
      expect(body.description).toBe(asHclJson(value));
      expect(body.identity_claim).toBe(asHclJson(value));
      expect(body.display_name).toBe(asHclJson(value || 'x'));
    },
  );

  test('hostile names in comments and ids cannot break the file', async () => {
    const parsed = await parseHcl(
      toTerraform({
        kind: 'provider',
        provider: { ...PROVIDER, display_name: 'evil\n}\nresource "x" "y" {' },
        pools: [pool({ id: 'pool-"q\\', display_name: 'a\r\nb' })],
      }).text,
    );
    expect(Object.keys(parsed.resource)).toEqual([
      'confluent_identity_pool',
      'confluent_identity_provider',
    ]);
    expect(parsed.import[1]!.id).toBe('op-4EY/pool-"q\\');
  });

  test('a provider: its resource and every pool, each imported, pools pointing at it', async () => {
    const pools = [
      pool({ id: 'pool-1', display_name: 'Payments' }),
      pool({ id: 'pool-2', display_name: 'Payments' }),
      pool({ id: 'pool-3', display_name: '42 Analytics!' }),
      pool({ id: 'pool-4', display_name: '' }),
    ];
    const file = toTerraform({ kind: 'provider', provider: PROVIDER, pools });
    const parsed = await parseHcl(file.text);
    expect(parsed.resource.confluent_identity_provider).toEqual({
      corporate_okta: [
        {
          display_name: 'Corporate Okta',
          description: 'Workforce tokens',
          issuer: PROVIDER.issuer,
          jwks_uri: PROVIDER.jwks_uri,
          identity_claim: 'claims.sub',
        },
      ],
    });
    const names = uniqueIdentifiers(pools);
    expect(names).toEqual([
      'payments_pool_1',
      'payments_pool_2',
      '_42_analytics',
      'pool_4',
    ]);
    for (const [index, name] of names.entries()) {
      const [body] = parsed.resource.confluent_identity_pool![name]!;
      expect(body!.identity_provider).toEqual([
        { id: '${confluent_identity_provider.corporate_okta.id}' },
      ]);
      expect(body!.display_name).toBe(pools[index]!.display_name);
    }
    expect(parsed.import).toEqual([
      { to: '${confluent_identity_provider.corporate_okta}', id: 'op-4EY' },
      ...names.map((name, index) => ({
        to: `\${confluent_identity_pool.${name}}`,
        id: `op-4EY/${pools[index]!.id}`,
      })),
    ]);
    expect(file.filename).toBe('op-4EY.tf');
  });

  test('a provider without a description: the warning says `terraform plan` fails, since the provider validates it as non-empty', async () => {
    const subject: ExportSubject = {
      kind: 'provider',
      provider: { ...PROVIDER, description: undefined },
      pools: [pool({ description: '' })],
    };
    for (const providerDescription of [undefined, '', ' \n ']) {
      const file = toTerraform(subject, { providerDescription });
      expect(file.warnings).toEqual([
        'Identity provider "Corporate Okta" (op-4EY) has no description, and the confluentinc/confluent provider validates `description` as non-empty, so `terraform plan` fails on this file as it is. Fill in a description before copying: it goes into this file only, and `terraform apply` then writes it to Confluent.',
      ]);
      expect(file.text).toMatch(
        /# Confluent holds no description for this provider.*\n.*validates `description` as non-empty/,
      );
      const parsed = await parseHcl(file.text);
      const [provider] =
        parsed.resource.confluent_identity_provider!.corporate_okta!;
      expect(provider!.description).toBe('');
    }
  });

  test('a description filled in for the export goes into the file, which says it differs from Confluent', async () => {
    const file = toTerraform(
      {
        kind: 'provider',
        provider: { ...PROVIDER, description: '' },
        pools: [],
      },
      { providerDescription: 'Workforce "SSO" at ${corp}' },
    );
    expect(file.warnings).toEqual([
      'The description written here for identity provider "Corporate Okta" (op-4EY) differs from what Confluent holds (none): `terraform plan` shows it as a change, and `terraform apply` writes it to Confluent.',
    ]);
    expect(file.text).toContain(
      '# Confluent holds no description for this provider: this one is only in',
    );
    const parsed = await parseHcl(file.text);
    const [provider] =
      parsed.resource.confluent_identity_provider!.corporate_okta!;
    expect(provider!.description).toBe(asHclJson('Workforce "SSO" at ${corp}'));
    // Confluent's own description always wins.
    const held = toTerraform(
      { kind: 'provider', provider: PROVIDER, pools: [] },
      { providerDescription: 'Mine' },
    );
    expect(held.warnings).toEqual([]);
    expect(held.text).toContain('description    = "Workforce tokens"');
  });

  test('an empty pool description: accepted by the pinned provider; a warning when the file joins another configuration', async () => {
    const subject: ExportSubject = {
      kind: 'provider',
      provider: PROVIDER,
      pools: [
        pool({ id: 'pool-1', description: '' }),
        pool({ id: 'pool-2', description: undefined }),
        pool({ id: 'pool-3' }),
      ],
    };
    expect(toTerraform(subject).warnings).toEqual([]);
    expect(
      toTerraform(subject, { withTerraformBlock: false }).warnings,
    ).toEqual([
      '2 identity pools have no description, which the confluentinc/confluent provider accepts only from release 2.81.4: with an older one, `terraform plan` fails on this file.',
    ]);
    expect(
      toTerraform(
        { kind: 'pool', providerId: 'op-4EY', pool: pool({ description: '' }) },
        { withTerraformBlock: false },
      ).warnings,
    ).toEqual([
      expect.stringMatching(
        /^Identity pool "Release engineering" \(pool-AzXR\) has no description, .* 2\.81\.4/,
      ),
    ]);
  });

  test('resources and imports only: pasted beside a configuration that requires the provider, no second required_providers', async () => {
    const existing = [
      'terraform {',
      '  required_providers {',
      '    confluent = {',
      '      source  = "confluentinc/confluent"',
      '      version = "2.83.4"',
      '    }',
      '  }',
      '}',
      '',
      'provider "confluent" {}',
      '',
    ].join('\n');
    // Terraform reads every .tf file of a directory as one configuration.
    const requiredProviders = async (text: string) =>
      (
        (await parse('main.tf', `${existing}\n${text}`)) as {
          terraform: Record<string, unknown>[];
        }
      ).terraform.filter((block) => 'required_providers' in block).length;
    const subjects: ExportSubject[] = [
      { kind: 'pool', providerId: 'op-4EY', pool: pool() },
      { kind: 'provider', provider: PROVIDER, pools: [pool()] },
    ];
    for (const subject of subjects) {
      // The full file declares the provider a second time: `terraform init`
      // fails with "Duplicate required providers configuration".
      expect(await requiredProviders(toTerraform(subject).text)).toBe(2);
      const file = toTerraform(subject, { withTerraformBlock: false });
      expect(await requiredProviders(file.text)).toBe(1);
      const parsed = await parseHcl(file.text);
      expect(parsed.terraform).toBeUndefined();
      expect(parsed.import.length).toBe(subject.kind === 'pool' ? 1 : 2);
      expect(poolResources(parsed)).toHaveLength(1);
      expect(file.text).toContain(
        '# Resources and import blocks only, to add to a configuration that already\n# requires confluentinc/confluent 2.83 or later, and Terraform 1.5 or later.',
      );
      expect(file.filename).toBe(toTerraform(subject).filename);
    }
    expect(
      exportAs('terraform', subjects[1]!, { withTerraformBlock: false }).text,
    ).toBe(toTerraform(subjects[1]!, { withTerraformBlock: false }).text);
  });

  test('text not in NFC: Terraform would normalise it, and the export says so', async () => {
    const decomposed = 'claims.name == "Zoe\u0308"';
    const file = toTerraform({
      kind: 'pool',
      providerId: 'op-4EY',
      pool: pool({ filter: decomposed }),
    });
    expect(file.warnings).toEqual([
      expect.stringMatching(/filter of pool .* not in Unicode NFC/),
    ]);
    const { body } = onlyPool(await parseHcl(file.text));
    expect(body.filter).toBe('claims.name == "Zoë"');
  });

  test('a lone surrogate cannot be written to a file: Terraform and CLI say so, curl keeps it', async () => {
    const subject: ExportSubject = {
      kind: 'pool',
      providerId: 'op-4EY',
      pool: pool({ description: 'half \ud83d of an emoji' }),
    };
    const terraform = toTerraform(subject);
    expect(terraform.warnings).toEqual([
      expect.stringMatching(/description of pool .* lone UTF-16 surrogate/),
    ]);
    const { body } = onlyPool(await parseHcl(terraform.text));
    expect(body.description).toBe('half \ufffd of an emoji');
    expect(toCli(subject).warnings).toEqual([
      expect.stringMatching(/lone UTF-16 surrogate/),
    ]);
    expect(toCurl(subject).warnings).toEqual([]);
    // A whole pair is no lone surrogate.
    expect(
      toTerraform({ ...subject, pool: pool({ description: '\ud83d\ude80' }) })
        .warnings,
    ).toEqual([]);
  });

  test('resource names: valid identifiers, unique, independent of order', () => {
    const items = [
      { id: 'pool-a', display_name: 'Team A' },
      { id: 'pool-b', display_name: 'team a' },
      { id: 'pool-c', display_name: 'Ünïcödé — naïve' },
      { id: 'pool-d', display_name: '🚀🚀' },
      { id: 'pool-e', display_name: '9lives' },
      { id: 'pool-f', display_name: 'x'.repeat(200) },
      { id: 'pool-g', display_name: 'team_a_pool_a' },
    ];
    const names = uniqueIdentifiers(items);
    expect(names).toEqual([
      'team_a_pool_a_2',
      'team_a_pool_b',
      'unicode_naive',
      'pool_d',
      '_9lives',
      'x'.repeat(48),
      'team_a_pool_a',
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(IDENTIFIER);
    // Another order (another page size, a new pool) keeps every name.
    expect(uniqueIdentifiers([...items].reverse()).reverse()).toEqual(names);
  });

  test('property: any filter, description and name parse back as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString(40),
        hostileString(12),
        hostileString(8),
        async (filter, description, displayName) => {
          const subject: ExportSubject = {
            kind: 'provider',
            provider: PROVIDER,
            pools: [
              pool({
                id: 'pool-1',
                filter,
                description,
                display_name: displayName,
              }),
              pool({
                id: 'pool-2',
                filter: description,
                display_name: displayName,
              }),
            ],
          };
          const file = toTerraform(subject);
          const parsed = await parseHcl(file.text);
          expect(parsed.import.map((entry) => entry.id)).toEqual([
            'op-4EY',
            'op-4EY/pool-1',
            'op-4EY/pool-2',
          ]);
          const [one, two] = [1, 2].map((index) => {
            const name = /^\$\{confluent_identity_pool\.(.+)\}$/.exec(
              parsed.import[index]!.to,
            )![1]!;
            expect(name).toMatch(IDENTIFIER);
            return parsed.resource.confluent_identity_pool![name]![0]!;
          });
          expect(one!.filter).toBe(asHclJson(filter));
          expect(one!.description).toBe(asHclJson(description));
          expect(two!.filter).toBe(asHclJson(description));
          expect(one!.display_name).toBe(asHclJson(displayName));
          expect(two!.display_name).toBe(asHclJson(displayName));
          const unnormalised = [filter, description, displayName].some(
            (value) => value !== value.normalize('NFC'),
          );
          expect(file.warnings.length > 0).toBe(unnormalised);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('hclString: one line, quoted', () => {
    expect(hclString('a\nb"c\\d${e}%{f}')).toBe('"a\\nb\\"c\\\\d$${e}%%{f}"');
    expect(identifierFor('', 'pool-x')).toBe('pool_x');
  });
});

// --- Shell ------------------------------------------------------------------

// Each stand-in records its name, its argument count and its arguments, NUL
// separated (the only byte no argument can hold), in the file $CALLS. The
// `confluent` one answers as the CLI would in an organisation without the
// provider: empty lists, and `op-New` for the provider it creates.
const STAND_INS = `
confluent() {
  printf '%s\\0' confluent "$#" "$@" >> "$CALLS"
  case "$2 $3" in
    'provider create') printf '{\\n  "id": "op-New",\\n  "name": "x"\\n}\\n' ;;
    *' list') printf '[]\\n' ;;
  esac
}
curl() { printf '%s\\0' curl "$#" "$@" >> "$CALLS"; }
`;

function run(
  shell: 'bash' | 'sh',
  script: string,
  env: Record<string, string> = {},
): Call[] {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-export-'));
  const callsFile = join(dir, 'calls');
  writeFileSync(callsFile, '');
  try {
    execFileSync(shell, ['-c', `${STAND_INS}\n${script}`], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        CALLS: callsFile,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return parseCalls(readFileSync(callsFile, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(SHELLS)('Confluent CLI through %s', (shell) => {
  test('a pool: one `confluent iam pool create` with every field', () => {
    const file = toCli({ kind: 'pool', providerId: 'op-4EY', pool: pool() });
    expect(file.filename).toBe('pool-AzXR-confluent-cli.sh');
    const calls = run(shell, file.text);
    expect(calls).toEqual([
      {
        program: 'confluent',
        args: [
          'iam',
          'pool',
          'create',
          'Release engineering',
          '--provider',
          'op-4EY',
          '--identity-claim',
          'claims.sub',
          '--filter',
          pool().filter,
          '--description',
          'Prod access for release engineering',
        ],
      },
    ]);
  });

  test.each(Object.entries(HOSTILE).filter(([, value]) => value !== ''))(
    'every value survives %s byte for byte',
    (_, value) => {
      const hostile = pool({
        display_name: value,
        description: value,
        identity_claim: value,
        filter: value,
      });
      const [call] = run(
        shell,
        toCli({ kind: 'pool', providerId: 'op-4EY', pool: hostile }).text,
      );
      const expected = value;
      expect(call!.args.slice(0, 3)).toEqual(['iam', 'pool', 'create']);
      expect(cliName(call!.args)).toBe(expected);
      expect(option(call!.args, '--filter')).toBe(expected);
      expect(option(call!.args, '--description')).toBe(expected);
      expect(option(call!.args, '--identity-claim')).toBe(expected);
    },
  );

  test('names and values starting with - stay values', () => {
    const [call] = run(
      shell,
      toCli({
        kind: 'pool',
        providerId: 'op-4EY',
        pool: pool({ display_name: '--help', filter: '-1 < claims.n' }),
      }).text,
    );
    expect(call!.args.slice(-2)).toEqual(['--', '--help']);
    expect(call!.args).toContain('--filter=-1 < claims.n');
  });

  test('a provider: looked up by issuer, created with its id read from --output json, then every pool under it', () => {
    const pools = [
      pool({ id: 'pool-1', display_name: 'One', filter: 'claims.a == "1"' }),
      pool({ id: 'pool-2', display_name: 'Two', description: '' }),
    ];
    const file = toCli({ kind: 'provider', provider: PROVIDER, pools });
    expect(file.filename).toBe('op-4EY-confluent-cli.sh');
    const [providerList, providerCall, poolList, ...poolCalls] = run(
      shell,
      file.text,
    );
    expect(providerList!.args).toEqual([
      'iam',
      'provider',
      'list',
      '--output',
      'json',
    ]);
    expect(providerCall).toEqual({
      program: 'confluent',
      args: [
        'iam',
        'provider',
        'create',
        'Corporate Okta',
        '--issuer-uri',
        PROVIDER.issuer,
        '--jwks-uri',
        PROVIDER.jwks_uri,
        '--description',
        'Workforce tokens',
        '--identity-claim',
        'claims.sub',
        '--output',
        'json',
      ],
    });
    expect(poolList!.args).toEqual([
      'iam',
      'pool',
      'list',
      '--provider',
      'op-New',
      '--output',
      'json',
    ]);
    expect(poolCalls.map((call) => cliName(call.args))).toEqual(['One', 'Two']);
    expect(poolCalls.map((call) => option(call.args, '--provider'))).toEqual([
      'op-New',
      'op-New',
    ]);
    expect(option(poolCalls[0]!.args, '--filter')).toBe('claims.a == "1"');
    expect(option(poolCalls[1]!.args, '--description')).toBeUndefined();
    // PROVIDER_ID names the provider: no lookup, nothing created.
    const chosen = run(shell, file.text, { PROVIDER_ID: 'op-Mine' });
    expect(chosen.map((call) => call.args.slice(0, 3).join(' '))).toEqual([
      'iam pool list',
      'iam pool create',
      'iam pool create',
    ]);
    expect(chosen.map((call) => option(call.args, '--provider'))).toEqual([
      'op-Mine',
      'op-Mine',
      'op-Mine',
    ]);
  });

  test('property: any names, filters and descriptions arrive as they were', () => {
    // A NUL cannot be in an argument at all (the export warns about it).
    const value = hostileString(20).map((text) => text.replaceAll('\0', ''));
    const pools = fc.array(
      fc.record({ display_name: value, filter: value, description: value }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(pools, value, (fields, providerName) => {
        const exported = fields.map((field, index) =>
          pool({ ...field, id: `pool-${index}` }),
        );
        // One shell per run: the provider export holds every pool.
        const [providerCall, ...poolCalls] = run(
          shell,
          toCli({
            kind: 'provider',
            provider: { ...PROVIDER, display_name: providerName },
            pools: exported,
          }).text,
        ).filter((call) => call.args[2] === 'create');
        expect(cliName(providerCall!.args)).toBe(providerName);
        expect(poolCalls).toHaveLength(exported.length);
        for (const [index, call] of poolCalls.entries()) {
          const { display_name, filter, description } = exported[index]!;
          expect(cliName(call.args)).toBe(display_name);
          expect(option(call.args, '--filter')).toBe(filter);
          expect(option(call.args, '--description')).toBe(
            description === '' ? undefined : description,
          );
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

// A stand-in `confluent` executable for running the provider's CLI script as
// a user would: first on PATH, it records each call (calls.jsonl), keeps an
// organisation's providers and pools (state.json), refuses a second provider
// with an issuer (as the service does) and prints what the CLI prints with
// `--output json`: Go's encoding/json (which also escapes <, >, &, U+2028
// and U+2029) laid out by tidwall/pretty, lists sorted by id.
const FAKE_CONFLUENT = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
fs.appendFileSync(path.join(__dirname, 'calls.jsonl'), JSON.stringify(args) + '\n');
const statePath = path.join(__dirname, 'state.json');
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
function fail(message) {
  process.stderr.write('Error: ' + message + '\n');
  process.exit(1);
}
if (state.failing) fail(state.failing);
const [group, noun, verb, ...rest] = args;
const flags = {};
const positional = [];
for (let i = 0; i < rest.length; i += 1) {
  if (rest[i] === '--') {
    positional.push(...rest.slice(i + 1));
    break;
  }
  const flag = /^(--[a-z-]+|-o)(?:=([\s\S]*))?$/.exec(rest[i]);
  if (!flag) positional.push(rest[i]);
  else flags[flag[1] === '-o' ? '--output' : flag[1]] = flag[2] ?? rest[(i += 1)];
}
function show(value) {
  if (flags['--output'] !== 'json') {
    process.stdout.write(JSON.stringify(value) + '\n');
    return;
  }
  const json = JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (char) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  process.stdout.write(json + '\n');
}
function save() {
  fs.writeFileSync(statePath, JSON.stringify(state));
}
function provider(id) {
  if (!state.providers.some((each) => each.id === id)) {
    fail('Identity Provider ' + id + ' not found or disabled for Organization');
  }
  return (state.pools[id] ??= []);
}
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const command = [group, noun, verb].join(' ');
if (command === 'iam provider list') {
  show([...state.providers].sort(byId));
} else if (command === 'iam provider create') {
  const issuer = flags['--issuer-uri'];
  const trimmed = (url) => url.replace(/\/+$/, '');
  const same = state.providers.find((each) => trimmed(each.issuer_uri) === trimmed(issuer));
  if (same) fail('409 Conflict: An identity provider with the same issuer already exists: ' + same.id);
  const created = {
    id: 'op-Fk' + (state.next += 1),
    name: positional[0],
    description: flags['--description'] ?? '',
    ...(flags['--identity-claim'] ? { identity_claim: flags['--identity-claim'] } : {}),
    issuer_uri: issuer,
    jwks_uri: flags['--jwks-uri'],
  };
  state.providers.push(created);
  save();
  show(created);
} else if (command === 'iam pool list') {
  show([...provider(flags['--provider'])].sort(byId));
} else if (command === 'iam pool create') {
  const created = {
    id: 'pool-Fk' + (state.next += 1),
    name: positional[0],
    description: flags['--description'] ?? '',
    identity_claim: flags['--identity-claim'],
    filter: flags['--filter'] ?? '',
  };
  provider(flags['--provider']).push(created);
  save();
  show(created);
} else {
  fail('unknown command "' + command + '"');
}
`;

type FakeProvider = {
  id: string;
  name: string;
  description: string;
  identity_claim?: string;
  issuer_uri: string;
  jwks_uri: string;
};

type FakePool = {
  id: string;
  name: string;
  description: string;
  identity_claim: string;
  filter: string;
};

type FakeOrganisation = {
  next: number;
  providers: FakeProvider[];
  pools: Record<string, FakePool[]>;
  /** What every call fails with, as when nobody is logged in. */
  failing?: string;
};

/** A temporary directory holding the fake `confluent` and its organisation. */
function fakeConfluent(organisation: Partial<FakeOrganisation> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-confluent-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'confluent'),
    `#!${process.execPath}\n${FAKE_CONFLUENT}`,
    { mode: 0o755 },
  );
  const statePath = join(dir, 'state.json');
  writeFileSync(
    statePath,
    JSON.stringify({ next: 0, providers: [], pools: {}, ...organisation }),
  );
  const callsPath = join(dir, 'calls.jsonl');
  return {
    /** Runs `script` as a file, as `sh export.sh` would; one run's calls. */
    run(
      shell: 'bash' | 'sh',
      script: string,
      env: Record<string, string> = {},
    ) {
      writeFileSync(join(dir, 'export.sh'), script);
      writeFileSync(callsPath, '');
      const result = spawnSync(shell, [join(dir, 'export.sh')], {
        env: {
          PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
          ...env,
        },
        encoding: 'utf8',
      });
      const calls = readFileSync(callsPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
      return { status: result.status, stderr: result.stderr, calls };
    },
    organisation(): FakeOrganisation {
      return JSON.parse(readFileSync(statePath, 'utf8')) as FakeOrganisation;
    },
  };
}

/** `iam pool create …` and the like: the command words of a call. */
function commandOf(args: string[]): string {
  return args.slice(0, 3).join(' ');
}

// Names as people write them, with what JSON and quoting trip on, and two
// pools sharing a name (which the service allows).
const SCRIPT_POOLS = [
  pool({ id: 'pool-1', display_name: 'Payments' }),
  pool({
    id: 'pool-2',
    display_name: `Ops "on call" <&> it's \\ ${'${x}'} Zoë 🚀\u2028-`,
    description: '',
    filter: 'claims.aud == "ops"\n&& claims.x != \'<&>\'',
  }),
  pool({ id: 'pool-3', display_name: 'Payments', filter: 'claims.b == "2"' }),
  pool({ id: 'pool-4', display_name: '--help' }),
];

describe.each(SHELLS)(
  'the provider CLI script through %s, against a fake `confluent` on PATH',
  (shell) => {
    test('a new organisation: the provider is created and its new id captured for the pools; a second run creates nothing', () => {
      const cli = fakeConfluent();
      const provider = { ...PROVIDER, display_name: '-Corporate "Okta"' };
      const script = toCli({ kind: 'provider', provider, pools: SCRIPT_POOLS });

      const first = cli.run(shell, script.text);
      expect(first.stderr).toBe('Identity provider: op-Fk1\n');
      expect(first.status).toBe(0);
      expect(first.calls.map(commandOf)).toEqual([
        'iam provider list',
        'iam provider create',
        'iam pool list',
        ...SCRIPT_POOLS.map(() => 'iam pool create'),
      ]);
      const { providers, pools } = cli.organisation();
      expect(providers).toEqual([
        {
          id: 'op-Fk1',
          name: provider.display_name,
          description: PROVIDER.description,
          identity_claim: PROVIDER.identity_claim,
          issuer_uri: PROVIDER.issuer,
          jwks_uri: PROVIDER.jwks_uri,
        },
      ]);
      expect(pools['op-Fk1']!.map(({ id: _, ...fields }) => fields)).toEqual(
        SCRIPT_POOLS.map((each) => ({
          name: each.display_name,
          description: each.description ?? '',
          identity_claim: each.identity_claim,
          filter: each.filter,
        })),
      );

      // Run again (or after a failure part way): nothing is created twice.
      const second = cli.run(shell, script.text);
      expect(second.status).toBe(0);
      expect(second.calls).toEqual([
        ['iam', 'provider', 'list', '--output', 'json'],
        ['iam', 'pool', 'list', '--provider', 'op-Fk1', '--output', 'json'],
      ]);
      expect(cli.organisation()).toEqual({
        next: SCRIPT_POOLS.length + 1,
        providers,
        pools,
      });
    });

    test('the provider exists (its issuer written with a trailing slash): its id is used and only the missing pools are created', () => {
      const cli = fakeConfluent({
        providers: [
          {
            id: 'op-Other',
            name: 'Other',
            description: '',
            issuer_uri: 'https://other.example.com',
            jwks_uri: 'https://other.example.com/keys',
          },
          {
            id: 'op-Xist',
            name: 'Okta, renamed',
            description: '',
            issuer_uri: `${PROVIDER.issuer}/`,
            jwks_uri: PROVIDER.jwks_uri,
          },
        ],
        pools: {
          'op-Xist': [
            {
              id: 'pool-Old',
              name: SCRIPT_POOLS[1]!.display_name,
              description: 'changed by hand',
              identity_claim: 'claims.sub',
              filter: 'true',
            },
            {
              id: 'pool-Pay',
              name: 'Payments',
              description: '',
              identity_claim: 'claims.sub',
              filter: 'true',
            },
          ],
        },
      });
      const script = toCli({
        kind: 'provider',
        provider: PROVIDER,
        pools: SCRIPT_POOLS,
      });
      const { status, calls } = cli.run(shell, script.text);
      expect(status).toBe(0);
      expect(calls.map(commandOf)).toEqual([
        'iam provider list',
        'iam pool list',
        'iam pool create',
        'iam pool create',
      ]);
      // The second "Payments" (one existed) and "--help"; all under op-Xist.
      expect(calls.slice(2).map(cliName)).toEqual(['Payments', '--help']);
      expect(calls.slice(1).map((call) => option(call, '--provider'))).toEqual([
        'op-Xist',
        'op-Xist',
        'op-Xist',
      ]);
      expect(option(calls[2]!, '--filter')).toBe('claims.b == "2"');
      const { providers, pools } = cli.organisation();
      expect(providers).toHaveLength(2);
      expect(pools['op-Xist']!.find((p) => p.id === 'pool-Old')).toMatchObject({
        description: 'changed by hand',
        filter: 'true',
      });
    });

    test('PROVIDER_ID chooses the provider: no lookup, nothing created but the pools', () => {
      const cli = fakeConfluent({
        providers: [
          {
            id: 'op-Mine',
            name: 'Mine',
            description: '',
            issuer_uri: 'https://mine.example.com',
            jwks_uri: 'https://mine.example.com/keys',
          },
        ],
      });
      const script = toCli({
        kind: 'provider',
        provider: PROVIDER,
        pools: SCRIPT_POOLS.slice(0, 1),
      });
      const { status, calls } = cli.run(shell, script.text, {
        PROVIDER_ID: 'op-Mine',
      });
      expect(status).toBe(0);
      expect(calls.map(commandOf)).toEqual([
        'iam pool list',
        'iam pool create',
      ]);
      expect(cli.organisation().pools['op-Mine']).toHaveLength(1);
    });

    test('a failing CLI still stops the script, before any pool', () => {
      const cli = fakeConfluent({ failing: 'You must be logged in.' });
      const script = toCli({
        kind: 'provider',
        provider: PROVIDER,
        pools: SCRIPT_POOLS,
      });
      const { status, stderr, calls } = cli.run(shell, script.text);
      expect(status).not.toBe(0);
      expect(stderr).toContain('Error: You must be logged in.');
      expect(calls.map(commandOf)).toEqual(['iam provider list']);
    });
  },
);

test('cliJsonLine writes a field as the CLI prints it', () => {
  expect(cliJsonLine('name', 'a "b" \\ <c> & d\u2028\n\t\b\f\u0001é🚀')).toBe(
    '"name": "a \\"b\\" \\\\ \\u003cc\\u003e \\u0026 d\\u2028\\n\\t\\b\\f\\u0001é🚀"',
  );
  expect(cliJsonLine('name', 'half \ud83d')).toBe('"name": "half \ufffd"');
});

const CREDENTIALS = {
  CONFLUENT_CLOUD_API_KEY: 'KEY123',
  CONFLUENT_CLOUD_API_SECRET: 's3cr3t:with$stuff',
};

describe.each(SHELLS)('curl through %s', (shell) => {
  test('a pool: POST of its create body, credentials from the environment', () => {
    const file = toCurl({ kind: 'pool', providerId: 'op-4EY', pool: pool() });
    expect(file.filename).toBe('pool-AzXR-curl.sh');
    expect(file.text).toContain(
      '-u "$CONFLUENT_CLOUD_API_KEY:$CONFLUENT_CLOUD_API_SECRET"',
    );
    const [call] = run(shell, file.text, CREDENTIALS);
    expect(call!.args).toEqual([
      '-sS',
      '-X',
      'POST',
      'https://api.confluent.cloud/iam/v2/identity-providers/op-4EY/identity-pools',
      '-u',
      'KEY123:s3cr3t:with$stuff',
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      expect.any(String),
    ]);
    expect(dataOf(call!)).toEqual(poolCreateBody(pool()));
    // CONFLUENT_CLOUD_ENDPOINT points it elsewhere, such as the emulator.
    const [local] = run(shell, file.text, {
      ...CREDENTIALS,
      CONFLUENT_CLOUD_ENDPOINT: 'http://127.0.0.1:8090',
    });
    expect(local!.args[3]).toBe(
      'http://127.0.0.1:8090/iam/v2/identity-providers/op-4EY/identity-pools',
    );
  });

  test.each(Object.entries(HOSTILE))(
    'the body survives %s byte for byte',
    (_, value) => {
      const hostile = pool({
        display_name: value,
        description: value,
        identity_claim: value,
        filter: value,
      });
      const [call] = run(
        shell,
        toCurl({ kind: 'pool', providerId: 'op-4EY', pool: hostile }).text,
        CREDENTIALS,
      );
      expect(dataOf(call!)).toEqual({
        display_name: value,
        description: value,
        identity_claim: value,
        filter: value,
      });
    },
  );

  test('a provider: its POST, then one POST per pool under PROVIDER_ID', () => {
    const pools = [
      pool({ id: 'pool-1', display_name: 'One' }),
      pool({ id: 'pool-2', display_name: "Two's" }),
    ];
    const file = toCurl({ kind: 'provider', provider: PROVIDER, pools });
    expect(file.filename).toBe('op-4EY-curl.sh');
    const calls = run(shell, file.text, CREDENTIALS);
    expect(calls.map((call) => call.args[3])).toEqual([
      'https://api.confluent.cloud/iam/v2/identity-providers',
      'https://api.confluent.cloud/iam/v2/identity-providers/op-4EY/identity-pools',
      'https://api.confluent.cloud/iam/v2/identity-providers/op-4EY/identity-pools',
    ]);
    expect(calls.map(dataOf)).toEqual([
      providerCreateBody(PROVIDER),
      poolCreateBody(pools[0]!),
      poolCreateBody(pools[1]!),
    ]);
    const recreated = run(shell, file.text, {
      ...CREDENTIALS,
      PROVIDER_ID: 'op-New',
    });
    expect(recreated[2]!.args[3]).toBe(
      'https://api.confluent.cloud/iam/v2/identity-providers/op-New/identity-pools',
    );
  });

  test('property: any body arrives as it was (NUL and lone surrogates included)', () => {
    const pools = fc.array(
      fc.record({
        display_name: hostileString(10),
        filter: hostileString(20),
        // JSON escapes a lone surrogate, so even that survives.
        description: fc.string({ maxLength: 10 }).map((s) => `${s}\ud800${s}`),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(pools, (fields) => {
        const exported = fields.map((field, index) =>
          pool({ ...field, id: `pool-${index}` }),
        );
        const [, ...poolCalls] = run(
          shell,
          toCurl({ kind: 'provider', provider: PROVIDER, pools: exported })
            .text,
          CREDENTIALS,
        );
        expect(poolCalls.map(dataOf)).toEqual(exported.map(poolCreateBody));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('JSON', () => {
  test('a pool as the API returned it; a provider with its pools', () => {
    const single = toJson({ kind: 'pool', providerId: 'op-4EY', pool: pool() });
    expect(JSON.parse(single.text)).toEqual(pool());
    expect(single).toMatchObject({
      filename: 'pool-AzXR.json',
      mimeType: 'application/json',
    });
    const pools = [pool({ id: 'pool-1' }), pool({ id: 'pool-2' })];
    const all = exportAs('json', {
      kind: 'provider',
      provider: PROVIDER,
      pools,
    });
    expect(JSON.parse(all.text)).toEqual({
      identity_provider: PROVIDER,
      identity_pools: pools,
    });
  });
});
