// "Export as code" for the other federation objects: an SSO group mapping,
// a certificate authority with its certificate pools, and one certificate
// pool, each as Terraform, Confluent CLI commands, curl calls or JSON. Pure
// functions over the API's objects, built on export.ts's quoting, so they
// run in the browser and under real shells, jq and HCL parser in tests
// (export-federation.test.ts). Facts:
// docs/confluent-api.md §25–§31 and decision 009.

import {
  API_LINE,
  bindingCount,
  bindingLabel,
  bindingOrganizations,
  bindingWarnings,
  cliCommand,
  cliJsonLine,
  commentText,
  CURL_PREAMBLE,
  exportAs,
  hclString,
  IDS_WITH_FUNCTION,
  importBlock,
  LONE_SURROGATE,
  nfcWarnings,
  nulWarnings,
  objectRoleBindingBlocks,
  pathSegment,
  poolPrincipal,
  RESOURCES_ONLY_NOTE,
  roleBindingCliCommand,
  shellQuote,
  SHELL_NOTE,
  TERRAFORM_BLOCK,
  terraformResource,
  uniqueIdentifiers,
  type ExportFile,
  type ExportFormat,
  type ExportRoleBinding,
  type ExportSubject,
  type Option,
  type TerraformOptions,
} from './export.ts';

/** An SSO group mapping as the exports read it (`iam.v2.sso.GroupMapping`). */
export type ExportGroupMapping = {
  id: string;
  display_name: string;
  description?: string;
  filter: string;
};

/**
 * A certificate authority as the exports read it. Its chain is never
 * returned, so exports read it from `certificate_chain_filename`.
 */
export type ExportCertificateAuthority = {
  id: string;
  display_name: string;
  description?: string;
  certificate_chain_filename: string;
  /** The CRL's URL, or `Local file uploaded` when it was uploaded as a file. */
  crl_url?: string;
  /** `URL` or `LOCAL`, when there is a CRL. */
  crl_source?: string;
  require_crl_on_client_certificate?: boolean;
};

/** A certificate identity pool as the exports read it. */
export type ExportCertificatePool = {
  id: string;
  display_name: string;
  description?: string;
  external_identifier: string;
  filter: string;
};

/**
 * What is exported: a group mapping with, when fetched, its role bindings;
 * a certificate authority and every one of its pools (without their
 * bindings: each pool's own export has them); or one certificate pool (its
 * authority's id is enough; the authority, when known, names it in
 * comments) with, when fetched, its role bindings. Undefined `roleBindings`:
 * not fetched, and the export says nothing of them.
 */
export type FederationExportSubject =
  | {
      kind: 'group-mapping';
      mapping: ExportGroupMapping;
      roleBindings?: readonly ExportRoleBinding[];
    }
  | {
      kind: 'certificate-authority';
      authority: ExportCertificateAuthority;
      pools: readonly ExportCertificatePool[];
    }
  | {
      kind: 'certificate-pool';
      authorityId: string;
      pool: ExportCertificatePool;
      authority?: ExportCertificateAuthority;
      roleBindings?: readonly ExportRoleBinding[];
    };

/** Anything the console exports: identity pools and providers, or the rest. */
export type AnyExportSubject = ExportSubject | FederationExportSubject;

/** Whether `subject` is one of this module's (not an identity pool or provider). */
export function isFederationSubject(
  subject: AnyExportSubject,
): subject is FederationExportSubject {
  return (
    subject.kind === 'group-mapping' ||
    subject.kind === 'certificate-authority' ||
    subject.kind === 'certificate-pool'
  );
}

// What a CRL uploaded as a file reads as (its URL field).
const LOCAL_CRL_TEXT = 'Local file uploaded';

/** The CRL URL to write: none when there is none, or it was uploaded as a file. */
export function crlUrlOf(
  authority: ExportCertificateAuthority,
): string | undefined {
  const url = authority.crl_url;
  if (!url || url === LOCAL_CRL_TEXT || authority.crl_source === 'LOCAL') {
    return undefined;
  }
  return url;
}

function hasLocalCrl(authority: ExportCertificateAuthority): boolean {
  return (
    authority.crl_source === 'LOCAL' || authority.crl_url === LOCAL_CRL_TEXT
  );
}

function mappingLabel(mapping: ExportGroupMapping): string {
  return `SSO group mapping "${commentText(mapping.display_name)}" (${commentText(mapping.id)})`;
}

function authorityLabel(authority: ExportCertificateAuthority): string {
  return `certificate authority "${commentText(authority.display_name)}" (${commentText(authority.id)})`;
}

function certificatePoolLabel(pool: ExportCertificatePool): string {
  return `certificate pool "${commentText(pool.display_name)}" (${commentText(pool.id)})`;
}

function mappingFields(mapping: ExportGroupMapping): Record<string, string> {
  return {
    display_name: mapping.display_name,
    description: mapping.description ?? '',
    filter: mapping.filter,
  };
}

function authorityFields(
  authority: ExportCertificateAuthority,
): Record<string, string> {
  return {
    display_name: authority.display_name,
    description: authority.description ?? '',
    certificate_chain_filename: authority.certificate_chain_filename,
    ...(crlUrlOf(authority) ? { crl_url: crlUrlOf(authority)! } : {}),
  };
}

function certificatePoolFields(
  pool: ExportCertificatePool,
): Record<string, string> {
  return {
    display_name: pool.display_name,
    description: pool.description ?? '',
    external_identifier: pool.external_identifier,
    filter: pool.filter,
  };
}

/** The body that creates or updates (PATCH) `mapping`: its three writable fields. */
export function groupMappingBody(mapping: ExportGroupMapping) {
  return mappingFields(mapping);
}

/** The body that creates or replaces (PUT) `pool`: its four writable fields. */
export function certificatePoolBody(pool: ExportCertificatePool) {
  return certificatePoolFields(pool);
}

/**
 * The body of `authority` without its chain (which Confluent never
 * returns): what a PUT that keeps the chain sends, and what a create adds
 * the chain to.
 */
export function certificateAuthorityBody(
  authority: ExportCertificateAuthority,
) {
  return {
    ...authorityFields(authority),
    require_crl_on_client_certificate:
      authority.require_crl_on_client_certificate ?? false,
  };
}

// ---------------------------------------------------------------------------
// Terraform

const FILTER_KEPT_TERRAFORM =
  'The filter is written out in full: Terraform sends it on every create and update.';

function groupMappingResource(
  name: string,
  mapping: ExportGroupMapping,
): string[] {
  return terraformResource('confluent_group_mapping', name, [
    ['display_name', hclString(mapping.display_name)],
    ['description', hclString(mapping.description ?? '')],
    ['filter', hclString(mapping.filter)],
  ]);
}

// `file("${path.module}/<name>")`: the chain file beside the configuration.
function chainFileExpression(filename: string): string {
  return `file("\${path.module}/${hclString(filename).slice(1)})`;
}

function authorityResource(
  name: string,
  authority: ExportCertificateAuthority,
  description: string,
): string[] {
  const entries: [string, string][] = [
    ['display_name', hclString(authority.display_name)],
    ['description', hclString(description)],
    [
      'certificate_chain_filename',
      hclString(authority.certificate_chain_filename),
    ],
    [
      'certificate_chain',
      chainFileExpression(authority.certificate_chain_filename),
    ],
    [
      'require_crl_on_client_certificate',
      String(authority.require_crl_on_client_certificate ?? false),
    ],
  ];
  const crlUrl = crlUrlOf(authority);
  if (crlUrl) entries.push(['crl_url', hclString(crlUrl)]);
  return terraformResource('confluent_certificate_authority', name, entries);
}

function certificatePoolResource(
  name: string,
  pool: ExportCertificatePool,
  authorityIdExpression: string,
): string[] {
  return terraformResource(
    'confluent_certificate_pool',
    name,
    [
      ['display_name', hclString(pool.display_name)],
      ['description', hclString(pool.description ?? '')],
      ['external_identifier', hclString(pool.external_identifier)],
      ['filter', hclString(pool.filter)],
    ],
    { block: 'certificate_authority', idExpression: authorityIdExpression },
  );
}

// The confluentinc/confluent provider validates these descriptions as
// non-empty, so `terraform plan` fails on an empty one.
function emptyDescriptionWarnings(
  labels: readonly { label: string; description: string | undefined }[],
): { comment: string[]; warnings: string[] } {
  const empty = labels.filter(({ description }) => !description);
  if (empty.length === 0) return { comment: [], warnings: [] };
  return {
    comment: [
      '# The Terraform provider confluentinc/confluent validates `description` of',
      '# certificate authorities and certificate pools as non-empty: write one where',
      '# it is empty below, or `terraform plan` fails; the next apply then sets it.',
    ],
    warnings: empty.map(
      ({ label }) =>
        `The ${label} has no description, and the confluentinc/confluent provider validates \`description\` as non-empty, so \`terraform plan\` fails on this file until one is written in.`,
    ),
  };
}

function chainComment(authority: ExportCertificateAuthority): string[] {
  const lines = [
    '# Confluent never returns the certificate chain: save the PEM chain this',
    `# authority was registered with as ${commentText(authority.certificate_chain_filename)}, beside this file.`,
    '# After the import, `terraform plan` may show the chain as a change (the',
    '# state has none to compare); applying it uploads the same chain again.',
  ];
  if (hasLocalCrl(authority)) {
    lines.push(
      '# Its revocation list was uploaded as a file (crl_chain), which Confluent',
      '# never returns either: add `crl_chain = file("<the CRL file>")` to keep it.',
    );
  }
  return lines;
}

function localCrlWarning(authority: ExportCertificateAuthority): string[] {
  return hasLocalCrl(authority)
    ? [
        `The revocation list of ${authorityLabel(authority)} was uploaded as a file, which Confluent never returns: the export cannot carry it. Add it from your copy (Terraform \`crl_chain\`, CLI \`--crl-chain\`, curl \`crl_chain\`).`,
      ]
    : [];
}

function terraformPreamble(options: TerraformOptions): string[] {
  return options.withTerraformBlock === false
    ? RESOURCES_ONLY_NOTE
    : TERRAFORM_BLOCK;
}

/**
 * Terraform for the Confluent provider: `confluent_group_mapping`,
 * `confluent_certificate_authority` (its chain read with `file()`, since
 * Confluent never returns it) and `confluent_certificate_pool`, each with
 * an `import` block carrying its id (`<CA id>/<pool id>` for a certificate
 * pool), and a single object's role bindings as `confluent_role_binding`
 * whose principal is `User:${<resource>.id}`.
 */
export function federationToTerraform(
  subject: FederationExportSubject,
  options: TerraformOptions = {},
): ExportFile {
  const lines: string[] = [];
  const warnings: string[] = [];
  const preamble = terraformPreamble(options);
  switch (subject.kind) {
    case 'group-mapping': {
      const { mapping, roleBindings } = subject;
      const [name] = uniqueIdentifiers([mapping]);
      const address = `confluent_group_mapping.${name!}`;
      lines.push(
        `# ${capitalised(mappingLabel(mapping))}, exported from Lifeguard.`,
        '# `terraform plan` imports it (see the import block) and then shows no',
        '# changes while it is as written here.',
        `# ${FILTER_KEPT_TERRAFORM}`,
        '',
        ...preamble,
        '',
        ...importBlock(address, mapping.id),
        '',
        ...groupMappingResource(name!, mapping),
      );
      warnings.push(
        ...nfcWarnings(mappingLabel(mapping), mappingFields(mapping)),
      );
      if (roleBindings) {
        lines.push(
          ...objectRoleBindingBlocks({
            resourceAddress: address,
            object: mapping,
            bindings: roleBindings,
            noun: 'group mapping',
          }),
        );
        warnings.push(...bindingWarnings(roleBindings));
      }
      break;
    }
    case 'certificate-authority': {
      const { authority, pools } = subject;
      const [authorityName] = uniqueIdentifiers([authority]);
      const poolNames = uniqueIdentifiers(pools, [authorityName!]);
      const authorityAddress = `confluent_certificate_authority.${authorityName!}`;
      const empty = emptyDescriptionWarnings([
        {
          label: authorityLabel(authority),
          description: authority.description,
        },
        ...pools.map((pool) => ({
          label: certificatePoolLabel(pool),
          description: pool.description,
        })),
      ]);
      lines.push(
        `# ${capitalised(authorityLabel(authority))} and its ${pools.length} certificate ${pools.length === 1 ? 'pool' : 'pools'},`,
        '# exported from Lifeguard. `terraform plan` imports them (see the import',
        '# blocks) and then shows no changes while they are as written here.',
        '',
        ...preamble,
        '',
        ...importBlock(authorityAddress, authority.id),
        '',
        ...chainComment(authority),
        ...empty.comment,
        ...authorityResource(
          authorityName!,
          authority,
          authority.description ?? '',
        ),
      );
      warnings.push(
        ...empty.warnings,
        ...localCrlWarning(authority),
        ...nfcWarnings(authorityLabel(authority), authorityFields(authority)),
      );
      pools.forEach((pool, index) => {
        const address = `confluent_certificate_pool.${poolNames[index]!}`;
        lines.push(
          '',
          ...importBlock(address, `${authority.id}/${pool.id}`),
          '',
          ...certificatePoolResource(
            poolNames[index]!,
            pool,
            `${authorityAddress}.id`,
          ),
        );
        warnings.push(
          ...nfcWarnings(
            certificatePoolLabel(pool),
            certificatePoolFields(pool),
          ),
        );
      });
      break;
    }
    case 'certificate-pool': {
      const { pool, authorityId, authority, roleBindings } = subject;
      const [name] = uniqueIdentifiers([pool]);
      const address = `confluent_certificate_pool.${name!}`;
      const empty = emptyDescriptionWarnings([
        { label: certificatePoolLabel(pool), description: pool.description },
      ]);
      lines.push(
        `# ${capitalised(certificatePoolLabel(pool))} of ${authority ? authorityLabel(authority) : `certificate authority ${commentText(authorityId)}`},`,
        '# exported from Lifeguard. `terraform plan` imports it (see the import',
        '# block) and then shows no changes while the pool is as written here.',
        '',
        ...preamble,
        '',
        ...importBlock(address, `${authorityId}/${pool.id}`),
        '',
        ...empty.comment,
        ...certificatePoolResource(name!, pool, hclString(authorityId)),
      );
      warnings.push(
        ...empty.warnings,
        ...nfcWarnings(certificatePoolLabel(pool), certificatePoolFields(pool)),
      );
      if (roleBindings) {
        lines.push(
          ...objectRoleBindingBlocks({
            resourceAddress: address,
            object: pool,
            bindings: roleBindings,
            noun: 'certificate pool',
          }),
        );
        warnings.push(...bindingWarnings(roleBindings));
      }
      break;
    }
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${federationFileStem(subject)}.tf`,
    mimeType: 'text/plain;charset=utf-8',
    warnings,
  };
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

// ---------------------------------------------------------------------------
// Shell (CLI and curl)

const GROUP_MAPPING_ID_VARIABLE = 'GROUP_MAPPING_ID';
const AUTHORITY_ID_VARIABLE = 'CERTIFICATE_AUTHORITY_ID';
const POOL_ID_VARIABLE = 'POOL_ID';
const CHAIN_FILE_VARIABLE = 'CHAIN_FILE';

/**
 * The comment every CLI export carries above its commands: why the filter
 * is always passed (the CLI defaults `--filter` to `true` on create, and
 * its update resends `true` whenever `--filter` is left out).
 */
export function cliFilterNote(everyone: string): string[] {
  return [
    '# The filter is always passed, on create and on update alike: the CLI',
    '# defaults --filter to "true" on create, and its update sends "true"',
    `# whenever --filter is left out, silently opening it to ${everyone}.`,
  ];
}

/** The same reason, for the curl exports' bodies. */
export function curlFilterNote(everyone: string): string[] {
  return [
    '# The filter is always sent, in the create and the update alike: one left',
    '# out or reset to "true" (the Confluent CLI\'s default) would silently open',
    `# it to ${everyone}.`,
  ];
}

const MAPPING_EVERYONE = 'every SSO user';
const POOL_EVERYONE = 'every certificate the authority issued';

// A multi-line command inside an if block: `build` gets the padding for
// its continuation lines. (Indenting the text afterwards would indent the
// lines of a quoted value that holds a newline, and change the value.)
function inBlock(build: (pad: string) => string): string {
  return `  ${build('  ')}`;
}

function word(text: string): { word: string } {
  return { word: text };
}

type CreateCommandOptions = { json?: boolean; pad?: string };

// A create names the object and, for a script that reads the new id,
// asks for JSON output.
function createCommand(
  commandWords: string,
  name: string,
  options: Option[],
  { json = false, pad = '' }: CreateCommandOptions,
): string {
  return cliCommand(
    commandWords,
    name,
    json ? [...options, ['--output', word('json')]] : options,
    pad,
  );
}

// An update sets every field, so the object ends as exported whatever it
// held before.
function updateCommand(
  commandWords: string,
  idWord: string,
  options: Option[],
  pad: string,
): string {
  return cliCommand(`${commandWords} ${idWord}`, undefined, options, pad);
}

/** `confluent iam group-mapping create` with every field, the filter included. */
export function groupMappingCreateCommand(
  mapping: ExportGroupMapping,
  options: CreateCommandOptions = {},
): string {
  return createCommand(
    'confluent iam group-mapping create',
    mapping.display_name,
    [
      ['--description', mapping.description ?? ''],
      ['--filter', mapping.filter],
    ],
    options,
  );
}

/**
 * `confluent iam group-mapping update <idWord>` setting every field, the
 * filter included; `idWord` is a shell word (`"$GROUP_MAPPING_ID"`).
 */
export function groupMappingUpdateCommand(
  mapping: ExportGroupMapping,
  idWord: string,
  pad = '',
): string {
  return updateCommand(
    'confluent iam group-mapping update',
    idWord,
    [
      ['--name', mapping.display_name],
      ['--description', mapping.description ?? ''],
      ['--filter', mapping.filter],
    ],
    pad,
  );
}

function authorityCrlOptions(authority: ExportCertificateAuthority): Option[] {
  const crlUrl = crlUrlOf(authority);
  return [
    ...(crlUrl ? ([['--crl-url', crlUrl]] as Option[]) : []),
    ...(authority.require_crl_on_client_certificate
      ? ([['--require-crl-on-client-certificate']] as Option[])
      : []),
  ];
}

/**
 * `confluent iam certificate-authority create` with the chain read from the
 * file CHAIN_FILE names (`--certificate-chain "$(cat "$CHAIN_FILE")"`).
 */
export function authorityCreateCommand(
  authority: ExportCertificateAuthority,
  options: CreateCommandOptions = {},
): string {
  return createCommand(
    'confluent iam certificate-authority create',
    authority.display_name,
    [
      ['--description', authority.description ?? ''],
      ['--certificate-chain', word(`"$(cat "$${CHAIN_FILE_VARIABLE}")"`)],
      ['--certificate-chain-filename', authority.certificate_chain_filename],
      ...authorityCrlOptions(authority),
    ],
    options,
  );
}

/** `confluent iam certificate-authority update <idWord>`; the chain is kept. */
export function authorityUpdateCommand(
  authority: ExportCertificateAuthority,
  idWord: string,
  pad = '',
): string {
  return updateCommand(
    'confluent iam certificate-authority update',
    idWord,
    [
      ['--name', authority.display_name],
      ['--description', authority.description ?? ''],
      ...authorityCrlOptions(authority),
    ],
    pad,
  );
}

/** `confluent iam certificate-pool create` under the authority `providerWord`. */
export function certificatePoolCreateCommand(
  pool: ExportCertificatePool,
  providerWord: string,
  options: CreateCommandOptions = {},
): string {
  return createCommand(
    'confluent iam certificate-pool create',
    pool.display_name,
    [
      ['--provider', word(providerWord)],
      ['--description', pool.description ?? ''],
      ['--external-identifier', pool.external_identifier],
      ['--filter', pool.filter],
    ],
    options,
  );
}

/** `confluent iam certificate-pool update <idWord>` setting every field. */
export function certificatePoolUpdateCommand(
  pool: ExportCertificatePool,
  idWord: string,
  providerWord: string,
  pad = '',
): string {
  return updateCommand(
    'confluent iam certificate-pool update',
    idWord,
    [
      ['--provider', word(providerWord)],
      ['--name', pool.display_name],
      ['--description', pool.description ?? ''],
      ['--external-identifier', pool.external_identifier],
      ['--filter', pool.filter],
    ],
    pad,
  );
}

// The grants of an object's role bindings, to the object ID names; a failed
// grant does not stop the others, and the script fails at the end.
function cliGrants(
  object: { id: string },
  idVariable: string,
  noun: string,
  bindings: readonly ExportRoleBinding[],
): { lines: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const organizations = bindingOrganizations(bindings);
  const lines = [
    '',
    `# What the ${noun} may do: its ${bindingCount(bindings.length)}. The CLI writes the organization`,
    '# it is logged in to into each, so log in to the one that holds them',
    `# (${organizations.length === 1 ? `organization ${commentText(organizations[0]!)}` : 'see the patterns in the Terraform or curl export'}). A grant that fails`,
    '# (one that exists already, say) does not stop the others.',
    'failed=0',
  ];
  for (const binding of bindings) {
    const cli = roleBindingCliCommand(binding, {
      poolPrincipal: poolPrincipal(object),
      principalWord: `"User:$${idVariable}"`,
    });
    if (cli.warning) warnings.push(cli.warning);
    lines.push(
      '',
      ...(cli.ok
        ? [
            ...(cli.warning ? [`# ${commentText(cli.warning)}`] : []),
            `${cli.command} || failed=$((failed + 1))`,
          ]
        : [`# ${commentText(cli.warning)}`]),
    );
  }
  lines.push(
    '',
    '[ "$failed" -eq 0 ] || {',
    '  echo "$failed role binding(s) could not be granted; see above." >&2',
    '  exit 1',
    '}',
  );
  return { lines, warnings };
}

// Create, or update the object the variable names: the id of a new one is
// read from the CLI's `--output json`.
function cliCreateOrUpdate({
  variable,
  noun,
  update,
  create,
}: {
  variable: string;
  noun: string;
  update: (pad: string) => string;
  create: (pad: string) => string;
}): string[] {
  return [
    `# The ${noun}: ${variable}, if you set it, names one to update to these values;`,
    `# otherwise a new one is created and its id read from --output json.`,
    `if [ -n "\${${variable}:-}" ]; then`,
    inBlock(update),
    'else',
    `  created=$(${create('  ')})`,
    `  ${variable}=$(printf '%s\\n' "$created" | ids_with | head -n 1)`,
    'fi',
    `: "\${${variable}:?the CLI printed no id for the new ${noun}}"`,
    `echo "${capitalised(noun)}: $${variable}" >&2`,
  ];
}

const CHAIN_CHECK = [
  `[ -r "$${CHAIN_FILE_VARIABLE}" ] || {`,
  `  echo "No certificate chain at $${CHAIN_FILE_VARIABLE}: set ${CHAIN_FILE_VARIABLE} to the PEM file." >&2`,
  '  exit 1',
  '}',
];

function chainFileLines(authority: ExportCertificateAuthority): string[] {
  return [
    '# The certificate chain, which Confluent never returns, is read from the PEM',
    `# file ${CHAIN_FILE_VARIABLE} names (by default the name the authority was registered`,
    '# with, in the current directory); it is needed to create the authority.',
    `${CHAIN_FILE_VARIABLE}=\${${CHAIN_FILE_VARIABLE}:-${shellQuote(authority.certificate_chain_filename)}}`,
  ];
}

function localCrlCliNote(authority: ExportCertificateAuthority): string[] {
  return hasLocalCrl(authority)
    ? [
        '# Its revocation list was uploaded as a file, which Confluent never',
        '# returns: add --crl-chain "$(cat <the CRL file>)" to keep it.',
      ]
    : [];
}

// The authority's pools, each updated where the authority has one of its
// name (the n-th of several sharing one), otherwise created.
function cliPoolsByName(
  pools: readonly ExportCertificatePool[],
  providerWord: string,
): string[] {
  const lines = [
    '',
    '# The pools: each is updated where the authority has a pool of its name (the',
    '# n-th of several with one name), otherwise created.',
    ...cliFilterNote(POOL_EVERYONE),
    `pools=$(confluent iam certificate-pool list --provider ${providerWord} --output json)`,
  ];
  const seen = new Map<string, number>();
  for (const pool of pools) {
    const nameLine = cliJsonLine('name', pool.display_name);
    const nth = (seen.get(nameLine) ?? 0) + 1;
    seen.set(nameLine, nth);
    lines.push(
      '',
      `${POOL_ID_VARIABLE}=$(printf '%s\\n' "$pools" | ids_with ${shellQuote(nameLine)} | sed -n ${nth}p)`,
      `if [ -n "$${POOL_ID_VARIABLE}" ]; then`,
      inBlock((pad) =>
        certificatePoolUpdateCommand(
          pool,
          `"$${POOL_ID_VARIABLE}"`,
          providerWord,
          pad,
        ),
      ),
      'else',
      inBlock((pad) =>
        certificatePoolCreateCommand(pool, providerWord, { pad }),
      ),
      'fi',
    );
  }
  return lines;
}

// ", and grants it its 2 role bindings" in a script's opening comment, or
// nothing for an object that holds none.
function grantsClause(roleBindings: readonly ExportRoleBinding[]): string {
  return roleBindings.length > 0
    ? `, and grants it its ${bindingCount(roleBindings.length)}`
    : '';
}

/**
 * Confluent CLI commands that create the object (or update the one its
 * variable names), always with the filter; a single object's role bindings
 * granted to it; an authority's pools created or updated by name.
 */
export function federationToCli(subject: FederationExportSubject): ExportFile {
  const lines = ['#!/bin/sh'];
  const warnings: string[] = [];
  switch (subject.kind) {
    case 'group-mapping': {
      const { mapping, roleBindings = [] } = subject;
      lines.push(
        `# Creates ${mappingLabel(mapping)}, or updates the one`,
        `# ${GROUP_MAPPING_ID_VARIABLE} names${grantsClause(roleBindings)}, with the Confluent CLI`,
        '# (`confluent login` first). Exported from Lifeguard.',
        SHELL_NOTE,
        'set -eu',
        '',
        ...IDS_WITH_FUNCTION,
        '',
        ...cliFilterNote(MAPPING_EVERYONE),
        ...cliCreateOrUpdate({
          variable: GROUP_MAPPING_ID_VARIABLE,
          noun: 'group mapping',
          update: (pad) =>
            groupMappingUpdateCommand(
              mapping,
              `"$${GROUP_MAPPING_ID_VARIABLE}"`,
              pad,
            ),
          create: (pad) =>
            groupMappingCreateCommand(mapping, { json: true, pad }),
        }),
      );
      if (roleBindings.length > 0) {
        const grants = cliGrants(
          mapping,
          GROUP_MAPPING_ID_VARIABLE,
          'group mapping',
          roleBindings,
        );
        lines.push(...grants.lines);
        warnings.push(...grants.warnings);
      } else if (subject.roleBindings) {
        lines.push('', '# The group mapping holds no role bindings.');
      }
      warnings.push(
        ...nulWarnings(mappingLabel(mapping), mappingFields(mapping)),
      );
      break;
    }
    case 'certificate-authority': {
      const { authority, pools } = subject;
      const providerWord = `"$${AUTHORITY_ID_VARIABLE}"`;
      lines.push(
        `# Creates ${authorityLabel(authority)}, or updates the one`,
        `# ${AUTHORITY_ID_VARIABLE} names, then creates or updates its ${pools.length} certificate`,
        `# ${pools.length === 1 ? 'pool' : 'pools'} by name, with the Confluent CLI (\`confluent login\` first).`,
        '# Exported from Lifeguard.',
        SHELL_NOTE,
        'set -eu',
        '',
        ...IDS_WITH_FUNCTION,
        '',
        ...chainFileLines(authority),
        ...localCrlCliNote(authority),
        '',
        `# The certificate authority: ${AUTHORITY_ID_VARIABLE}, if you set it, names one to update`,
        '# to these values (its chain is kept; to replace it add --certificate-chain',
        `# "$(cat "$${CHAIN_FILE_VARIABLE}")" --certificate-chain-filename <name>); otherwise a new one`,
        '# is created from the chain file and its id read from --output json.',
        `if [ -n "\${${AUTHORITY_ID_VARIABLE}:-}" ]; then`,
        inBlock((pad) => authorityUpdateCommand(authority, providerWord, pad)),
        'else',
        ...CHAIN_CHECK.map((line) => `  ${line}`),
        `  created=$(${authorityCreateCommand(authority, { json: true, pad: '  ' })})`,
        `  ${AUTHORITY_ID_VARIABLE}=$(printf '%s\\n' "$created" | ids_with | head -n 1)`,
        'fi',
        `: "\${${AUTHORITY_ID_VARIABLE}:?the CLI printed no id for the new certificate authority}"`,
        `echo "Certificate authority: $${AUTHORITY_ID_VARIABLE}" >&2`,
        ...cliPoolsByName(pools, providerWord),
      );
      warnings.push(
        ...localCrlWarning(authority),
        ...nulWarnings(authorityLabel(authority), authorityFields(authority)),
        ...pools.flatMap((pool) =>
          nulWarnings(certificatePoolLabel(pool), certificatePoolFields(pool)),
        ),
      );
      break;
    }
    case 'certificate-pool': {
      const { pool, authorityId, roleBindings = [] } = subject;
      const providerWord = `"$${AUTHORITY_ID_VARIABLE}"`;
      lines.push(
        `# Creates ${certificatePoolLabel(pool)}, or updates the one ${POOL_ID_VARIABLE}`,
        `# names${grantsClause(roleBindings)}, with the Confluent CLI (\`confluent login\` first).`,
        '# Exported from Lifeguard.',
        SHELL_NOTE,
        'set -eu',
        '',
        ...IDS_WITH_FUNCTION,
        '',
        `# The pool goes under ${AUTHORITY_ID_VARIABLE}: the exported authority unless you set it.`,
        `${AUTHORITY_ID_VARIABLE}=\${${AUTHORITY_ID_VARIABLE}:-${shellQuote(authorityId)}}`,
        '',
        ...cliFilterNote(POOL_EVERYONE),
        ...cliCreateOrUpdate({
          variable: POOL_ID_VARIABLE,
          noun: 'certificate pool',
          update: (pad) =>
            certificatePoolUpdateCommand(
              pool,
              `"$${POOL_ID_VARIABLE}"`,
              providerWord,
              pad,
            ),
          create: (pad) =>
            certificatePoolCreateCommand(pool, providerWord, {
              json: true,
              pad,
            }),
        }),
      );
      if (roleBindings.length > 0) {
        const grants = cliGrants(
          pool,
          POOL_ID_VARIABLE,
          'certificate pool',
          roleBindings,
        );
        lines.push(...grants.lines);
        warnings.push(...grants.warnings);
      } else if (subject.roleBindings) {
        lines.push('', '# The certificate pool holds no role bindings.');
      }
      warnings.push(
        ...nulWarnings(certificatePoolLabel(pool), certificatePoolFields(pool)),
      );
      break;
    }
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${federationFileStem(subject)}-confluent-cli.sh`,
    mimeType: 'text/x-shellscript;charset=utf-8',
    warnings,
  };
}

// ---------------------------------------------------------------------------
// curl, its bodies built by jq from shell-quoted values

const CURL_AUTH = '-u "$CONFLUENT_CLOUD_API_KEY:$CONFLUENT_CLOUD_API_SECRET"';

/**
 * `body=$(jq -n --arg k v … '{k: $k, …}')`: a JSON object of string
 * fields (and, raw, `extra` jq entries such as `--rawfile` or booleans).
 * jq writes the JSON, so no value needs JSON escaping by hand; each is one
 * shell-quoted argument.
 */
export function jqBody(
  fields: Record<string, string | { word: string }>,
  {
    variable = 'body',
    booleans = {},
    rawFiles = {},
    pad = '',
  }: {
    variable?: string;
    booleans?: Record<string, boolean>;
    rawFiles?: Record<string, string>;
    /** Before every line after the first (inside a block). */
    pad?: string;
  } = {},
): string {
  const args = Object.entries(fields).map(
    ([key, value]) =>
      `--arg ${key} ${typeof value === 'string' ? shellQuote(value) : value.word}`,
  );
  const files = Object.entries(rawFiles).map(
    ([key, fileWord]) => `--rawfile ${key} ${fileWord}`,
  );
  const entries = [
    ...Object.keys(fields).map((key) => `${key}: $${key}`),
    ...Object.keys(rawFiles).map((key) => `${key}: $${key}`),
    ...Object.entries(booleans).map(([key, value]) => `${key}: ${value}`),
  ];
  return [
    `${variable}=$(jq -n`,
    ...args,
    ...files,
    `${shellQuote(`{${entries.join(', ')}}`)})`,
  ].join(` \\\n  ${pad}`);
}

function curlCall(method: string, urlWord: string, pad = ''): string {
  return [
    `curl -sS --fail-with-body -X ${method} ${urlWord}`,
    CURL_AUTH,
    "-H 'Content-Type: application/json'",
    '--data-raw "$body"',
  ].join(` \\\n  ${pad}`);
}

function curlCreateOrUpdate({
  variable,
  noun,
  collectionPath,
  updateMethod,
  updateNote = [],
}: {
  variable: string;
  noun: string;
  /** Under `$CONFLUENT_API`, in double quotes (variables expand). */
  collectionPath: string;
  updateMethod: 'PATCH' | 'PUT';
  updateNote?: string[];
}): string[] {
  return [
    `# The ${noun}: ${variable}, if you set it, names one to update (${updateMethod}) to these`,
    '# values; otherwise a new one is created and its id read from the answer.',
    ...updateNote,
    `if [ -n "\${${variable}:-}" ]; then`,
    inBlock((pad) =>
      curlCall(
        updateMethod,
        `"$CONFLUENT_API${collectionPath}/$${variable}"`,
        pad,
      ),
    ),
    'else',
    `  created=$(${curlCall('POST', `"$CONFLUENT_API${collectionPath}"`, '  ')})`,
    `  ${variable}=$(printf '%s' "$created" | jq -r '.id // empty')`,
    'fi',
    `: "\${${variable}:?Confluent answered no id for the new ${noun}}"`,
    `echo "${capitalised(noun)}: $${variable}" >&2`,
  ];
}

function curlGrants(
  noun: string,
  idVariable: string,
  object: { id: string },
  bindings: readonly ExportRoleBinding[],
): string[] {
  const lines = [
    '',
    `# What the ${noun} may do: its ${bindingCount(bindings.length)}, granted to ${idVariable}. A grant that`,
    '# fails (one that exists already, say) does not stop the others.',
    'failed=0',
  ];
  for (const binding of bindings) {
    const principal =
      binding.principal === poolPrincipal(object)
        ? word(`"User:$${idVariable}"`)
        : binding.principal;
    lines.push(
      '',
      jqBody({
        principal,
        role_name: binding.role_name,
        crn_pattern: binding.crn_pattern,
      }),
      `${curlCall('POST', '"$CONFLUENT_API/iam/v2/role-bindings"')} || failed=$((failed + 1))`,
    );
  }
  lines.push(
    '',
    '[ "$failed" -eq 0 ] || {',
    '  echo "$failed role binding(s) could not be granted; see above." >&2',
    '  exit 1',
    '}',
  );
  return lines;
}

const JQ_NOTE =
  '# Needs curl 7.76 or later and jq 1.6 or later, which writes the JSON bodies.';

// jq takes every value as an argument: NUL and lone surrogates cannot be one.
function argumentWarnings(what: string, fields: Record<string, string>) {
  return Object.entries(fields).flatMap(([field, value]) => [
    ...(value.includes('\0')
      ? [
          `The ${field} of ${what} holds a NUL character, which no shell argument can carry.`,
        ]
      : []),
    ...(LONE_SURROGATE.test(value)
      ? [
          `The ${field} of ${what} holds a lone UTF-16 surrogate, which no shell script can carry; the JSON export keeps it.`,
        ]
      : []),
  ]);
}

// The authority's pools, each replaced (PUT) where the authority has one of
// its name (the n-th of several sharing one, every page read), otherwise
// created.
function curlPoolsByName(pools: readonly ExportCertificatePool[]): string[] {
  const collection = `$CONFLUENT_API/iam/v2/certificate-authorities/$${AUTHORITY_ID_VARIABLE}/identity-pools`;
  const lines = [
    '',
    '# The pools: each is replaced (PUT) where the authority has a pool of its name',
    '# (the n-th of several with one name), otherwise created. Every page of the',
    "# authority's pools is read first.",
    ...curlFilterNote(POOL_EVERYONE),
    "pools='[]'",
    `next="${collection}?page_size=100"`,
    'while [ -n "$next" ]; do',
    `  page=$(curl -sS --fail-with-body ${CURL_AUTH} "$next")`,
    `  pools=$(jq -n --argjson a "$pools" --argjson b "$page" '$a + ($b.data // [])')`,
    `  next=$(printf '%s' "$page" | jq -r '.metadata.next // empty')`,
    'done',
  ];
  const seen = new Map<string, number>();
  for (const pool of pools) {
    const nth = seen.get(pool.display_name) ?? 0;
    seen.set(pool.display_name, nth + 1);
    lines.push(
      '',
      `${POOL_ID_VARIABLE}=$(printf '%s' "$pools" | jq -r --arg name ${shellQuote(pool.display_name)} '[.[] | select(.display_name == $name)][${nth}].id // empty')`,
      jqBody(certificatePoolFields(pool)),
      `if [ -n "$${POOL_ID_VARIABLE}" ]; then`,
      inBlock((pad) =>
        curlCall('PUT', `"${collection}/$${POOL_ID_VARIABLE}"`, pad),
      ),
      'else',
      inBlock((pad) => curlCall('POST', `"${collection}"`, pad)),
      'fi',
    );
  }
  return lines;
}

/**
 * curl calls to the Confluent Cloud API that create the object (or update
 * the one its variable names: PATCH for a group mapping, PUT for the rest),
 * their bodies written by jq from shell-quoted values, the filter always
 * sent; a single object's role bindings; an authority's pools by name.
 */
export function federationToCurl(subject: FederationExportSubject): ExportFile {
  const lines = ['#!/bin/sh'];
  const warnings: string[] = [];
  switch (subject.kind) {
    case 'group-mapping': {
      const { mapping, roleBindings = [] } = subject;
      lines.push(
        `# Creates ${mappingLabel(mapping)}, or updates the one`,
        `# ${GROUP_MAPPING_ID_VARIABLE} names${grantsClause(roleBindings)}, through the Confluent Cloud API.`,
        '# Exported from Lifeguard.',
        ...CURL_PREAMBLE,
        JQ_NOTE,
        'set -eu',
        '',
        API_LINE,
        '',
        ...curlFilterNote(MAPPING_EVERYONE),
        jqBody(mappingFields(mapping)),
        ...curlCreateOrUpdate({
          variable: GROUP_MAPPING_ID_VARIABLE,
          noun: 'group mapping',
          collectionPath: '/iam/v2/sso/group-mappings',
          updateMethod: 'PATCH',
        }),
      );
      if (roleBindings.length > 0) {
        lines.push(
          ...curlGrants(
            'group mapping',
            GROUP_MAPPING_ID_VARIABLE,
            mapping,
            roleBindings,
          ),
        );
      } else if (subject.roleBindings) {
        lines.push('', '# The group mapping holds no role bindings.');
      }
      warnings.push(
        ...argumentWarnings(mappingLabel(mapping), mappingFields(mapping)),
      );
      break;
    }
    case 'certificate-authority': {
      const { authority, pools } = subject;
      const body = certificateAuthorityBody(authority);
      const { require_crl_on_client_certificate: requireCrl, ...fields } = body;
      lines.push(
        `# Creates ${authorityLabel(authority)}, or updates the one`,
        `# ${AUTHORITY_ID_VARIABLE} names, then creates or replaces its ${pools.length} certificate`,
        `# ${pools.length === 1 ? 'pool' : 'pools'} by name, through the Confluent Cloud API. Exported from Lifeguard.`,
        ...CURL_PREAMBLE,
        JQ_NOTE,
        'set -eu',
        '',
        API_LINE,
        '',
        ...chainFileLines(authority),
        ...(hasLocalCrl(authority)
          ? [
              '# Its revocation list was uploaded as a file, which Confluent never',
              '# returns: add it to the create body as crl_chain to keep it.',
            ]
          : []),
        '',
        `# The certificate authority: ${AUTHORITY_ID_VARIABLE}, if you set it, names one to`,
        '# update (PUT, without certificate_chain: Confluent keeps the chain it holds);',
        '# otherwise a new one is created with the chain from the file.',
        jqBody(fields, {
          booleans: { require_crl_on_client_certificate: requireCrl },
        }),
        `if [ -n "\${${AUTHORITY_ID_VARIABLE}:-}" ]; then`,
        inBlock((pad) =>
          curlCall(
            'PUT',
            `"$CONFLUENT_API/iam/v2/certificate-authorities/$${AUTHORITY_ID_VARIABLE}"`,
            pad,
          ),
        ),
        'else',
        ...CHAIN_CHECK.map((line) => `  ${line}`),
        inBlock((pad) =>
          jqBody(fields, {
            booleans: { require_crl_on_client_certificate: requireCrl },
            rawFiles: { certificate_chain: `"$${CHAIN_FILE_VARIABLE}"` },
            pad,
          }),
        ),
        `  created=$(${curlCall('POST', '"$CONFLUENT_API/iam/v2/certificate-authorities"', '  ')})`,
        `  ${AUTHORITY_ID_VARIABLE}=$(printf '%s' "$created" | jq -r '.id // empty')`,
        'fi',
        `: "\${${AUTHORITY_ID_VARIABLE}:?Confluent answered no id for the new certificate authority}"`,
        `echo "Certificate authority: $${AUTHORITY_ID_VARIABLE}" >&2`,
        ...curlPoolsByName(pools),
      );
      warnings.push(
        ...localCrlWarning(authority),
        ...argumentWarnings(
          authorityLabel(authority),
          authorityFields(authority),
        ),
        ...pools.flatMap((pool) =>
          argumentWarnings(
            certificatePoolLabel(pool),
            certificatePoolFields(pool),
          ),
        ),
      );
      break;
    }
    case 'certificate-pool': {
      const { pool, authorityId, roleBindings = [] } = subject;
      lines.push(
        `# Creates ${certificatePoolLabel(pool)}, or replaces the one ${POOL_ID_VARIABLE}`,
        `# names${grantsClause(roleBindings)}, through the Confluent Cloud API. Exported from Lifeguard.`,
        ...CURL_PREAMBLE,
        JQ_NOTE,
        'set -eu',
        '',
        API_LINE,
        `# The pool goes under ${AUTHORITY_ID_VARIABLE}: the exported authority unless you set it.`,
        `${AUTHORITY_ID_VARIABLE}=\${${AUTHORITY_ID_VARIABLE}:-${shellQuote(pathSegment(authorityId))}}`,
        '',
        ...curlFilterNote(POOL_EVERYONE),
        jqBody(certificatePoolFields(pool)),
        ...curlCreateOrUpdate({
          variable: POOL_ID_VARIABLE,
          noun: 'certificate pool',
          collectionPath: `/iam/v2/certificate-authorities/$${AUTHORITY_ID_VARIABLE}/identity-pools`,
          updateMethod: 'PUT',
        }),
      );
      if (roleBindings.length > 0) {
        lines.push(
          ...curlGrants(
            'certificate pool',
            POOL_ID_VARIABLE,
            pool,
            roleBindings,
          ),
        );
      } else if (subject.roleBindings) {
        lines.push('', '# The certificate pool holds no role bindings.');
      }
      warnings.push(
        ...argumentWarnings(
          certificatePoolLabel(pool),
          certificatePoolFields(pool),
        ),
      );
      break;
    }
  }
  if ('roleBindings' in subject && subject.roleBindings) {
    warnings.push(
      ...subject.roleBindings.flatMap((binding) =>
        argumentWarnings(bindingLabel(binding), {
          role_name: binding.role_name,
          crn_pattern: binding.crn_pattern,
        }),
      ),
    );
  }
  return {
    text: `${lines.join('\n')}\n`,
    filename: `${federationFileStem(subject)}-curl.sh`,
    mimeType: 'text/x-shellscript;charset=utf-8',
    warnings,
  };
}

/**
 * The objects as the API returned them: `{ group_mapping, role_bindings }`,
 * `{ certificate_authority, certificate_pools }` or
 * `{ certificate_pool, role_bindings }` (the object alone when its bindings
 * were not fetched).
 */
export function federationToJson(subject: FederationExportSubject): ExportFile {
  const value =
    subject.kind === 'certificate-authority'
      ? {
          certificate_authority: subject.authority,
          certificate_pools: subject.pools,
        }
      : subject.kind === 'group-mapping'
        ? subject.roleBindings
          ? {
              group_mapping: subject.mapping,
              role_bindings: subject.roleBindings,
            }
          : subject.mapping
        : subject.roleBindings
          ? {
              certificate_pool: subject.pool,
              role_bindings: subject.roleBindings,
            }
          : subject.pool;
  return {
    text: `${JSON.stringify(value, null, 2)}\n`,
    filename: `${federationFileStem(subject)}.json`,
    mimeType: 'application/json',
    warnings: [],
  };
}

function federationFileStem(subject: FederationExportSubject): string {
  const id =
    subject.kind === 'group-mapping'
      ? subject.mapping.id
      : subject.kind === 'certificate-authority'
        ? subject.authority.id
        : subject.pool.id;
  return id.replace(/[^A-Za-z0-9_-]+/g, '_') || subject.kind;
}

/** `subject` in `format`, whatever it is; `terraform` applies to Terraform only. */
export function exportAnyAs(
  format: ExportFormat,
  subject: AnyExportSubject,
  terraform: TerraformOptions = {},
): ExportFile {
  if (!isFederationSubject(subject))
    return exportAs(format, subject, terraform);
  switch (format) {
    case 'terraform':
      return federationToTerraform(subject, terraform);
    case 'cli':
      return federationToCli(subject);
    case 'curl':
      return federationToCurl(subject);
    case 'json':
      return federationToJson(subject);
  }
}
