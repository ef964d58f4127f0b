import type { operations, paths } from './schema.d.ts';

/** The id of one upstream operation of the contract, e.g. `getIamV2IdentityPool`. */
export type UpstreamOperationId = keyof operations;

/** HTTP methods used by the upstream routes Lifeguard calls. */
export type UpstreamMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One Confluent Cloud route Lifeguard calls, as declared in `openapi.yaml`.
 * `path` is the OpenAPI template, e.g.
 * `/iam/v2/identity-providers/{provider_id}/identity-pools/{id}`.
 */
export interface UpstreamRoute {
  readonly method: UpstreamMethod;
  readonly path: keyof paths;
  readonly operationId: UpstreamOperationId;
}

/** The result of {@link matchUpstreamRoute}: the route and its raw params. */
export interface UpstreamRouteMatch {
  readonly route: UpstreamRoute;
  /** Template name (without braces) to the path segment, as sent. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Every upstream route Lifeguard uses, and nothing else: the proxy forwards
 * only these and the emulator registers exactly these. `routes.test.ts`
 * keeps this list equal to the operations in `openapi.yaml`.
 */
export const UPSTREAM_ROUTES: readonly UpstreamRoute[] = [
  {
    method: 'GET',
    path: '/iam/v2/identity-providers',
    operationId: 'listIamV2IdentityProviders',
  },
  {
    method: 'POST',
    path: '/iam/v2/identity-providers',
    operationId: 'createIamV2IdentityProvider',
  },
  {
    method: 'GET',
    path: '/iam/v2/identity-providers/{id}',
    operationId: 'getIamV2IdentityProvider',
  },
  {
    method: 'PATCH',
    path: '/iam/v2/identity-providers/{id}',
    operationId: 'updateIamV2IdentityProvider',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/identity-providers/{id}',
    operationId: 'deleteIamV2IdentityProvider',
  },
  {
    method: 'PATCH',
    path: '/iam/v2/identity-providers/{provider_id}/jwks',
    operationId: 'refreshIamV2JsonWebKeySet',
  },
  {
    method: 'GET',
    path: '/iam/v2/identity-providers/{provider_id}/identity-pools',
    operationId: 'listIamV2IdentityPools',
  },
  {
    method: 'POST',
    path: '/iam/v2/identity-providers/{provider_id}/identity-pools',
    operationId: 'createIamV2IdentityPool',
  },
  {
    method: 'GET',
    path: '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    operationId: 'getIamV2IdentityPool',
  },
  {
    method: 'PATCH',
    path: '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    operationId: 'updateIamV2IdentityPool',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    operationId: 'deleteIamV2IdentityPool',
  },
  {
    method: 'GET',
    path: '/iam/v2/sso/group-mappings',
    operationId: 'listIamV2SsoGroupMappings',
  },
  {
    method: 'POST',
    path: '/iam/v2/sso/group-mappings',
    operationId: 'createIamV2SsoGroupMapping',
  },
  {
    method: 'GET',
    path: '/iam/v2/sso/group-mappings/{id}',
    operationId: 'getIamV2SsoGroupMapping',
  },
  {
    method: 'PATCH',
    path: '/iam/v2/sso/group-mappings/{id}',
    operationId: 'updateIamV2SsoGroupMapping',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/sso/group-mappings/{id}',
    operationId: 'deleteIamV2SsoGroupMapping',
  },
  {
    method: 'GET',
    path: '/iam/v2/certificate-authorities',
    operationId: 'listIamV2CertificateAuthorities',
  },
  {
    method: 'POST',
    path: '/iam/v2/certificate-authorities',
    operationId: 'createIamV2CertificateAuthority',
  },
  {
    method: 'GET',
    path: '/iam/v2/certificate-authorities/{id}',
    operationId: 'getIamV2CertificateAuthority',
  },
  {
    method: 'PUT',
    path: '/iam/v2/certificate-authorities/{id}',
    operationId: 'updateIamV2CertificateAuthority',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/certificate-authorities/{id}',
    operationId: 'deleteIamV2CertificateAuthority',
  },
  {
    method: 'GET',
    path: '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools',
    operationId: 'listIamV2CertificateIdentityPools',
  },
  {
    method: 'POST',
    path: '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools',
    operationId: 'createIamV2CertificateIdentityPool',
  },
  {
    method: 'GET',
    path: '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools/{id}',
    operationId: 'getIamV2CertificateIdentityPool',
  },
  {
    method: 'PUT',
    path: '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools/{id}',
    operationId: 'updateIamV2CertificateIdentityPool',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools/{id}',
    operationId: 'deleteIamV2CertificateIdentityPool',
  },
  {
    method: 'GET',
    path: '/service-quota/v1/applied-quotas',
    operationId: 'listServiceQuotaV1AppliedQuotas',
  },
  {
    method: 'GET',
    path: '/org/v2/organizations',
    operationId: 'listOrgV2Organizations',
  },
  {
    method: 'GET',
    path: '/org/v2/environments',
    operationId: 'listOrgV2Environments',
  },
  {
    method: 'GET',
    path: '/cmk/v2/clusters',
    operationId: 'listCmkV2Clusters',
  },
  {
    method: 'GET',
    path: '/iam/v2/users',
    operationId: 'listIamV2Users',
  },
  {
    method: 'GET',
    path: '/iam/v2/role-bindings',
    operationId: 'listIamV2RoleBindings',
  },
  {
    method: 'POST',
    path: '/iam/v2/role-bindings',
    operationId: 'createIamV2RoleBinding',
  },
  {
    method: 'GET',
    path: '/iam/v2/role-bindings/{id}',
    operationId: 'getIamV2RoleBinding',
  },
  {
    method: 'DELETE',
    path: '/iam/v2/role-bindings/{id}',
    operationId: 'deleteIamV2RoleBinding',
  },
];

// Upstream ids are at most 255 characters (docs/confluent-api.md §1).
const MAX_PARAM_LENGTH = 255;

// RFC 3986 "unreserved" characters. Restricting params to these keeps `/`,
// `\`, `?`, `#` and percent-escapes out, so a matched path cannot change
// shape when a URL parser later resolves it against the upstream origin.
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

function isSafeParam(segment: string): boolean {
  // `.` and `..` are dot-segments: `new URL()` would resolve them and step
  // outside the allowlisted route.
  return (
    segment.length <= MAX_PARAM_LENGTH &&
    UNRESERVED.test(segment) &&
    segment !== '.' &&
    segment !== '..'
  );
}

// Each route's template split once, grouped by method and segment count,
// so a match compares only the few templates of the right shape.
type CompiledRoute = {
  route: UpstreamRoute;
  /** Per segment: the param name (for `{name}`), or the literal text. */
  parts: readonly { param: string | undefined; text: string }[];
};

/** Method → segment count → the routes of that shape. */
const COMPILED = new Map<string, CompiledRoute[][]>();
for (const route of UPSTREAM_ROUTES) {
  const parts = route.path
    .split('/')
    .map((part) =>
      part.startsWith('{') && part.endsWith('}')
        ? { param: part.slice(1, -1), text: part }
        : { param: undefined, text: part },
    );
  const byLength = COMPILED.get(route.method) ?? [];
  (byLength[parts.length] ??= []).push({ route, parts });
  COMPILED.set(route.method, byLength);
}

function matchTemplate(
  parts: CompiledRoute['parts'],
  segments: readonly string[],
): Record<string, string> | undefined {
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    if (
      part.param === undefined
        ? part.text !== segments[index]
        : !isSafeParam(segments[index]!)
    ) {
      return undefined;
    }
  }
  const params: Record<string, string> = {};
  for (let index = 0; index < parts.length; index += 1) {
    const name = parts[index]!.param;
    if (name !== undefined) params[name] = segments[index]!;
  }
  return params;
}

/**
 * Finds the upstream route for a request, comparing the path segment by
 * segment with each template in {@link UPSTREAM_ROUTES}.
 *
 * `method` must be upper case, as Node reports it. `pathname` is the raw
 * path without query string, e.g. `/iam/v2/identity-providers/op-4EY`.
 * Matching is exact: a trailing slash, an empty or extra segment, or a
 * method the route does not declare is a miss. A param must be 1–255
 * URL-unreserved characters (`A-Z a-z 0-9 - . _ ~`) and not `.` or `..`, so
 * a matched path can be forwarded without being re-normalised into a
 * different route.
 *
 * @returns the route and its params (raw segments; none can hold a
 *   percent-escape, so there is nothing to decode), or `undefined` when
 *   nothing matches.
 */
export function matchUpstreamRoute(
  method: string,
  pathname: string,
): UpstreamRouteMatch | undefined {
  const segments = pathname.split('/');
  const candidates = COMPILED.get(method)?.[segments.length];
  if (candidates === undefined) return undefined;
  for (const { route, parts } of candidates) {
    const params = matchTemplate(parts, segments);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}
