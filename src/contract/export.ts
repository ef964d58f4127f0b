// "Export as code": a pool, or a provider with all its pools, written as
// Terraform, Confluent CLI commands, curl calls or JSON. Pure functions over
// the API's objects, so they run in the browser and under a real shell and
// HCL parser in tests (export.test.ts, export-role-bindings.test.ts).

import {
  buildCrn,
  normalizeCrn,
  parseCrn,
  type Crn,
  type CrnResourceType,
} from './crn.ts';

/** A pool as the exports read it; `description` may be absent upstream. */
export type ExportPool = {
  id: string;
  display_name: string;
  description?: string;
  identity_claim: string;
  filter: string;
};

/** A provider as the exports read it; `description` may be absent upstream. */
export type ExportProvider = {
  id: string;
  display_name: string;
  description?: string;
  issuer: string;
  jwks_uri: string;
  identity_claim?: string;
};

/** A role binding as the exports read it (`iam.v2.RoleBinding`). */
export type ExportRoleBinding = {
  id: string;
  principal: string;
  role_name: string;
  crn_pattern: string;
};

/**
 * What is exported: one pool (its provider's id is enough; the provider
 * itself, when known, only names it in comments) with, when they were
 * fetched, the role bindings it holds; or a provider and every one of its
 * pools (without their bindings).
 */
export type ExportSubject =
  | {
      kind: 'pool';
      providerId: string;
      pool: ExportPool;
      provider?: ExportProvider;
      /**
       * The bindings whose principal is the pool (`User:<pool id>`).
       * Undefined: not fetched, and the export says nothing of them.
       */
      roleBindings?: readonly ExportRoleBinding[];
    }
  | {
      kind: 'provider';
      provider: ExportProvider;
      pools: readonly ExportPool[];
    };

export const EXPORT_FORMATS = ['terraform', 'cli', 'curl', 'json'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One export, ready to show, copy or download. */
export type ExportFile = {
  text: string;
  filename: string;
  mimeType: string;
  /** Where the code cannot say exactly what the API holds, and why. */
  warnings: string[];
};

/** Choices the Terraform export offers. */
export type TerraformOptions = {
  /**
   * With the `terraform { required_providers }` block (the provider's
   * version pinned), for a configuration of its own: the default. Without
   * it, resources and import blocks only, to add to a configuration that
   * declares the provider already (a second declaration fails `terraform
   * init`).
   */
  withTerraformBlock?: boolean;
  /**
   * Written in place of the provider's description when Confluent holds
   * none, which the confluentinc/confluent provider refuses. Only the file
   * holds it; ignored when Confluent holds a description, or when blank.
   */
  providerDescription?: string;
};

/** Base URL of the Confluent Cloud API, the default of the curl exports. */
export const CONFLUENT_API_URL = 'https://api.confluent.cloud';

// ---------------------------------------------------------------------------
// HCL

// Characters written as \u escapes rather than raw: controls (a raw newline
// would end the string), line separators, and the invisible format and bidi
// characters that make code read differently from what it does.
const HCL_ESCAPED =
  // eslint-disable-next-line no-control-regex -- finding controls is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

function hex4(codeUnit: number): string {
  return codeUnit.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * `value` as an HCL quoted string whose value is exactly `value`: quotes and
 * backslashes escaped, controls as `\n`, `\t`, `\uXXXX`, and the template
 * sequences `${` and `%{` doubled (`$${`, `%%{`) so Terraform never
 * interpolates them. HCL normalises every string to Unicode NFC, escapes
 * included, so a value that is not in NFC cannot survive (see
 * {@link isNfc}).
 */
export function hclString(value: string): string {
  let body = '';
  for (const char of value) {
    if (char === '\\') body += '\\\\';
    else if (char === '"') body += '\\"';
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (HCL_ESCAPED.test(char)) body += `\\u${hex4(char.charCodeAt(0))}`;
    // A lone surrogate has no UTF-8 form; HCL would read U+FFFD anyway.
    else if (/^[\ud800-\udfff]$/.test(char)) body += '\\uFFFD';
    else body += char;
  }
  // Escapes above never produce `$`, `%` or `{`, so this only meets the
  // value's own template sequences. (A function, because `$$` in a
  // replacement string means one `$`.)
  return `"${body.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`)}"`;
}

/** Whether Terraform (HCL) keeps `value` as it is: it must be in Unicode NFC. */
export function isNfc(value: string): boolean {
  return value === value.normalize('NFC');
}

const IDENTIFIER_MAX = 48;

/**
 * A Terraform resource name for a display name: lower-case ASCII letters,
 * digits and underscores, starting with a letter or underscore (accents are
 * dropped, everything else becomes `_`); `fallback` when nothing is left.
 */
export function identifierFor(displayName: string, fallback: string): string {
  const words = displayName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, IDENTIFIER_MAX)
    .replace(/_+$/, '');
  const name = words || fallback.replace(/[^A-Za-z0-9_]+/g, '_') || 'pool';
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/**
 * Resource names for `items`, in order, unique among themselves and
 * `taken`: a display name shared by several items gets each item's id
 * appended. Neither depends on the order the items come in, so a re-export
 * keeps its names; only a clash with such a derived name adds a number.
 */
export function uniqueIdentifiers(
  items: readonly { id: string; display_name: string }[],
  taken: Iterable<string> = [],
): string[] {
  const bases = items.map((item) => identifierFor(item.display_name, item.id));
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  const used = new Set(taken);
  const names = bases.map((base) => {
    if (counts.get(base) !== 1 || used.has(base)) return undefined;
    used.add(base);
    return base;
  });
  return names.map((name, index) => {
    if (name !== undefined) return name;
    const base = bases[index]!;
    const withId = `${base}_${items[index]!.id.replace(/[^A-Za-z0-9_]+/g, '_')}`;
    let unique = withId;
    for (let n = 2; used.has(unique); n += 1) unique = `${withId}_${n}`;
    used.add(unique);
    return unique;
  });
}

/** For a comment line: nothing that could end the comment or hide text. */
export function commentText(value: string): string {
  return value.replace(new RegExp(HCL_ESCAPED.source, 'gu'), ' ');
}

/** `key = value` lines, their `=` aligned as `terraform fmt` does. */
export function attributes(
  indent: string,
  entries: [string, string][],
): string[] {
  // `terraform fmt` aligns the `=` of consecutive one-line attributes.
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(
    ([key, value]) => `${indent}${key.padEnd(width)} = ${value}`,
  );
}

/**
 * `resource "<type>" "<name>" { … }` with its attributes aligned; a pool's
 * resource first names its parent (`identity_provider { id = … }`).
 */
export function terraformResource(
  type: string,
  name: string,
  entries: [string, string][],
  parent?: { block: string; idExpression: string },
): string[] {
  return [
    `resource "${type}" "${name}" {`,
    ...(parent
      ? [`  ${parent.block} {`, `    id = ${parent.idExpression}`, '  }']
      : []),
    ...attributes('  ', entries),
    '}',
  ];
}

/**
 * The confluentinc/confluent releases an export is written for: 2.81.4 first
 * accepts an empty pool description, 2.83.0 a filter over 300 characters.
 */
export const CONFLUENT_PROVIDER_VERSION = '~> 2.83';

const PROVIDER_RELEASE = CONFLUENT_PROVIDER_VERSION.replace('~> ', '');

/** The `terraform { required_providers … }` block of a standalone export. */
export const TERRAFORM_BLOCK = [
  'terraform {',
  '  # import blocks need Terraform 1.5 or later.',
  '  required_version = ">= 1.5.0"',
  '  required_providers {',
  '    confluent = {',
  `      # ${PROVIDER_RELEASE} is the first release to accept all this file holds: empty pool`,
  '      # descriptions (from 2.81.4) and filters over 300 characters.',
  '      source  = "confluentinc/confluent"',
  `      version = ${hclString(CONFLUENT_PROVIDER_VERSION)}`,
  '    }',
  '  }',
  '}',
];

// Instead of the block above, where the file joins a configuration that has
// one already: a second `required_providers` for confluent fails `terraform
// init` ("Duplicate required providers configuration").
export const RESOURCES_ONLY_NOTE = [
  '# Resources and import blocks only, to add to a configuration that already',
  `# requires confluentinc/confluent ${PROVIDER_RELEASE} or later, and Terraform 1.5 or later.`,
];

/** `import { to = <address> id = "<id>" }`. */
export function importBlock(address: string, id: string): string[] {
  return ['import {', `  to = ${address}`, `  id = ${hclString(id)}`, '}'];
}

function poolResource(
  name: string,
  pool: ExportPool,
  providerIdExpression: string,
): string[] {
  return terraformResource(
    'confluent_identity_pool',
    name,
    [
      ['display_name', hclString(pool.display_name)],
      ['description', hclString(pool.description ?? '')],
      ['identity_claim', hclString(pool.identity_claim)],
      ['filter', hclString(pool.filter)],
    ],
    { block: 'identity_provider', idExpression: providerIdExpression },
  );
}

function providerResource(name: string, provider: ExportProvider): string[] {
  const entries: [string, string][] = [
    ['display_name', hclString(provider.display_name)],
    ['description', hclString(provider.description ?? '')],
    ['issuer', hclString(provider.issuer)],
    ['jwks_uri', hclString(provider.jwks_uri)],
  ];
  if (provider.identity_claim) {
    entries.push(['identity_claim', hclString(provider.identity_claim)]);
  }
  return terraformResource('confluent_identity_provider', name, entries);
}

// Half of a UTF-16 surrogate pair on its own: no UTF-8 file can hold it.
export const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Warnings for field values Terraform would change (not NFC) or cannot hold. */
export function nfcWarnings(
  what: string,
  fields: Record<string, string | undefined>,
): string[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    if (value === undefined) return [];
    if (LONE_SURROGATE.test(value)) {
      return [
        `The ${field} of ${what} holds a lone UTF-16 surrogate, which no HCL file can carry; the export writes U+FFFD instead.`,
      ];
    }
    return isNfc(value)
      ? []
      : [
          `The ${field} of ${what} is not in Unicode NFC; Terraform normalises strings to NFC, so it would plan a change to it.`,
        ];
  });
}

function poolLabel(pool: ExportPool): string {
  return `pool "${commentText(pool.display_name)}" (${commentText(pool.id)})`;
}

function providerLabel(provider: ExportProvider): string {
  return `provider "${commentText(provider.display_name)}" (${commentText(provider.id)})`;
}

function poolNfcWarnings(pool: ExportPool): string[] {
  return nfcWarnings(poolLabel(pool), {
    display_name: pool.display_name,
    description: pool.description,
    identity_claim: pool.identity_claim,
    filter: pool.filter,
  });
}

// ---------------------------------------------------------------------------
// Role bindings: what the pool may do, written beside it

/** The principal a pool's role bindings name: `User:<pool id>`. */
export function poolPrincipal(pool: Pick<ExportPool, 'id'>): string {
  return `User:${pool.id}`;
}

/** "role binding rb-1 (DeveloperRead on crn://…)", for warnings. */
export function bindingLabel(binding: ExportRoleBinding): string {
  return `role binding ${commentText(binding.id)} (${commentText(binding.role_name)} on ${commentText(binding.crn_pattern)})`;
}

/** {@link nfcWarnings} for role bindings. */
export function bindingWarnings(
  bindings: readonly ExportRoleBinding[],
): string[] {
  return bindings.flatMap((binding) =>
    nfcWarnings(bindingLabel(binding), {
      principal: binding.principal,
      role_name: binding.role_name,
      crn_pattern: binding.crn_pattern,
    }),
  );
}

// What a binding is on, in words, for its resource name: the resource
// (`topic orders prefix`) or the id of the scope it stops at.
function bindingTarget(binding: ExportRoleBinding): string {
  const parsed = parseCrn(binding.crn_pattern);
  if (!parsed.ok) return 'binding';
  const { resource, scope, segments } = parsed.crn;
  if (resource) {
    return `${resource.type} ${resource.name}${resource.isPrefix ? ' prefix' : ''}`;
  }
  return scope === 'organization' ? scope : (segments.at(-1)?.value ?? scope);
}

/**
 * Terraform resource names for a pool's bindings, unique among themselves
 * and `taken`: pool, role and target (`payments_developer_read_topic_orders`),
 * with the binding's id appended where several would share one.
 */
export function roleBindingIdentifiers(
  pool: Pick<ExportPool, 'display_name'>,
  bindings: readonly ExportRoleBinding[],
  taken: Iterable<string> = [],
): string[] {
  return uniqueIdentifiers(
    bindings.map((binding) => ({
      id: binding.id,
      display_name: `${pool.display_name} ${binding.role_name.replace(/([a-z0-9])([A-Z])/g, '$1 $2')} ${bindingTarget(binding)}`,
    })),
    taken,
  );
}

/**
 * `confluent_role_binding` resources with their import blocks (`rb-…`) for
 * the bindings an object holds. The principal refers to the object's
 * resource (`resourceAddress`, e.g. `confluent_identity_pool.payments`), so
 * the bindings follow it wherever it is created, and `terraform plan` still
 * sees no change after the import (it evaluates to the same `User:<id>`).
 * `noun` names the object in the comments ("pool", "group mapping").
 */
export function objectRoleBindingBlocks({
  resourceAddress,
  object,
  bindings,
  noun,
}: {
  resourceAddress: string;
  object: { id: string; display_name: string };
  bindings: readonly ExportRoleBinding[];
  noun: string;
}): string[] {
  if (bindings.length === 0) {
    return ['', `# The ${noun} holds no role bindings.`];
  }
  const taken = resourceAddress.split('.').slice(1);
  const names = roleBindingIdentifiers(object, bindings, taken);
  const principal = `"User:\${${resourceAddress}.id}"`;
  const lines = [
    '',
    `# What the ${noun} may do: its ${bindings.length} role ${bindings.length === 1 ? 'binding' : 'bindings'}, each imported by its id.`,
  ];
  bindings.forEach((binding, index) => {
    const name = names[index]!;
    lines.push(
      '',
      ...importBlock(`confluent_role_binding.${name}`, binding.id),
      '',
      `resource "confluent_role_binding" "${name}" {`,
      ...attributes('  ', [
        [
          'principal',
          binding.principal === poolPrincipal(object)
            ? principal
            : hclString(binding.principal),
        ],
        ['role_name', hclString(binding.role_name)],
        ['crn_pattern', hclString(binding.crn_pattern)],
      ]),
      '}',
    );
  });
  return lines;
}

function roleBindingBlocks(
  poolName: string,
  pool: ExportPool,
  bindings: readonly ExportRoleBinding[],
): string[] {
  return objectRoleBindingBlocks({
    resourceAddress: `confluent_identity_pool.${poolName}`,
    object: pool,
    bindings,
    noun: 'pool',
  });
}

// Before 2.81.4 the provider refused an empty pool description; the pinned
// version accepts it, a configuration the file is added to may not.
function emptyPoolDescriptionWarnings(pools: readonly ExportPool[]): string[] {
  const empty = pools.filter((pool) => !pool.description);
  if (empty.length === 0) return [];
  const which =
    empty.length === 1
      ? `Identity ${poolLabel(empty[0]!)} has`
      : `${empty.length} identity pools have`;
  return [
    `${which} no description, which the confluentinc/confluent provider accepts only from release 2.81.4: with an older one, \`terraform plan\` fails on this file.`,
  ];
}

// The provider's description as written, and what the file and the export
// say about it: the confluentinc/confluent provider validates `description`
// as non-empty, so an empty one fails `terraform plan`.
function providerDescription(
  provider: ExportProvider,
  fill: string | undefined,
): { description: string; comment: string[]; warnings: string[] } {
  if (provider.description) {
    return { description: provider.description, comment: [], warnings: [] };
  }
  if (fill?.trim()) {
    return {
      description: fill,
      comment: [
        '# Confluent holds no description for this provider: this one is only in',
        '# this file, so `terraform plan` shows it as a change and apply sets it.',
      ],
      warnings: [
        `The description written here for identity ${providerLabel(provider)} differs from what Confluent holds (none): \`terraform plan\` shows it as a change, and \`terraform apply\` writes it to Confluent.`,
      ],
    };
  }
  return {
    description: '',
    comment: [
      '# Confluent holds no description for this provider, and the Terraform',
      '# provider confluentinc/confluent validates `description` as non-empty:',
      '# write one below, or `terraform plan` fails; the next apply then sets it.',
    ],
    warnings: [
      `Identity ${providerLabel(provider)} has no description, and the confluentinc/confluent provider validates \`description\` as non-empty, so \`terraform plan\` fails on this file as it is. Fill in a description before copying: it goes into this file only, and \`terraform apply\` then writes it to Confluent.`,
    ],
  };
}

/**
 * Terraform for the Confluent provider: `confluent_identity_provider` and
 * `confluent_identity_pool` resources with `import` blocks carrying their ids
 * (`<provider id>/<pool id>` for a pool), so `terraform plan` adopts the
 * existing objects instead of creating new ones. By default a configuration
 * of its own, with the `terraform` block; see {@link TerraformOptions}.
 */
export function toTerraform(
  subject: ExportSubject,
  options: TerraformOptions = {},
): ExportFile {
  const { withTerraformBlock = true } = options;
  const preamble = withTerraformBlock ? TERRAFORM_BLOCK : RESOURCES_ONLY_NOTE;
  const lines: string[] = [];
  const warnings: string[] = [];
  if (subject.kind === 'pool') {
    const { pool, providerId, provider, roleBindings } = subject;
    const [name] = uniqueIdentifiers([pool]);
    const address = `confluent_identity_pool.${name!}`;
    lines.push(
      `# Identity ${poolLabel(pool)} of identity ${provider ? providerLabel(provider) : `provider ${commentText(providerId)}`},`,
      '# exported from Lifeguard. `terraform plan` imports it (see the import',
      '# block) and then shows no changes while the pool is as written here.',
      '',
      ...preamble,
      '',
      ...importBlock(address, `${providerId}/${pool.id}`),
      '',
      ...poolResource(name!, pool, hclString(providerId)),
    );
    warnings.push(...poolNfcWarnings(pool));
    if (roleBindings) {
      lines.push(...roleBindingBlocks(name!, pool, roleBindings));
      warnings.push(...bindingWarnings(roleBindings));
    }
  } else {
    const { provider, pools } = subject;
    const [providerName] = uniqueIdentifiers([provider]);
    const poolNames = uniqueIdentifiers(pools);
    const providerAddress = `confluent_identity_provider.${providerName!}`;
    const written = providerDescription(provider, options.providerDescription);
    lines.push(
      `# Identity ${providerLabel(provider)} and its ${pools.length} identity ${pools.length === 1 ? 'pool' : 'pools'},`,
      '# exported from Lifeguard. `terraform plan` imports them (see the import',
      '# blocks) and then shows no changes while they are as written here.',
      '',
      ...preamble,
      '',
      ...importBlock(providerAddress, provider.id),
      '',
      ...written.comment,
      ...providerResource(providerName!, {
        ...provider,
        description: written.description,
      }),
    );
    warnings.push(
      ...written.warnings,
      ...nfcWarnings(providerLabel(provider), {
        display_name: provider.display_name,
        description: written.description,
        issuer: provider.issuer,
        jwks_uri: provider.jwks_uri,
        identity_claim: provider.identity_claim,
      }),
    );
    pools.forEach((pool, index) => {
      const address = `confluent_identity_pool.${poolNames[index]!}`;
      lines.push(
        '',
        ...importBlock(address, `${provider.id}/${pool.id}`),
        '',
        ...poolResource(poolNames[index]!, pool, `${providerAddress}.id`),
      );
      warnings.push(...poolNfcWarnings(pool));
    });
  }
  if (!withTerraformBlock) {
    warnings.push(
      ...emptyPoolDescriptionWarnings(
        subject.kind === 'pool' ? [subject.pool] : subject.pools,
      ),
    );
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${fileStem(subject)}.tf`,
    mimeType: 'text/plain;charset=utf-8',
    warnings,
  };
}

// ---------------------------------------------------------------------------
// Shell

// Words a POSIX shell (and zsh, which expands a leading `=`) reads as they are.
const SHELL_BARE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

/**
 * `value` as one POSIX shell word that the shell passes on byte for byte:
 * bare when it holds only safe characters, otherwise in single quotes, where
 * nothing is special except `'` itself, written as `'\''`. (A NUL byte
 * cannot be in a shell argument at all.)
 */
export function shellQuote(value: string): string {
  if (SHELL_BARE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

// For a path segment inside double quotes: no `$`, backquote, `\`, `"` or the
// `!` of interactive history expansion survives encodeURIComponent plus this.
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A CLI option: a value to quote, or a shell word written as it is (a
 * variable reference); no value for a boolean flag.
 */
export type Option = [flag: string, value?: string | { word: string }];

// `confluent <command> <name> --flag value …`, one option per line as people
// write long commands. Cobra would read a name or value starting with `-` as
// an option: such a value is joined as `--flag=value`, such a name follows
// `--` after the options. A command without a name (undefined) has none.
export function cliCommand(
  commandWords: string,
  name: string | undefined,
  options: readonly Option[],
  /** Put before every line after the first (a command inside a block). */
  indent = '',
): string {
  const optionLines = options.map(([flag, value]) =>
    value === undefined
      ? flag
      : typeof value !== 'string'
        ? `${flag} ${value.word}`
        : value.startsWith('-')
          ? `${flag}=${shellQuote(value)}`
          : `${flag} ${shellQuote(value)}`,
  );
  const lines =
    name === undefined
      ? [commandWords, ...optionLines]
      : name.startsWith('-')
        ? [commandWords, ...optionLines, `-- ${shellQuote(name)}`]
        : [`${commandWords} ${shellQuote(name)}`, ...optionLines];
  return lines.join(` \\\n  ${indent}`);
}

/** Warnings for values no shell argument can carry (NUL, lone surrogates). */
export function nulWarnings(
  what: string,
  values: Record<string, string>,
): string[] {
  return Object.entries(values).flatMap(([field, value]) => [
    ...(value.includes('\0')
      ? [
          `The ${field} of ${what} holds a NUL character, which no shell argument can carry.`,
        ]
      : []),
    ...(LONE_SURROGATE.test(value)
      ? [
          `The ${field} of ${what} holds a lone UTF-16 surrogate, which no shell script can carry; the curl export keeps it (JSON escapes it).`,
        ]
      : []),
  ]);
}

const PROVIDER_ID_VARIABLE = 'PROVIDER_ID';

/**
 * `confluent iam pool create` for one pool, under `providerId`, or under
 * the shell variable PROVIDER_ID when `providerId` is undefined; with
 * `json`, it prints the new pool as JSON (`--output json`).
 */
export function poolCliCommand(
  pool: ExportPool,
  providerId: string | undefined,
  { json = false }: { json?: boolean } = {},
): string {
  const options: Option[] = [
    ['--provider', providerId ?? { word: `"$${PROVIDER_ID_VARIABLE}"` }],
    ['--identity-claim', pool.identity_claim],
    ['--filter', pool.filter],
  ];
  // The CLI sends "" for a missing --description, the same as an empty one.
  if (pool.description) options.push(['--description', pool.description]);
  if (json) options.push(['--output', { word: 'json' }]);
  return cliCommand('confluent iam pool create', pool.display_name, options);
}

/**
 * `confluent iam provider create` for a provider; with `json`, it prints the
 * new provider as JSON (`--output json`), whose id a script can read.
 */
export function providerCliCommand(
  provider: ExportProvider,
  { json = false }: { json?: boolean } = {},
): string {
  const options: Option[] = [
    ['--issuer-uri', provider.issuer],
    ['--jwks-uri', provider.jwks_uri],
  ];
  if (provider.description) {
    options.push(['--description', provider.description]);
  }
  if (provider.identity_claim) {
    options.push(['--identity-claim', provider.identity_claim]);
  }
  if (json) options.push(['--output', { word: 'json' }]);
  return cliCommand(
    'confluent iam provider create',
    provider.display_name,
    options,
  );
}

export const SHELL_NOTE =
  '# Every value is quoted for POSIX shells (sh, bash, zsh): paste or run as is.';

function providerIdSection(providerId: string, recreated: string): string[] {
  return [
    `# The pools go under ${PROVIDER_ID_VARIABLE}: the exported provider unless you set it,`,
    `# e.g. to the id ${recreated} answered where you recreate the provider.`,
    `${PROVIDER_ID_VARIABLE}=\${${PROVIDER_ID_VARIABLE}:-${shellQuote(providerId)}}`,
  ];
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * `"field": value` as the Confluent CLI's `--output json` prints it, one to
 * a line: Go's encoding/json, which escapes what JSON.stringify does and
 * also `<`, `>`, `&`, U+2028 and U+2029. A lone surrogate reaches the CLI as
 * U+FFFD (no script can carry it).
 */
export function cliJsonLine(field: string, value: string): string {
  const json = JSON.stringify(value.replace(LONE_SURROGATES, '\ufffd'));
  return `"${field}": ${json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${hex4(char.charCodeAt(0)).toLowerCase()}`,
  )}`;
}

// Shell functions of the CLI scripts, which read the CLI's JSON with awk and
// sed (POSIX) rather than jq, which not every machine has.
export const IDS_WITH_FUNCTION = [
  '# `confluent … --output json` prints one "key": value a line; this prints the',
  '# id of each object holding the line given, as the CLI writes it (issuers',
  '# without trailing slashes, which the service ignores), or of every object.',
  'ids_with() {',
  "  WANTED=${1-} awk '",
  '    { sub(/^[ \\t]+/, ""); sub(/,$/, "") }',
  '    /^"issuer_uri": "/ { sub(/\\/+"$/, "\\"") }',
  '    /^"id": "/ { id = substr($0, 8, length($0) - 8); if (ENVIRON["WANTED"] == "") print id }',
  '    ENVIRON["WANTED"] != "" && $0 == ENVIRON["WANTED"] { print id }',
  "  '",
  '}',
];

const CLI_JSON_FUNCTIONS = [
  ...IDS_WITH_FUNCTION,
  '',
  '# Whether the provider had, before this run, at least $2 pools whose name',
  '# line is $1.',
  'pool_exists() {',
  `  [ -n "$(printf '%s\\n' "$pools" | ids_with "$1" | sed -n "$2p")" ]`,
  '}',
];

// The provider's CLI script runs again without harm: it takes the provider
// PROVIDER_ID names, or the one with the exported issuer (the service
// refuses a second), and creates it only when there is none, reading the
// new id from `--output json`; then it creates each pool the provider does
// not have by name.
function providerCliScript(
  provider: ExportProvider,
  pools: readonly ExportPool[],
): string[] {
  const issuerLine = cliJsonLine(
    'issuer_uri',
    provider.issuer.replace(/\/+$/, ''),
  );
  const lines = [
    ...CLI_JSON_FUNCTIONS,
    '',
    `# The identity provider: the one ${PROVIDER_ID_VARIABLE} names if you set it, otherwise the`,
    '# one with this issuer (the service refuses a second), created only if there',
    '# is none. An existing provider is left as it is.',
    `if [ -z "\${${PROVIDER_ID_VARIABLE}:-}" ]; then`,
    '  providers=$(confluent iam provider list --output json)',
    `  ${PROVIDER_ID_VARIABLE}=$(printf '%s\\n' "$providers" | ids_with ${shellQuote(issuerLine)} | head -n 1)`,
    'fi',
    `[ -n "$${PROVIDER_ID_VARIABLE}" ] || created=$(${providerCliCommand(provider, { json: true })})`,
    `[ -n "$${PROVIDER_ID_VARIABLE}" ] || ${PROVIDER_ID_VARIABLE}=$(printf '%s\\n' "$created" | ids_with)`,
    `: "\${${PROVIDER_ID_VARIABLE}:?the CLI printed no id for the new identity provider}"`,
    `echo "Identity provider: $${PROVIDER_ID_VARIABLE}" >&2`,
    '',
    '# The pools: each is created unless the provider had one of its name before',
    '# this run (of several with one name, the n-th unless it had n). Existing',
    '# pools are left as they are.',
    `pools=$(confluent iam pool list --provider "$${PROVIDER_ID_VARIABLE}" --output json)`,
  ];
  const seen = new Map<string, number>();
  for (const pool of pools) {
    const nameLine = cliJsonLine('name', pool.display_name);
    const nth = (seen.get(nameLine) ?? 0) + 1;
    seen.set(nameLine, nth);
    lines.push(
      '',
      `pool_exists ${shellQuote(nameLine)} ${nth} || ${poolCliCommand(pool, undefined)}`,
    );
  }
  return lines;
}

// The Confluent CLI's `--resource Type:name` for each resource type of a
// CRN, and the key the CLI writes for it: the type lower-cased, except
// Cluster, ServiceAccount and ComputePool, which it renames
// (confluentinc/cli › internal/iam/command_rbac_role_binding.go). So
// `TransactionalId:x` becomes `transactionalid=x`, never `transactional-id=x`.
// A ksqlDB cluster is a scope flag (`--ksql-cluster`); nothing names an
// identity pool, whose CRN needs an identity provider the CLI has no flag for.
const CLI_RESOURCES: Partial<
  Record<CrnResourceType, { type: string; key: string }>
> = {
  topic: { type: 'Topic', key: 'topic' },
  group: { type: 'Group', key: 'group' },
  'transactional-id': { type: 'TransactionalId', key: 'transactionalid' },
  subject: { type: 'Subject', key: 'subject' },
  kek: { type: 'Kek', key: 'kek' },
  connector: { type: 'Connector', key: 'connector' },
  'compute-pool': { type: 'ComputePool', key: 'compute-pool' },
  'service-account': { type: 'ServiceAccount', key: 'service-account' },
};

/** A binding as a CLI command, or why it cannot be one. */
export type RoleBindingCli =
  | {
      ok: true;
      command: string;
      /** The CRN the command makes, which the CLI completes with the organization it is logged in to. */
      crnPattern: string;
      /** Set where that CRN is not the binding's own. */
      warning?: string;
    }
  | { ok: false; warning: string };

// The scope flags for `crn`, in the order the CLI reads them, and the CRN
// the CLI builds from them (organization, environment, flink-region,
// cloud-cluster, schema-registry, ksql, kafka, then the resource).
function cliScope(
  crn: Crn,
): { options: Option[]; crnPattern: string } | string {
  if (crn.identityProvider !== undefined) {
    return 'the CLI has no flag for an identity provider, so it cannot write a pattern under one';
  }
  const options: Option[] = [];
  if (crn.environment !== undefined) {
    options.push(['--environment', crn.environment]);
  }
  if (crn.flinkRegion !== undefined) {
    options.push(['--flink-region', crn.flinkRegion]);
  }
  if (crn.cloudCluster !== undefined) {
    options.push(['--cloud-cluster', crn.cloudCluster]);
  }
  if (crn.schemaRegistry !== undefined) {
    options.push(['--schema-registry-cluster', crn.schemaRegistry]);
  }
  if (crn.kafkaCluster !== undefined) {
    options.push(['--kafka-cluster', crn.kafkaCluster]);
  }
  // Rebuilt with buildCrn, whose order is the CLI's for every CRN parseCrn
  // accepts (flink-region never meets cloud-cluster, ksql never kafka).
  let crnPattern = buildCrn({
    organization: crn.organization,
    environment: crn.environment,
    flinkRegion: crn.flinkRegion,
    cloudCluster: crn.cloudCluster,
    schemaRegistry: crn.schemaRegistry,
    kafkaCluster: crn.kafkaCluster,
  });
  const { resource } = crn;
  if (resource?.type === 'ksql') {
    options.push(['--ksql-cluster', resource.name]);
    crnPattern += `/ksql=${resource.name}`;
  } else if (resource) {
    const cli = CLI_RESOURCES[resource.type];
    if (!cli) {
      return `the CLI's --resource has no type for a ${resource.type}`;
    }
    // `Subject:*` is how the CLI's help writes "every subject".
    if (resource.isPrefix && resource.name === '') {
      options.push(['--resource', `${cli.type}:*`]);
    } else {
      options.push(['--resource', `${cli.type}:${resource.name}`]);
      if (resource.isPrefix) options.push(['--prefix']);
    }
    crnPattern += `/${cli.key}=${resource.name}${resource.isPrefix ? '*' : ''}`;
  }
  return { options, crnPattern };
}

/**
 * `confluent iam rbac role-binding create` for `binding`: `--principal`
 * (`principalWord`, a shell word such as `"User:$POOL_ID"`, in place of the
 * pool's own principal `poolPrincipal`), `--role`, the scope flags and
 * `--resource` (with `--prefix`) from which the CLI builds the binding's
 * CRN; no scope flags for an organization-level role, since the CLI adds the
 * organization it is logged in to itself. Where the CLI would write another
 * CRN, the command comes with a warning (a transactional id, which the CLI
 * writes `transactionalid=`) or is not written at all.
 */
export function roleBindingCliCommand(
  binding: ExportRoleBinding,
  {
    poolPrincipal: ownPrincipal,
    principalWord,
  }: { poolPrincipal?: string; principalWord?: string } = {},
): RoleBindingCli {
  const label = bindingLabel(binding);
  const parsed = parseCrn(binding.crn_pattern);
  if (!parsed.ok) {
    return {
      ok: false,
      warning: `The CLI script leaves out ${label}: Lifeguard cannot read its pattern as a CRN (${parsed.error}), so it cannot tell the CLI's flags for it. The curl and Terraform exports carry it as it is.`,
    };
  }
  const scope = cliScope(parsed.crn);
  if (typeof scope === 'string') {
    return {
      ok: false,
      warning: `The CLI script leaves out ${label}: ${scope}. The curl and Terraform exports carry it as it is.`,
    };
  }
  const principal: Option[1] =
    principalWord !== undefined && binding.principal === ownPrincipal
      ? { word: principalWord }
      : binding.principal;
  const command = cliCommand(
    'confluent iam rbac role-binding create',
    undefined,
    [
      ['--principal', principal],
      ['--role', binding.role_name],
      ...scope.options,
    ],
  );
  const held = normalizeCrn(binding.crn_pattern);
  if (scope.crnPattern === held) {
    return { ok: true, command, crnPattern: scope.crnPattern };
  }
  const { resource } = parsed.crn;
  if (resource?.type === 'transactional-id') {
    return {
      ok: true,
      command,
      crnPattern: scope.crnPattern,
      warning: `The CLI writes transactional ids as \`transactionalid=\`, but ${label} has \`transactional-id=\` (as Terraform's docs write it): the CLI script grants \`…/transactionalid=${commentText(resource.name)}${resource.isPrefix ? '*' : ''}\` instead, which Confluent may take for another pattern. The curl and Terraform exports keep the pattern as it is.`,
    };
  }
  return {
    ok: false,
    warning: `The CLI script leaves out ${label}: its flags would make \`${commentText(scope.crnPattern)}\` instead. The curl and Terraform exports carry it as it is.`,
  };
}

const POOL_ID_VARIABLE = 'POOL_ID';

/** "3 role bindings". */
export function bindingCount(count: number): string {
  return `${count} role ${count === 1 ? 'binding' : 'bindings'}`;
}

// The organizations the bindings are in: the CLI writes the one it is logged
// in to instead.
export function bindingOrganizations(
  bindings: readonly ExportRoleBinding[],
): string[] {
  return [
    ...new Set(
      bindings.flatMap((binding) => {
        const parsed = parseCrn(binding.crn_pattern);
        return parsed.ok ? [parsed.crn.organization] : [];
      }),
    ),
  ];
}

// The single pool's CLI script with its bindings: the pool is created and
// its new id read from `--output json` (or POOL_ID names one that exists),
// then every binding is granted to it; a failed grant does not stop the
// others, and the script fails at the end.
function poolWithBindingsCliScript(
  pool: ExportPool,
  providerId: string,
  bindings: readonly ExportRoleBinding[],
): { lines: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const commands = bindings.map((binding) => {
    const cli = roleBindingCliCommand(binding, {
      poolPrincipal: poolPrincipal(pool),
      principalWord: `"User:$${POOL_ID_VARIABLE}"`,
    });
    if (cli.warning) warnings.push(cli.warning);
    return cli.ok
      ? [
          ...(cli.warning ? [`# ${commentText(cli.warning)}`] : []),
          `${cli.command} || failed=$((failed + 1))`,
        ]
      : [`# ${commentText(cli.warning)}`];
  });
  const organizations = bindingOrganizations(bindings);
  const lines = [
    'set -eu',
    '',
    ...IDS_WITH_FUNCTION,
    '',
    `# The pool: the one ${POOL_ID_VARIABLE} names if you set it (to grant these bindings to a`,
    '# pool that exists), otherwise created here, its new id read from --output json.',
    `if [ -z "\${${POOL_ID_VARIABLE}:-}" ]; then`,
    `  created=$(${poolCliCommand(pool, providerId, { json: true })})`,
    `  ${POOL_ID_VARIABLE}=$(printf '%s\\n' "$created" | ids_with | head -n 1)`,
    'fi',
    `: "\${${POOL_ID_VARIABLE}:?the CLI printed no id for the new identity pool}"`,
    `echo "Identity pool: $${POOL_ID_VARIABLE}" >&2`,
    '',
    `# What the pool may do: its ${bindingCount(bindings.length)}. The CLI writes the organization`,
    '# it is logged in to into each, so log in to the one that holds them',
    `# (${organizations.length === 1 ? `organization ${commentText(organizations[0]!)}` : 'see the patterns in the Terraform or curl export'}). A grant that fails`,
    '# (one that exists already, say) does not stop the others.',
    'failed=0',
  ];
  for (const command of commands) lines.push('', ...command);
  lines.push(
    '',
    '[ "$failed" -eq 0 ] || {',
    '  echo "$failed role binding(s) could not be granted; see above." >&2',
    '  exit 1',
    '}',
  );
  return { lines, warnings };
}

/**
 * Confluent CLI commands that create the pool(s) (and the provider), and a
 * single pool's role bindings.
 */
export function toCli(subject: ExportSubject): ExportFile {
  const lines = ['#!/bin/sh'];
  const warnings: string[] = [];
  if (subject.kind === 'pool') {
    const { pool, providerId, roleBindings } = subject;
    if (roleBindings && roleBindings.length > 0) {
      const script = poolWithBindingsCliScript(pool, providerId, roleBindings);
      lines.push(
        `# Creates identity ${poolLabel(pool)} under identity provider ${commentText(providerId)}`,
        `# and grants it its ${bindingCount(roleBindings.length)}, with the Confluent CLI (\`confluent login\``,
        '# first). Exported from Lifeguard.',
        SHELL_NOTE,
        ...script.lines,
      );
      warnings.push(...script.warnings);
    } else {
      lines.push(
        `# Creates identity ${poolLabel(pool)} under identity provider ${commentText(providerId)}`,
        '# with the Confluent CLI (`confluent login` first). Exported from Lifeguard.',
        SHELL_NOTE,
        '',
        poolCliCommand(pool, providerId),
        ...(roleBindings ? ['', '# The pool holds no role bindings.'] : []),
      );
    }
    warnings.push(...nulWarnings(poolLabel(pool), poolFields(pool)));
  } else {
    const { provider, pools } = subject;
    lines.push(
      `# Creates identity ${providerLabel(provider)} and its ${pools.length} identity`,
      `# ${pools.length === 1 ? 'pool' : 'pools'} with the Confluent CLI (\`confluent login\` first), where they are`,
      '# missing: run it again at will. Exported from Lifeguard.',
      SHELL_NOTE,
      'set -eu',
      '',
      ...providerCliScript(provider, pools),
    );
    warnings.push(
      ...nulWarnings(providerLabel(provider), providerFields(provider)),
    );
    for (const pool of pools) {
      warnings.push(...nulWarnings(poolLabel(pool), poolFields(pool)));
    }
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${fileStem(subject)}-confluent-cli.sh`,
    mimeType: 'text/x-shellscript;charset=utf-8',
    warnings,
  };
}

function poolFields(pool: ExportPool): Record<string, string> {
  return {
    display_name: pool.display_name,
    description: pool.description ?? '',
    identity_claim: pool.identity_claim,
    filter: pool.filter,
  };
}

function providerFields(provider: ExportProvider): Record<string, string> {
  return {
    display_name: provider.display_name,
    description: provider.description ?? '',
    issuer: provider.issuer,
    jwks_uri: provider.jwks_uri,
    identity_claim: provider.identity_claim ?? '',
  };
}

/** The body that creates `pool`: its four writable fields. */
export function poolCreateBody(pool: ExportPool) {
  return {
    display_name: pool.display_name,
    description: pool.description ?? '',
    identity_claim: pool.identity_claim,
    filter: pool.filter,
  };
}

/** The body that creates `provider`: its writable fields. */
export function providerCreateBody(provider: ExportProvider) {
  return {
    display_name: provider.display_name,
    description: provider.description ?? '',
    issuer: provider.issuer,
    jwks_uri: provider.jwks_uri,
    ...(provider.identity_claim
      ? { identity_claim: provider.identity_claim }
      : {}),
  };
}

const API_VARIABLE = 'CONFLUENT_API';

// JSON.stringify escapes every control character and lone surrogate, so a
// body has no NUL and reads back exactly.
function curlPost(path: string, body: unknown): string {
  return curlPostData(path, shellQuote(JSON.stringify(body, null, 2)));
}

function curlPostData(path: string, dataWord: string): string {
  return [
    `curl -sS -X POST "$${API_VARIABLE}${path}"`,
    '-u "$CONFLUENT_CLOUD_API_KEY:$CONFLUENT_CLOUD_API_SECRET"',
    "-H 'Content-Type: application/json'",
    `--data-raw ${dataWord}`,
  ].join(' \\\n  ');
}

/** The body that grants `binding`: its three writable fields. */
export function roleBindingCreateBody(binding: ExportRoleBinding) {
  return {
    principal: binding.principal,
    role_name: binding.role_name,
    crn_pattern: binding.crn_pattern,
  };
}

// The grant of a pool's own binding names the pool through POOL_ID: the
// body's JSON is cut after `"User:` (the first key's value, so the first
// such text) and the variable goes in between, double-quoted. Pool ids are
// `pool-` and base62, which JSON takes as they are.
function roleBindingCurl(binding: ExportRoleBinding, pool: ExportPool): string {
  const path = '/iam/v2/role-bindings';
  if (binding.principal !== poolPrincipal(pool)) {
    return curlPost(path, roleBindingCreateBody(binding));
  }
  const json = JSON.stringify(
    { ...roleBindingCreateBody(binding), principal: 'User:' },
    null,
    2,
  );
  const cut = json.indexOf('"User:') + '"User:'.length;
  return curlPostData(
    path,
    `${shellQuote(json.slice(0, cut))}"$${POOL_ID_VARIABLE}"${shellQuote(json.slice(cut))}`,
  );
}

export const CURL_PREAMBLE = [
  '# The Cloud API key comes from CONFLUENT_CLOUD_API_KEY and',
  '# CONFLUENT_CLOUD_API_SECRET (never written here); CONFLUENT_CLOUD_ENDPOINT',
  `# replaces ${CONFLUENT_API_URL}, e.g. to call Lifeguard's emulator.`,
  SHELL_NOTE,
];

export const API_LINE = `${API_VARIABLE}="\${CONFLUENT_CLOUD_ENDPOINT:-${CONFLUENT_API_URL}}"`;

/**
 * curl calls to the Confluent Cloud API that create the pool(s) (and the
 * provider), and grant a single pool's role bindings.
 */
export function toCurl(subject: ExportSubject): ExportFile {
  const lines = ['#!/bin/sh'];
  if (subject.kind === 'pool') {
    const { pool, providerId, roleBindings = [] } = subject;
    const hasBindings = roleBindings.length > 0;
    lines.push(
      `# Creates identity ${poolLabel(pool)} under identity provider ${commentText(providerId)}`,
      hasBindings
        ? `# and grants it its ${bindingCount(roleBindings.length)}, through the Confluent Cloud API. Exported from Lifeguard.`
        : '# through the Confluent Cloud API. Exported from Lifeguard.',
      ...CURL_PREAMBLE,
      ...(hasBindings ? ['set -eu'] : []),
      '',
      API_LINE,
      curlPost(
        `/iam/v2/identity-providers/${pathSegment(providerId)}/identity-pools`,
        poolCreateBody(pool),
      ),
    );
    if (hasBindings) {
      lines.push(
        '',
        `# What the pool may do: its ${bindingCount(roleBindings.length)}, granted to ${POOL_ID_VARIABLE}: the exported`,
        '# pool unless you set it, e.g. to the id the call above answered.',
        `${POOL_ID_VARIABLE}=\${${POOL_ID_VARIABLE}:-${shellQuote(pool.id)}}`,
      );
      for (const binding of roleBindings) {
        lines.push('', roleBindingCurl(binding, pool));
      }
    } else if (subject.roleBindings) {
      lines.push('', '# The pool holds no role bindings.');
    }
  } else {
    const { provider, pools } = subject;
    lines.push(
      `# Creates identity ${providerLabel(provider)} and its ${pools.length} identity`,
      `# ${pools.length === 1 ? 'pool' : 'pools'} through the Confluent Cloud API. Exported from Lifeguard.`,
      ...CURL_PREAMBLE,
      'set -eu',
      '',
      API_LINE,
      '',
      '# The identity provider: leave this out where it exists already (the',
      '# service refuses a second provider with the same issuer and JWKS URI).',
      curlPost('/iam/v2/identity-providers', providerCreateBody(provider)),
      '',
      ...providerIdSection(provider.id, 'the call above'),
    );
    for (const pool of pools) {
      lines.push(
        '',
        curlPost(
          `/iam/v2/identity-providers/$${PROVIDER_ID_VARIABLE}/identity-pools`,
          poolCreateBody(pool),
        ),
      );
    }
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${fileStem(subject)}-curl.sh`,
    mimeType: 'text/x-shellscript;charset=utf-8',
    warnings: [],
  };
}

/**
 * The objects as the API returns them: the pool, or
 * `{ identity_pool, role_bindings }` when its bindings were fetched, or
 * `{ identity_provider, identity_pools }` for a provider.
 */
export function toJson(subject: ExportSubject): ExportFile {
  const value =
    subject.kind === 'provider'
      ? { identity_provider: subject.provider, identity_pools: subject.pools }
      : subject.roleBindings
        ? { identity_pool: subject.pool, role_bindings: subject.roleBindings }
        : subject.pool;
  return {
    text: `${JSON.stringify(value, null, 2)}\n`,
    filename: `${fileStem(subject)}.json`,
    mimeType: 'application/json',
    warnings: [],
  };
}

// File names from ids, which are already unique and filesystem-safe in
// practice; anything else is replaced all the same.
function fileStem(subject: ExportSubject): string {
  const id = subject.kind === 'pool' ? subject.pool.id : subject.provider.id;
  return id.replace(/[^A-Za-z0-9_-]+/g, '_') || subject.kind;
}

/** `subject` in `format`; `terraform` applies to the Terraform export only. */
export function exportAs(
  format: ExportFormat,
  subject: ExportSubject,
  terraform: TerraformOptions = {},
): ExportFile {
  switch (format) {
    case 'terraform':
      return toTerraform(subject, terraform);
    case 'cli':
      return toCli(subject);
    case 'curl':
      return toCurl(subject);
    case 'json':
      return toJson(subject);
  }
}
