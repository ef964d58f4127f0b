import type { FastifyInstance } from 'fastify';
import {
  certificatePoolBodySchema,
  type CertificatePoolBody,
} from '#contract/bodies.ts';
import { inclusiveCrnQuery } from '#contract/crn.ts';
import type { CertificatePoolFields } from '../certificate-pool-store.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import {
  certificatePoolCrn,
  certificatePoolPath,
  certificatePoolResource,
} from '../federation-resources.ts';
import { listEnvelope, readPaging } from '../paging.ts';
import { notFoundFailure } from '../problems.ts';
import { dialectFilterErrors, parseBody, throwIfAny } from '../validation.ts';
import { requireCertificateAuthority } from './certificate-authorities.ts';
import { replyCreated } from './created.ts';
import { createOwnedPool, readResourceOwner } from './resource-owner.ts';

const COLLECTION =
  '/iam/v2/certificate-authorities/:certificate_authority_id/identity-pools';

type CollectionParams = { certificate_authority_id: string };
type ItemParams = CollectionParams & { id: string };

// Also the answer for a pool asked for under another authority than its own.
function certificatePoolNotFound(id: string) {
  return notFoundFailure(`Certificate identity pool ${id} not found`);
}

// Create and PUT take the same four fields; a PUT without one of them is a
// 422 naming it, since both real clients always send all four
// (docs/decisions/018).
function poolFields(
  context: EmulatorContext,
  body: unknown,
): CertificatePoolFields {
  const parsed: CertificatePoolBody = parseBody(
    certificatePoolBodySchema,
    body,
  );
  throwIfAny(
    dialectFilterErrors(context.config, parsed.filter, 'certificate-pool'),
  );
  return {
    displayName: parsed.display_name,
    description: parsed.description,
    externalIdentifier: parsed.external_identifier,
    filter: parsed.filter,
  };
}

export function certificatePoolRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
) {
  const { store, config } = context;

  app.get<{ Params: CollectionParams }>(COLLECTION, async (request) => {
    const authority = requireCertificateAuthority(
      context,
      request.params.certificate_authority_id,
    );
    const scope = `certificate-pools:${authority.id}`;
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'CertificateIdentityPoolList',
      baseUrl: resources.baseUrl,
      path: `/iam/v2/certificate-authorities/${authority.id}/identity-pools`,
      scope,
      size,
      cursor,
      page: store.certificatePools.list(authority.id, cursor, size),
      total: store.certificatePools.count(authority.id),
      render: (pool) => certificatePoolResource(pool, resources),
    });
  });

  app.post<{ Params: CollectionParams }>(COLLECTION, async (request, reply) => {
    const authority = requireCertificateAuthority(
      context,
      request.params.certificate_authority_id,
    );
    const owner = readResourceOwner(request);
    const fields = poolFields(context, request.body);
    const resources = resourceContext(context, request);
    const pool = createOwnedPool(
      store,
      owner,
      {
        name: 'identity_pools_per_certificate_authority',
        limit: config.quotas.poolsPerCertificateAuthority,
        used: () => store.certificatePools.count(authority.id),
      },
      () => store.certificatePools.insert(authority.id, fields),
      (created) =>
        certificatePoolCrn(resources.orgId, authority.id, created.id),
    );
    replyCreated(
      reply,
      resources.baseUrl,
      certificatePoolPath(authority.id, pool.id),
    );
    return certificatePoolResource(pool, resources);
  });

  app.get<{ Params: ItemParams }>(`${COLLECTION}/:id`, async (request) => {
    const { certificate_authority_id: authorityId, id } = request.params;
    requireCertificateAuthority(context, authorityId);
    const pool = store.certificatePools.get(authorityId, id);
    if (!pool) throw certificatePoolNotFound(id);
    return certificatePoolResource(pool, resourceContext(context, request));
  });

  // Replaces the four writable fields; read-only ones in the body (the
  // CLI sends `id`) drop out.
  app.put<{ Params: ItemParams }>(`${COLLECTION}/:id`, async (request) => {
    const { certificate_authority_id: authorityId, id } = request.params;
    requireCertificateAuthority(context, authorityId);
    if (!store.certificatePools.get(authorityId, id)) {
      throw certificatePoolNotFound(id);
    }
    const fields = poolFields(context, request.body);
    const updated = store.certificatePools.replace(authorityId, id, fields);
    if (!updated) throw certificatePoolNotFound(id);
    return certificatePoolResource(updated, resourceContext(context, request));
  });

  // 200 with the pool, as the spec says; its role bindings go with it,
  // those it holds and those on it (docs/decisions/015).
  app.delete<{ Params: ItemParams }>(`${COLLECTION}/:id`, async (request) => {
    const { certificate_authority_id: authorityId, id } = request.params;
    requireCertificateAuthority(context, authorityId);
    const resources = resourceContext(context, request);
    const deleted = store.transaction(() => {
      const pool = store.certificatePools.get(authorityId, id);
      if (!pool) throw certificatePoolNotFound(id);
      store.certificatePools.delete(authorityId, id);
      store.roleBindings.deleteFor(
        `User:${id}`,
        inclusiveCrnQuery(certificatePoolCrn(resources.orgId, authorityId, id)),
      );
      return pool;
    });
    return certificatePoolResource(deleted, resources);
  });
}
