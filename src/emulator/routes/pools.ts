import type { FastifyInstance } from 'fastify';
import {
  poolCreateBodySchema,
  poolUpdateBodySchema,
} from '#contract/bodies.ts';
import { inclusiveCrnQuery } from '#contract/crn.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import { listEnvelope, readPaging } from '../paging.ts';
import { notFound } from '../problems.ts';
import { poolCrn, poolPath, poolResource } from '../resources.ts';
import type { ProviderRecord } from '../store.ts';
import {
  filterErrors,
  identityClaimErrors,
  parseBody,
  throwIfAny,
} from '../validation.ts';
import { replyCreated } from './created.ts';
import { createOwnedPool, readResourceOwner } from './resource-owner.ts';

const COLLECTION = '/iam/v2/identity-providers/:provider_id/identity-pools';

type CollectionParams = { provider_id: string };
type ItemParams = { provider_id: string; id: string };

function requireProvider(context: EmulatorContext, id: string): ProviderRecord {
  const provider = context.store.getProvider(id);
  // The live service's wording for pool calls under a missing provider.
  if (!provider) {
    throw notFound(`Provider ${id} either doesn't exist or is not active`);
  }
  return provider;
}

function poolNotFound(id: string) {
  return notFound(`Identity Pool ${id} not found`);
}

export function poolRoutes(app: FastifyInstance, context: EmulatorContext) {
  const { store, config } = context;

  app.get<{ Params: CollectionParams }>(COLLECTION, async (request) => {
    const provider = requireProvider(context, request.params.provider_id);
    const scope = `pools:${provider.id}`;
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'IdentityPoolList',
      baseUrl: resources.baseUrl,
      path: `/iam/v2/identity-providers/${provider.id}/identity-pools`,
      scope,
      size,
      cursor,
      page: store.listPools(provider.id, cursor, size),
      total: store.countPools(provider.id),
      render: (pool) => poolResource(pool, resources),
    });
  });

  app.post<{ Params: CollectionParams }>(COLLECTION, async (request, reply) => {
    const provider = requireProvider(context, request.params.provider_id);
    const owner = readResourceOwner(request);
    const body = parseBody(poolCreateBodySchema, request.body);
    throwIfAny([
      ...identityClaimErrors(config, body.identity_claim),
      ...filterErrors(config, body.filter, provider.issuer),
    ]);
    const resources = resourceContext(context, request);
    const pool = createOwnedPool(
      store,
      owner,
      {
        name: 'identity_pools_per_provider',
        limit: config.quotas.poolsPerProvider,
        used: () => store.countPools(provider.id),
      },
      () =>
        store.insertPool(provider.id, {
          displayName: body.display_name,
          description: body.description,
          identityClaim: body.identity_claim,
          filter: body.filter,
        }),
      (created) => poolCrn(resources.orgId, provider.id, created.id),
    );
    replyCreated(reply, resources.baseUrl, poolPath(provider.id, pool.id));
    return poolResource(pool, resources);
  });

  app.get<{ Params: ItemParams }>(`${COLLECTION}/:id`, async (request) => {
    const provider = requireProvider(context, request.params.provider_id);
    const pool = store.getPool(provider.id, request.params.id);
    if (!pool) throw poolNotFound(request.params.id);
    return poolResource(pool, resourceContext(context, request));
  });

  app.patch<{ Params: ItemParams }>(`${COLLECTION}/:id`, async (request) => {
    const provider = requireProvider(context, request.params.provider_id);
    const { id } = request.params;
    if (!store.getPool(provider.id, id)) throw poolNotFound(id);
    const body = parseBody(poolUpdateBodySchema, request.body);
    throwIfAny([
      ...identityClaimErrors(config, body.identity_claim),
      ...filterErrors(config, body.filter, provider.issuer),
    ]);
    const updated = store.updatePool(provider.id, id, {
      ...(body.display_name !== undefined && {
        displayName: body.display_name,
      }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.identity_claim !== undefined && {
        identityClaim: body.identity_claim,
      }),
      ...(body.filter !== undefined && { filter: body.filter }),
    });
    if (!updated) throw poolNotFound(id);
    return poolResource(updated, resourceContext(context, request));
  });

  app.delete<{ Params: ItemParams }>(
    `${COLLECTION}/:id`,
    async (request, reply) => {
      const provider = requireProvider(context, request.params.provider_id);
      const { id } = request.params;
      const { orgId } = resourceContext(context, request);
      // Its role bindings go with it, those it holds and those on it, as a
      // deleted user's do (docs/decisions/015).
      store.transaction(() => {
        if (!store.deletePool(provider.id, id)) throw poolNotFound(id);
        store.roleBindings.deleteFor(
          `User:${id}`,
          inclusiveCrnQuery(poolCrn(orgId, provider.id, id)),
        );
      });
      return reply.code(204).send();
    },
  );
}
