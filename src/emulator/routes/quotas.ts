import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { QUOTA_PAGE_SIZE } from '#contract/bodies.ts';
import {
  appliedQuotaResource,
  appliedQuotas,
  parseQuotaScope,
  QUOTA_SCOPES,
  type QuotaFilters,
  type QuotaScope,
} from '../applied-quotas.ts';
import { resourceContext, type EmulatorContext } from '../context.ts';
import { arrayPage } from '../keyset-page.ts';
import { listEnvelope, queryValue, readPaging } from '../paging.ts';
import { badParameter } from '../problems.ts';

const COLLECTION = '/service-quota/v1/applied-quotas';

const FILTERS = [
  'id',
  'identity_provider',
  'certificate_authority',
  'environment',
  'network',
  'kafka_cluster',
] as const satisfies readonly (keyof QuotaFilters)[];

function requiredScope(value: string | undefined): QuotaScope {
  const expected = `one of ${QUOTA_SCOPES.join(', ')} (in any case)`;
  if (value === undefined || value === '') {
    throw badParameter('scope', `scope is required: ${expected}`);
  }
  const scope = parseQuotaScope(value);
  if (!scope) {
    throw badParameter('scope', `scope must be ${expected} (got "${value}")`);
  }
  return scope;
}

// A page token belongs to one scope and one set of filters; the filters
// go in as a digest, since a token is at most 255 characters.
function listScope(scope: QuotaScope, filters: QuotaFilters): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([scope, ...FILTERS.map((name) => filters[name])]))
    .digest('base64url')
    .slice(0, 22);
  return `applied-quotas:${digest}`;
}

export function quotaRoutes(app: FastifyInstance, context: EmulatorContext) {
  app.get(COLLECTION, async (request) => {
    const scope = requiredScope(queryValue(request, 'scope'));
    // The CLI sends every filter, empty when not given: empty is none.
    const filters: QuotaFilters = {};
    for (const name of FILTERS) {
      const value = queryValue(request, name);
      if (value !== undefined && value !== '') filters[name] = value;
    }
    const tokenScope = listScope(scope, filters);
    const { size, cursor } = readPaging(
      context,
      request,
      tokenScope,
      QUOTA_PAGE_SIZE,
    );
    const resources = resourceContext(context, request);
    const quotas = appliedQuotas(context.store, resources, scope, filters);
    return listEnvelope(context, {
      apiVersion: 'service-quota/v1',
      kind: 'AppliedQuotaList',
      baseUrl: resources.baseUrl,
      path: COLLECTION,
      filters: { scope: scope.toLowerCase(), ...filters },
      scope: tokenScope,
      size,
      cursor,
      page: arrayPage(quotas, cursor, size),
      total: quotas.length,
      render: (quota) =>
        appliedQuotaResource(quota, context.config.quotas, resources),
    });
  });
}
