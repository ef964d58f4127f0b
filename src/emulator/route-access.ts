import type { FastifyRequest } from 'fastify';
import { buildCrn, splitCrnQuery } from '#contract/crn.ts';
import type { EmulatorContext } from './context.ts';
import {
  certificateAuthorityCrn,
  certificatePoolCrn,
} from './federation-resources.ts';
import { queryValue } from './paging.ts';
import { environmentCrn, poolCrn, providerCrn } from './resources.ts';

/**
 * What an identity pool acting through an STS token needs for each route
 * of the emulator's API: the model of
 * docs/decisions/022-what-a-pool-may-do-in-the-emulator.md, inferred from
 * Confluent's docs. authorization.ts applies it; a route of the API
 * without a line here stops the emulator's start.
 */

/** A CRN a request names, and what it is called when the request does not name it. */
export type Target = {
  readonly label: string;
  /**
   * The CRN, or `undefined` when the request does not say (no such query
   * parameter, no body field, no binding of that id): the route's own 400
   * or 403 answers then.
   */
  readonly crnOf: (
    request: FastifyRequest,
    context: EmulatorContext,
  ) => string | undefined;
};

/**
 * A role binding the pool must hold: one of `roles` (any role when
 * absent) bound `on` the target (at it, at a prefix holding it, or at a
 * scope holding it) or, for `in`, also anywhere inside it.
 */
export type RoleRule = {
  readonly kind: 'role';
  readonly roles?: readonly string[];
  readonly target: Target;
  readonly reach: 'on' | 'in';
};

/** The request is about the pool itself, e.g. its own role bindings. */
export type SelfRule = {
  readonly kind: 'self';
  readonly label: (principal: string) => string;
  readonly principalOf: (
    request: FastifyRequest,
    context: EmulatorContext,
  ) => string | undefined;
};

export type AccessRule = RoleRule | SelfRule;

/** What a route does, in words for a refusal, and the rules any one of which lets a pool do it. */
export type RouteAccess = {
  readonly action: string;
  readonly rules: readonly AccessRule[];
};

/** Where the routes a pool's token may call live; the STS and the control API are elsewhere. */
export const API_PREFIXES = ['/iam/', '/org/', '/cmk/', '/service-quota/'];

export function isApiRoute(url: string): boolean {
  return API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

function param(request: FastifyRequest, name: string): string | undefined {
  const { params } = request;
  if (typeof params !== 'object' || params === null) return undefined;
  const value: unknown = Reflect.get(params, name);
  return typeof value === 'string' ? value : undefined;
}

export const ORGANIZATION: Target = {
  label: 'the organization',
  crnOf: (_request, { config }) => buildCrn({ organization: config.orgId }),
};

const POOL: Target = {
  label: 'the identity pool',
  crnOf: (request, { config }) => {
    const provider = param(request, 'provider_id');
    const id = param(request, 'id');
    return provider && id && poolCrn(config.orgId, provider, id);
  },
};

const PROVIDER: Target = {
  label: 'the identity provider',
  crnOf: (request, { config }) => {
    const id = param(request, 'id');
    return id && providerCrn(config.orgId, id);
  },
};

const CERTIFICATE_POOL: Target = {
  label: 'the certificate pool',
  crnOf: (request, { config }) => {
    const authority = param(request, 'certificate_authority_id');
    const id = param(request, 'id');
    return authority && id && certificatePoolCrn(config.orgId, authority, id);
  },
};

const CERTIFICATE_AUTHORITY: Target = {
  label: 'the certificate authority',
  crnOf: (request, { config }) => {
    const id = param(request, 'id');
    return id && certificateAuthorityCrn(config.orgId, id);
  },
};

const ENVIRONMENT_QUERIED: Target = {
  label: 'the environment asked for',
  crnOf: (request, { config }) => {
    const id = queryValue(request, 'environment');
    return id ? environmentCrn(config.orgId, id) : undefined;
  },
};

// The scope a list asks about: its `crn_pattern` without the `/*`.
const BINDINGS_QUERIED: Target = {
  label: "the list's crn_pattern",
  crnOf: (request) => {
    const query = queryValue(request, 'crn_pattern');
    return query ? splitCrnQuery(query).base : undefined;
  },
};

const BINDING_CREATED: Target = {
  label: "the binding's crn_pattern",
  crnOf: (request) => {
    const { body } = request;
    if (typeof body !== 'object' || body === null) return undefined;
    const pattern: unknown = Reflect.get(body, 'crn_pattern');
    return typeof pattern === 'string' ? pattern : undefined;
  },
};

const BINDING_NAMED: Target = {
  label: "the binding's crn_pattern",
  crnOf: (request, { store }) => {
    const id = param(request, 'id');
    return id && store.roleBindings.get(id)?.crnPattern;
  },
};

const ADMINS: RoleRule = {
  kind: 'role',
  roles: ['OrganizationAdmin', 'AccountAdmin'],
  target: ORGANIZATION,
  reach: 'on',
};

// Any binding in the organization. Confluent's docs: one role is what a
// user needs to use the Cloud Console at all, which shows the organization
// and its environments; that the API follows suit is inferred.
const MEMBER: RoleRule = { kind: 'role', target: ORGANIZATION, reach: 'in' };

function owner(target: Target, reach: 'on' | 'in' = 'on'): RoleRule {
  return { kind: 'role', roles: ['ResourceOwner'], target, reach };
}

// The roles that grant access to what they hold ("granting access
// included" in the role catalogue).
function grantor(target: Target): RoleRule {
  return {
    kind: 'role',
    roles: ['EnvironmentAdmin', 'CloudClusterAdmin', 'ResourceOwner'],
    target,
    reach: 'on',
  };
}

const OWN_BINDINGS_LISTED: SelfRule = {
  kind: 'self',
  label: (principal) =>
    `list only its own role bindings (principal=${principal})`,
  principalOf: (request) => queryValue(request, 'principal'),
};

const OWN_BINDING_READ: SelfRule = {
  kind: 'self',
  label: () => 'read a binding it holds itself',
  principalOf: (request, { store }) => {
    const id = param(request, 'id');
    return id && store.roleBindings.get(id)?.principal;
  },
};

function admins(action: string, ...more: AccessRule[]): RouteAccess {
  return { action, rules: [ADMINS, ...more] };
}

const PROVIDERS = '/iam/v2/identity-providers';
const POOLS = `${PROVIDERS}/:provider_id/identity-pools`;
const ROLE_BINDINGS = '/iam/v2/role-bindings';
const GROUP_MAPPINGS = '/iam/v2/sso/group-mappings';
const AUTHORITIES = '/iam/v2/certificate-authorities';
const CERTIFICATE_POOLS = `${AUTHORITIES}/:certificate_authority_id/identity-pools`;

/** Every route of the API as registered (`METHOD url`), with what a pool needs to call it. */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  [`GET ${PROVIDERS}`]: admins('list identity providers'),
  [`POST ${PROVIDERS}`]: admins('create identity providers'),
  // The owner of a pool may read the provider it sits under.
  [`GET ${PROVIDERS}/:id`]: admins(
    'read identity providers',
    owner(PROVIDER, 'in'),
  ),
  [`PATCH ${PROVIDERS}/:id`]: admins('update identity providers'),
  [`DELETE ${PROVIDERS}/:id`]: admins('delete identity providers'),
  [`PATCH ${PROVIDERS}/:provider_id/jwks`]: admins(
    "refresh identity providers' JWKS",
  ),

  [`GET ${POOLS}`]: admins('list identity pools'),
  [`POST ${POOLS}`]: admins('create identity pools'),
  [`GET ${POOLS}/:id`]: admins('read identity pools', owner(POOL)),
  [`PATCH ${POOLS}/:id`]: admins('update identity pools', owner(POOL)),
  [`DELETE ${POOLS}/:id`]: admins('delete identity pools', owner(POOL)),

  'GET /org/v2/organizations': {
    action: 'list organizations',
    rules: [MEMBER],
  },
  'GET /org/v2/environments': { action: 'list environments', rules: [MEMBER] },
  'GET /cmk/v2/clusters': admins('list Kafka clusters', {
    kind: 'role',
    roles: ['EnvironmentAdmin', 'CloudClusterAdmin'],
    target: ENVIRONMENT_QUERIED,
    reach: 'in',
  }),
  'GET /iam/v2/users': admins('list users'),

  [`GET ${ROLE_BINDINGS}`]: admins(
    'list role bindings',
    grantor(BINDINGS_QUERIED),
    OWN_BINDINGS_LISTED,
  ),
  [`POST ${ROLE_BINDINGS}`]: admins(
    'create role bindings',
    grantor(BINDING_CREATED),
  ),
  [`GET ${ROLE_BINDINGS}/:id`]: admins(
    'read role bindings',
    grantor(BINDING_NAMED),
    OWN_BINDING_READ,
  ),
  [`DELETE ${ROLE_BINDINGS}/:id`]: admins(
    'delete role bindings',
    grantor(BINDING_NAMED),
  ),

  [`GET ${GROUP_MAPPINGS}`]: admins('list group mappings'),
  [`POST ${GROUP_MAPPINGS}`]: admins('create group mappings'),
  [`GET ${GROUP_MAPPINGS}/:id`]: admins('read group mappings'),
  [`PATCH ${GROUP_MAPPINGS}/:id`]: admins('update group mappings'),
  [`DELETE ${GROUP_MAPPINGS}/:id`]: admins('delete group mappings'),

  [`GET ${AUTHORITIES}`]: admins('list certificate authorities'),
  [`POST ${AUTHORITIES}`]: admins('create certificate authorities'),
  [`GET ${AUTHORITIES}/:id`]: admins(
    'read certificate authorities',
    owner(CERTIFICATE_AUTHORITY, 'in'),
  ),
  [`PUT ${AUTHORITIES}/:id`]: admins('update certificate authorities'),
  [`DELETE ${AUTHORITIES}/:id`]: admins('delete certificate authorities'),

  [`GET ${CERTIFICATE_POOLS}`]: admins('list certificate pools'),
  [`POST ${CERTIFICATE_POOLS}`]: admins('create certificate pools'),
  [`GET ${CERTIFICATE_POOLS}/:id`]: admins(
    'read certificate pools',
    owner(CERTIFICATE_POOL),
  ),
  [`PUT ${CERTIFICATE_POOLS}/:id`]: admins(
    'update certificate pools',
    owner(CERTIFICATE_POOL),
  ),
  [`DELETE ${CERTIFICATE_POOLS}/:id`]: admins(
    'delete certificate pools',
    owner(CERTIFICATE_POOL),
  ),

  'GET /service-quota/v1/applied-quotas': admins('list applied quotas'),
};

/** What a pool needs for this route (HEAD as GET), or `undefined` when the table has no line for it. */
export function routeAccess(
  method: string,
  url: string,
): RouteAccess | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return Object.hasOwn(ROUTE_ACCESS, key) ? ROUTE_ACCESS[key] : undefined;
}
