import type { FastifyInstance } from 'fastify';
import {
  groupMappingCreateBodySchema,
  groupMappingUpdateBodySchema,
} from '#contract/bodies.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import {
  groupMappingCrn,
  groupMappingPath,
  groupMappingResource,
} from '../federation-resources.ts';
import { readPaging, terseListEnvelope } from '../paging.ts';
import { notFoundFailure, requireUnderQuota } from '../problems.ts';
import { replyCreated } from './created.ts';
import { dialectFilterErrors, parseBody, throwIfAny } from '../validation.ts';

const COLLECTION = '/iam/v2/sso/group-mappings';

type IdParams = { id: string };

// A Failure, as recorded from the live service, whose code is oddly the
// service accounts' one (docs/confluent-api.md §27.2). The 403 the service
// also answers for a missing mapping is left to fault injection
// (docs/decisions/018).
function groupMappingNotFound(id: string) {
  return notFoundFailure(`Group mapping ${id} not found`, {
    code: 'service_account_not_found',
    title: 'Service Account Not Found',
  });
}

export function groupMappingRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
) {
  const { store, config } = context;

  app.get(COLLECTION, async (request) => {
    const scope = 'group-mappings';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return terseListEnvelope(context, {
      kind: 'GroupMappingList',
      baseUrl: resources.baseUrl,
      path: COLLECTION,
      scope,
      size,
      page: store.groupMappings.list(cursor, size),
      render: (mapping) => groupMappingResource(mapping, resources),
    });
  });

  app.post(COLLECTION, async (request, reply) => {
    const body = parseBody(groupMappingCreateBodySchema, request.body);
    throwIfAny(dialectFilterErrors(config, body.filter, 'group-mapping'));
    const resources = resourceContext(context, request);
    const mapping = store.transaction(() => {
      requireUnderQuota(
        'group_mappings_per_org',
        config.quotas.groupMappingsPerOrg,
        store.groupMappings.count(),
      );
      return store.groupMappings.insert({
        displayName: body.display_name,
        description: body.description,
        filter: body.filter,
      });
    });
    replyCreated(reply, resources.baseUrl, groupMappingPath(mapping.id));
    return groupMappingResource(mapping, resources);
  });

  app.get<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const mapping = store.groupMappings.get(request.params.id);
    if (!mapping) throw groupMappingNotFound(request.params.id);
    return groupMappingResource(mapping, resourceContext(context, request));
  });

  // Partial: `id`, `principal` and `state` in the body (the CLI sends
  // `id`) drop out with every other field the schema does not name.
  app.patch<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const { id } = request.params;
    if (!store.groupMappings.get(id)) throw groupMappingNotFound(id);
    const body = parseBody(groupMappingUpdateBodySchema, request.body);
    throwIfAny(dialectFilterErrors(config, body.filter, 'group-mapping'));
    const updated = store.groupMappings.update(id, {
      ...(body.display_name !== undefined && {
        displayName: body.display_name,
      }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.filter !== undefined && { filter: body.filter }),
    });
    if (!updated) throw groupMappingNotFound(id);
    return groupMappingResource(updated, resourceContext(context, request));
  });

  app.delete<{ Params: IdParams }>(
    `${COLLECTION}/:id`,
    async (request, reply) => {
      const { id } = request.params;
      const { orgId } = resourceContext(context, request);
      // The bindings it holds go with it, as a deleted pool's do
      // (docs/decisions/015): kept, they would name a principal that no
      // longer exists, where no screen could find them.
      store.transaction(() => {
        if (!store.groupMappings.delete(id)) throw groupMappingNotFound(id);
        store.roleBindings.deleteFor(`User:${id}`, groupMappingCrn(orgId, id));
      });
      return reply.code(204).send();
    },
  );
}
