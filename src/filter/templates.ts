import type { FilterDialect } from './dialect.ts';

/** A starting point for a filter in any dialect. */
export type DialectTemplate = {
  id: string;
  title: string;
  /** What it matches and what to replace. */
  description: string;
  filter: string;
};

/** A starting point for a pool: a filter and identity claim for a common token shape. */
export type FilterTemplate = DialectTemplate & {
  issuerKind: string;
  identityClaim: string;
};

/**
 * Common filters, by identity provider and token shape. Values in angle
 * brackets are placeholders the administrator replaces; each template passes
 * the shared-issuer rule (it constrains sub or aud).
 */
export const FILTER_TEMPLATES: readonly FilterTemplate[] = [
  {
    id: 'okta-client-credentials',
    issuerKind: 'Okta',
    title: 'Okta: one service app (client credentials)',
    description:
      'Okta access tokens for a service app carry the client id in sub and cid, and your authorization server’s audience in aud.',
    filter:
      'claims.aud == "<api://your-audience>" && claims.sub == "<client-id>"',
    identityClaim: 'claims.sub',
  },
  {
    id: 'okta-group',
    issuerKind: 'Okta',
    title: 'Okta: members of a group',
    description:
      'Needs a groups claim in the access token (an Okta claim rule). groups is a list, so use in.',
    filter:
      'claims.aud == "<api://your-audience>" && "<group-name>" in claims.groups',
    identityClaim: 'claims.sub',
  },
  {
    id: 'entra-v2-app-role',
    issuerKind: 'Entra ID',
    title: 'Entra ID (v2 tokens): an app role',
    description:
      'v2.0 tokens (issuer https://login.microsoftonline.com/<tenant-id>/v2.0) carry app roles in roles, the calling app in azp and the tenant in tid.',
    filter:
      'claims.aud == "<application-id-uri-or-client-id>" && claims.tid == "<tenant-id>" && "<App.Role>" in claims.roles',
    identityClaim: 'claims.oid',
  },
  {
    id: 'entra-v1-app',
    issuerKind: 'Entra ID',
    title: 'Entra ID (v1 tokens): one application',
    description:
      'v1.0 tokens (issuer https://sts.windows.net/<tenant-id>/) name the calling app in appid rather than azp.',
    filter:
      'claims.aud == "<application-id-uri>" && claims.appid == "<client-id>" && claims.tid == "<tenant-id>"',
    identityClaim: 'claims.appid',
  },
  {
    id: 'google-service-account',
    issuerKind: 'Google',
    title: 'Google: one service account',
    description:
      'Google ID tokens have a numeric sub; the audience is the one you request. accounts.google.com is a shared issuer, so aud or sub must be constrained.',
    filter:
      'claims.aud == "<audience>" && claims.email == "<name>@<project>.iam.gserviceaccount.com"',
    identityClaim: 'claims.email',
  },
  {
    id: 'keycloak-client',
    issuerKind: 'Keycloak',
    title: 'Keycloak: one client with a realm role',
    description:
      'Keycloak puts the client in azp and realm roles in realm_access.roles (a list).',
    filter:
      'claims.azp == "<client-id>" && "<realm-role>" in claims.realm_access.roles && claims.aud == "<audience>"',
    identityClaim: 'claims.preferred_username',
  },
  {
    id: 'github-actions-branch',
    issuerKind: 'GitHub Actions',
    title: 'GitHub Actions: one repository’s main branch',
    description:
      'sub is repo:<owner>/<repo>:ref:refs/heads/<branch> (or :environment:<name>). The issuer is shared by every GitHub user: always pin sub and aud.',
    filter:
      'claims.sub == "repo:<owner>/<repo>:ref:refs/heads/main" && claims.aud == "<audience>"',
    identityClaim: 'claims.sub',
  },
];

/** Claims registered by RFC 7519 and common providers, for suggestions. */
export const REGISTERED_CLAIMS: readonly string[] = [
  'sub',
  'aud',
  'iss',
  'exp',
  'nbf',
  'iat',
  'jti',
  'azp',
  'scp',
  'scope',
  'email',
  'groups',
  'roles',
  'client_id',
  'cid',
  'appid',
  'tid',
  'oid',
  'preferred_username',
  'hd',
  'repository',
  'repository_owner',
  'ref',
  'environment',
];

/** Every dotted claim path in a claims object (nested objects included). */
export function claimPaths(claims: unknown, prefix = '', depth = 0): string[] {
  if (
    typeof claims !== 'object' ||
    claims === null ||
    Array.isArray(claims) ||
    depth > 5
  ) {
    return [];
  }
  return Object.entries(claims).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...claimPaths(value, path, depth + 1)];
  });
}

/**
 * Common group-mapping filters. Values in angle brackets are placeholders;
 * each filter requires membership of at least one group, so none maps
 * every SSO user.
 */
export const GROUP_MAPPING_TEMPLATES: readonly DialectTemplate[] = [
  {
    id: 'group-single',
    title: 'Members of one group',
    description:
      'Maps the SSO users whose SAML assertion lists this group. Group names are case-sensitive.',
    filter: '"<group-name>" in groups',
  },
  {
    id: 'group-any',
    title: 'Members of any of several groups',
    description:
      'Maps a user who is in at least one of the groups; join more groups with ||.',
    filter: '"<group-a>" in groups || "<group-b>" in groups',
  },
  {
    id: 'group-both',
    title: 'Members of two groups at once',
    description:
      'Maps only the users who are in both groups, e.g. a team and a platform.',
    filter: '"<team-group>" in groups && "<platform-group>" in groups',
  },
  {
    id: 'group-not-contractors',
    title: 'A group, without its contractors',
    description:
      'Maps the members of a group unless they are also in a contractors group.',
    filter: '"<group-name>" in groups && !("<contractors-group>" in groups)',
  },
];

/**
 * Common certificate-pool filters. Values in angle brackets are
 * placeholders; each names the client (`CN` or `UID`), so none admits
 * every certificate of the authority.
 */
export const CERTIFICATE_POOL_TEMPLATES: readonly DialectTemplate[] = [
  {
    id: 'certificate-cn',
    title: 'One client by common name',
    description:
      'Admits the certificates whose subject CN is exactly this name. Attribute names and values are case-sensitive.',
    filter: 'CN == "<client-name>"',
  },
  {
    id: 'certificate-cn-prefix',
    title: 'Clients by CN prefix within an organisation',
    description:
      'Admits the services whose CN starts with a prefix, from certificates issued to your organisation (O).',
    filter: 'O == "<organisation>" && CN.startsWith("<service-prefix>-")',
  },
  {
    id: 'certificate-ou-list',
    title: 'Clients of some organisational units',
    description:
      'Admits certificates from the listed units (OU) whose CN ends with your domain.',
    filter: 'OU in ["<unit-a>", "<unit-b>"] && CN.endsWith(".<your-domain>")',
  },
  {
    id: 'certificate-uid',
    title: 'One user by UID',
    description:
      'Admits the certificate issued to one user id (UID) within your organisation.',
    filter: 'UID == "<user-id>" && O == "<organisation>"',
  },
];

/** The templates offered for a filter of `dialect`. */
export function templatesFor(
  dialect: FilterDialect,
): readonly DialectTemplate[] {
  switch (dialect) {
    case 'identity-pool':
      return FILTER_TEMPLATES;
    case 'group-mapping':
      return GROUP_MAPPING_TEMPLATES;
    case 'certificate-pool':
      return CERTIFICATE_POOL_TEMPLATES;
  }
}
