import type { FastifyInstance } from 'fastify';
import {
  jwksRefreshBodySchema,
  providerCreateBodySchema,
  providerUpdateBodySchema,
  testProviderBodySchemas,
} from '#contract/bodies.ts';
import { inclusiveCrnQuery } from '#contract/crn.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import { listEnvelope, readPaging } from '../paging.ts';
import { conflict, notFound, requireUnderQuota } from '../problems.ts';
import { replyCreated } from './created.ts';
import {
  jwksResource,
  providerCrn,
  providerPath,
  providerResource,
} from '../resources.ts';
import type { ProviderRecord } from '../store.ts';
import {
  identityClaimErrors,
  jwksUriErrors,
  parseBody,
  throwIfAny,
} from '../validation.ts';

const DEFAULT_IDENTITY_CLAIM = 'claims.sub';
const COLLECTION = '/iam/v2/identity-providers';

type IdParams = { id: string };

export function providerNotFound(context: EmulatorContext, id: string) {
  // The live service's wording (a recorded Terraform fixture).
  return notFound(
    `Identity Provider ${id} not found or disabled for Organization ${context.config.orgId}`,
  );
}

function requireProvider(context: EmulatorContext, id: string): ProviderRecord {
  const provider = context.store.getProvider(id);
  if (!provider) throw providerNotFound(context, id);
  return provider;
}

function rejectDuplicateIssuer(
  context: EmulatorContext,
  baseUrl: string,
  issuer: string | undefined,
  self?: string,
): void {
  if (issuer === undefined) return;
  const existing = context.store.findProviderByIssuer(issuer);
  if (existing && existing.id !== self) {
    throw conflict(
      `An identity provider with the same issuer already exists: ${existing.id} (${existing.displayName})`,
      `${baseUrl}${providerPath(existing.id)}`,
    );
  }
}

export function providerRoutes(app: FastifyInstance, context: EmulatorContext) {
  const { store, config, jwks } = context;
  // Under control, tests may register an identity provider they run on
  // loopback over plain http; otherwise https only, as on the live service.
  const bodies = config.control
    ? testProviderBodySchemas
    : { create: providerCreateBodySchema, update: providerUpdateBodySchema };

  app.get(COLLECTION, async (request) => {
    const scope = 'providers';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'IdentityProviderList',
      baseUrl: resources.baseUrl,
      path: COLLECTION,
      scope,
      size,
      cursor,
      page: store.listProviders(cursor, size),
      total: store.countProviders(),
      render: (provider) => providerResource(provider, resources),
    });
  });

  app.post(COLLECTION, async (request, reply) => {
    const body = parseBody(bodies.create, request.body);
    throwIfAny([
      ...identityClaimErrors(config, body.identity_claim),
      ...jwksUriErrors(config, body.jwks_uri),
    ]);
    const resources = resourceContext(context, request);
    const provider = store.transaction(() => {
      rejectDuplicateIssuer(context, resources.baseUrl, body.issuer);
      requireUnderQuota(
        'identity_providers_per_org',
        config.quotas.providersPerOrg,
        store.countProviders(),
      );
      return store.insertProvider({
        displayName: body.display_name,
        description: body.description,
        issuer: body.issuer,
        jwksUri: body.jwks_uri,
        identityClaim: body.identity_claim ?? DEFAULT_IDENTITY_CLAIM,
      });
    });
    replyCreated(reply, resources.baseUrl, providerPath(provider.id));
    return providerResource(provider, resources);
  });

  app.get<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) =>
    providerResource(
      requireProvider(context, request.params.id),
      resourceContext(context, request),
    ),
  );

  app.patch<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const { id } = request.params;
    requireProvider(context, id);
    const body = parseBody(bodies.update, request.body);
    throwIfAny([
      ...identityClaimErrors(config, body.identity_claim),
      ...jwksUriErrors(config, body.jwks_uri),
    ]);
    const resources = resourceContext(context, request);
    const updated = store.transaction(() => {
      rejectDuplicateIssuer(context, resources.baseUrl, body.issuer, id);
      return store.updateProvider(id, {
        ...(body.display_name !== undefined && {
          displayName: body.display_name,
        }),
        ...(body.description !== undefined && {
          description: body.description,
        }),
        ...(body.issuer !== undefined && { issuer: body.issuer }),
        ...(body.jwks_uri !== undefined && { jwksUri: body.jwks_uri }),
        ...(body.identity_claim !== undefined && {
          identityClaim: body.identity_claim,
        }),
      });
    });
    if (!updated) throw providerNotFound(context, id);
    jwks.forget(id);
    return providerResource(updated, resources);
  });

  app.delete<{ Params: IdParams }>(
    `${COLLECTION}/:id`,
    async (request, reply) => {
      const { id } = request.params;
      const { orgId } = resourceContext(context, request);
      // A provider's pools go with it (docs/decisions/002), and so do their
      // role bindings (docs/decisions/015).
      store.transaction(() => {
        store.roleBindings.deleteForProvider(
          id,
          inclusiveCrnQuery(providerCrn(orgId, id)),
        );
        if (!store.deleteProvider(id)) throw providerNotFound(context, id);
      });
      jwks.forget(id);
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: { provider_id: string } }>(
    `${COLLECTION}/:provider_id/jwks`,
    async (request) => {
      const provider = requireProvider(context, request.params.provider_id);
      parseBody(jwksRefreshBodySchema, request.body);
      const reachable = jwksUriErrors(config, provider.jwksUri).length === 0;
      const refreshed = store.refreshJwks(
        provider.id,
        reachable ? 'REFRESHED' : 'ERROR_FETCHING_JWKS',
      );
      if (!refreshed) throw providerNotFound(context, provider.id);
      // The STS reads the keys again at its next exchange for this provider.
      jwks.forget(provider.id);
      return jwksResource(refreshed);
    },
  );
}
