import type { FastifyInstance } from 'fastify';
import {
  certificateAuthorityCreateBodySchema,
  certificateAuthorityUpdateBodySchema,
} from '#contract/bodies.ts';
import { inclusiveCrnQuery } from '#contract/crn.ts';
import { certificateAuthorityFields } from '../certificate-authority-fields.ts';
import type { CertificateAuthorityRecord } from '../certificate-authority-store.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import {
  certificateAuthorityCrn,
  certificateAuthorityPath,
  certificateAuthorityResource,
} from '../federation-resources.ts';
import { listEnvelope, readPaging } from '../paging.ts';
import { notFoundFailure, requireUnderQuota } from '../problems.ts';
import { replyCreated } from './created.ts';
import { parseBody } from '../validation.ts';

const COLLECTION = '/iam/v2/certificate-authorities';

// A chain of four certificates is a few KiB, but an uploaded CRL of a busy
// CA can run to hundreds; the emulator's 64 KiB default would refuse it.
export const CERTIFICATE_AUTHORITY_BODY_LIMIT = 1024 * 1024;

type IdParams = { id: string };

export function certificateAuthorityNotFound(id: string) {
  return notFoundFailure(`Certificate authority ${id} not found`);
}

/** The authority, or the 404 every route under it answers. */
export function requireCertificateAuthority(
  context: EmulatorContext,
  id: string,
): CertificateAuthorityRecord {
  const authority = context.store.certificateAuthorities.get(id);
  if (!authority) throw certificateAuthorityNotFound(id);
  return authority;
}

export function certificateAuthorityRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
) {
  const { store, config } = context;
  const now = () => store.now();

  app.get(COLLECTION, async (request) => {
    const scope = 'certificate-authorities';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'CertificateAuthorityList',
      baseUrl: resources.baseUrl,
      path: COLLECTION,
      scope,
      size,
      cursor,
      page: store.certificateAuthorities.list(cursor, size),
      total: store.certificateAuthorities.count(),
      render: (authority) => certificateAuthorityResource(authority, resources),
    });
  });

  app.post(
    COLLECTION,
    { bodyLimit: CERTIFICATE_AUTHORITY_BODY_LIMIT },
    async (request, reply) => {
      const body = parseBody(
        certificateAuthorityCreateBodySchema,
        request.body,
      );
      const fields = certificateAuthorityFields(body, undefined, now);
      const resources = resourceContext(context, request);
      const authority = store.transaction(() => {
        requireUnderQuota(
          'certificate_authorities_per_org',
          config.quotas.certificateAuthoritiesPerOrg,
          store.certificateAuthorities.count(),
        );
        return store.certificateAuthorities.insert(fields);
      });
      replyCreated(
        reply,
        resources.baseUrl,
        certificateAuthorityPath(authority.id),
      );
      return certificateAuthorityResource(authority, resources);
    },
  );

  app.get<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) =>
    certificateAuthorityResource(
      requireCertificateAuthority(context, request.params.id),
      resourceContext(context, request),
    ),
  );

  app.put<{ Params: IdParams }>(
    `${COLLECTION}/:id`,
    { bodyLimit: CERTIFICATE_AUTHORITY_BODY_LIMIT },
    async (request) => {
      const { id } = request.params;
      const current = requireCertificateAuthority(context, id);
      const body = parseBody(
        certificateAuthorityUpdateBodySchema,
        request.body,
      );
      const fields = certificateAuthorityFields(body, current, now);
      const updated = store.certificateAuthorities.replace(id, fields);
      if (!updated) throw certificateAuthorityNotFound(id);
      return certificateAuthorityResource(
        updated,
        resourceContext(context, request),
      );
    },
  );

  // 200 with the authority, as the spec says. Its certificate pools go
  // with it, as a provider's pools do, and so do the role bindings they
  // hold and those on it and them (docs/decisions/018).
  app.delete<{ Params: IdParams }>(`${COLLECTION}/:id`, async (request) => {
    const { id } = request.params;
    const resources = resourceContext(context, request);
    const deleted = store.transaction(() => {
      const authority = requireCertificateAuthority(context, id);
      store.roleBindings.deleteForCertificateAuthority(
        id,
        inclusiveCrnQuery(certificateAuthorityCrn(resources.orgId, id)),
      );
      store.certificateAuthorities.delete(id);
      return authority;
    });
    return certificateAuthorityResource(deleted, resources);
  });
}
