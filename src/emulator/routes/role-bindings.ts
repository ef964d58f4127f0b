import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import {
  ROLE_BINDING_PAGE_SIZE,
  roleBindingCreateBodySchema,
} from '#contract/bodies.ts';
import { normalizeCrn, parseCrn, type Crn } from '#contract/crn.ts';
import { bindingRefusal } from '#contract/role-catalogue.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import type { ClusterRecord } from '../directory-store.ts';
import { listEnvelope, queryValue, readPaging } from '../paging.ts';
import { isKnownPrincipalId } from '../principals.ts';
import { badParameter, conflict, errorCode, forbidden } from '../problems.ts';
import { replyCreated } from './created.ts';
import { roleBindingPath, roleBindingResource } from '../resources.ts';
import type { RoleBindingFilter } from '../role-binding-store.ts';
import { parseBody } from '../validation.ts';

const COLLECTION = '/iam/v2/role-bindings';

type IdParams = { id: string };

// The live service's answer for a binding that is gone, as Terraform
// recorded it (docs/decisions/015: 403, not the spec's 404).
function gone() {
  return errorCode(
    403,
    40301,
    'Either unauthorized to access role binding or role binding does not exist',
  );
}

// The live service's code for a grant it refuses (docs/confluent-api.md §23).
function refused(message: string) {
  return errorCode(400, 40002, message);
}

/** An empty filter is no filter: clients build queries from optional flags. */
function optional(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

// Page tokens carry their list's scope, and a token is at most 255
// characters, so the filters go in as a digest.
function listScope(filter: RoleBindingFilter): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        filter.principal ?? null,
        filter.roleName ?? null,
        normalizeCrn(filter.crnQuery),
      ]),
    )
    .digest('base64url')
    .slice(0, 22);
  return `role-bindings:${digest}`;
}

/**
 * What a grant names must exist where the credential can see it: this
 * organization, its environment and cluster, the principal. Confluent
 * answers 403 for what a credential cannot see, existing or not.
 * Returns the cluster the pattern points into, if any.
 */
function checkReferences(
  context: EmulatorContext,
  crn: Crn,
  principal: string,
): ClusterRecord | undefined {
  const { store, config } = context;
  if (crn.organization !== config.orgId) {
    throw forbidden(
      `Forbidden Access: the credential belongs to organization ${config.orgId} and cannot grant in organization ${crn.organization}`,
    );
  }
  if (
    crn.environment !== undefined &&
    !store.directory.getEnvironment(crn.environment)
  ) {
    throw forbidden(
      `Forbidden Access: environment ${crn.environment} does not exist or the credential cannot see it`,
    );
  }
  let cluster: ClusterRecord | undefined;
  if (crn.cloudCluster !== undefined) {
    cluster = store.directory.getCluster(crn.cloudCluster);
    if (!cluster || cluster.environmentId !== crn.environment) {
      throw forbidden(
        `Forbidden Access: Kafka cluster ${crn.cloudCluster} does not exist in environment ${crn.environment ?? ''} or the credential cannot see it`,
      );
    }
    if (crn.kafkaCluster !== undefined && crn.kafkaCluster !== cluster.id) {
      throw refused(
        `Invalid crn_pattern: kafka=${crn.kafkaCluster} must name the same cluster as cloud-cluster=${cluster.id}`,
      );
    }
  }
  const colon = principal.indexOf(':');
  const id = principal.slice(colon + 1);
  if (principal.startsWith('User:') && !isKnownPrincipalId(store, id)) {
    throw forbidden(
      `Forbidden Access: principal ${principal} is not a user, service account, group mapping or identity pool of this organization`,
    );
  }
  return cluster;
}

/** Role bindings: list, grant, read, revoke (there is no update). */
export function roleBindingRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
) {
  const { store } = context;

  app.get(COLLECTION, async (request) => {
    const crnQuery = queryValue(request, 'crn_pattern');
    if (!crnQuery) {
      throw badParameter(
        'crn_pattern',
        'crn_pattern is required: the scope to search, e.g. crn://confluent.cloud/organization=<id>/* for the whole organization',
      );
    }
    if (!normalizeCrn(crnQuery).startsWith('crn://')) {
      throw badParameter(
        'crn_pattern',
        `crn_pattern must be a CRN, starting with crn:// (got "${crnQuery}")`,
      );
    }
    const filter: RoleBindingFilter = {
      principal: optional(queryValue(request, 'principal')),
      roleName: optional(queryValue(request, 'role_name')),
      crnQuery,
    };
    const scope = listScope(filter);
    const { size, cursor } = readPaging(
      context,
      request,
      scope,
      ROLE_BINDING_PAGE_SIZE,
    );
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'RoleBindingList',
      baseUrl: resources.baseUrl,
      path: COLLECTION,
      filters: {
        principal: filter.principal,
        role_name: filter.roleName,
        crn_pattern: crnQuery,
      },
      scope,
      size,
      cursor,
      page: store.roleBindings.list(filter, cursor, size),
      total: store.roleBindings.count(filter),
      render: (binding) => roleBindingResource(binding, resources),
    });
  });

  app.post(COLLECTION, async (request, reply) => {
    // The live service answers 400 where the pools API answers 422.
    const body = parseBody(roleBindingCreateBodySchema, request.body, 400);
    const fields = {
      principal: body.principal,
      roleName: body.role_name,
      crnPattern: body.crn_pattern,
    };
    const scopeRefusal = bindingRefusal(body.role_name, body.crn_pattern);
    if (scopeRefusal) throw refused(scopeRefusal);
    const parsed = parseCrn(body.crn_pattern);
    if (!parsed.ok) throw refused(parsed.error);
    const resources = resourceContext(context, request);
    const binding = store.transaction(() => {
      const cluster = checkReferences(context, parsed.crn, body.principal);
      const clusterRefusal =
        cluster &&
        bindingRefusal(body.role_name, parsed.crn, {
          clusterKind: cluster.kind,
        });
      if (clusterRefusal) throw refused(clusterRefusal);
      const existing = store.roleBindings.findSame(fields);
      if (existing) {
        throw conflict(
          `${body.principal} already holds ${body.role_name} at ${existing.crnPattern}: role binding ${existing.id}`,
          `${resources.baseUrl}${roleBindingPath(existing.id)}`,
        );
      }
      return store.roleBindings.insert(fields);
    });
    replyCreated(reply, resources.baseUrl, roleBindingPath(binding.id));
    return roleBindingResource(binding, resources);
  });

  app.get<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const binding = store.roleBindings.get(request.params.id);
    if (!binding) throw gone();
    return roleBindingResource(binding, resourceContext(context, request));
  });

  app.delete<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const binding = store.roleBindings.delete(request.params.id);
    if (!binding) throw gone();
    return roleBindingResource(binding, resourceContext(context, request));
  });
}
