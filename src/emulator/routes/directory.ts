import type { FastifyInstance } from 'fastify';
import { resourceContext, type EmulatorContext } from '../context.ts';
import type { Cursor, Page } from '../keyset-page.ts';
import { listEnvelope, queryValue, readPaging } from '../paging.ts';
import { badParameter, forbidden } from '../problems.ts';
import {
  clusterResource,
  environmentResource,
  organizationResource,
  userResource,
} from '../resources.ts';

// A credential sees one organization, which is not a table row: paging over
// it still honours page_size and page_token like every list.
function pageOfOne<T>(
  item: T | undefined,
  cursor: Cursor,
  limit: number,
): Page<T & { seq: number }> {
  const rows =
    item === undefined ||
    ('after' in cursor ? cursor.after >= 1 : cursor.before <= 1)
      ? []
      : [{ ...item, seq: 1 }];
  return {
    rows: rows.slice(0, limit),
    hasPrevious: 'after' in cursor ? cursor.after >= 1 : false,
    hasNext: 'before' in cursor && cursor.before <= 1 && item !== undefined,
  };
}

/** The organization, its environments, clusters and users: read-only lists. */
export function directoryRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
) {
  const { directory } = context.store;

  app.get('/org/v2/organizations', async (request) => {
    const scope = 'organizations';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    const page = pageOfOne(directory.organization(), cursor, size);
    return listEnvelope(context, {
      apiVersion: 'org/v2',
      kind: 'OrganizationList',
      baseUrl: resources.baseUrl,
      path: '/org/v2/organizations',
      scope,
      size,
      cursor,
      page,
      total: directory.organization() === undefined ? 0 : 1,
      render: (organization) => organizationResource(organization, resources),
    });
  });

  app.get('/org/v2/environments', async (request) => {
    const scope = 'environments';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      apiVersion: 'org/v2',
      kind: 'EnvironmentList',
      baseUrl: resources.baseUrl,
      path: '/org/v2/environments',
      scope,
      size,
      cursor,
      page: directory.listEnvironments(cursor, size),
      total: directory.countEnvironments(),
      render: (environment) => environmentResource(environment, resources),
    });
  });

  app.get('/cmk/v2/clusters', async (request) => {
    const environmentId = queryValue(request, 'environment');
    if (!environmentId) {
      throw badParameter(
        'environment',
        'environment is required: the id of the environment whose clusters to list, e.g. env-1jrymj',
      );
    }
    // An environment the credential cannot see: no different from one
    // that does not exist (docs/decisions/015).
    if (!directory.getEnvironment(environmentId)) {
      throw forbidden(
        `Forbidden Access: environment ${environmentId} does not exist or the credential cannot see it`,
      );
    }
    const scope = `clusters:${environmentId}`;
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      apiVersion: 'cmk/v2',
      kind: 'ClusterList',
      baseUrl: resources.baseUrl,
      path: '/cmk/v2/clusters',
      filters: { environment: environmentId },
      scope,
      size,
      cursor,
      page: directory.listClusters(environmentId, cursor, size),
      total: directory.countClusters(environmentId),
      render: (cluster) => clusterResource(cluster, resources),
    });
  });

  app.get('/iam/v2/users', async (request) => {
    const scope = 'users';
    const { size, cursor } = readPaging(context, request, scope);
    const resources = resourceContext(context, request);
    return listEnvelope(context, {
      kind: 'UserList',
      baseUrl: resources.baseUrl,
      path: '/iam/v2/users',
      scope,
      size,
      cursor,
      page: directory.listUsers(cursor, size),
      total: directory.countUsers(),
      render: (user) => userResource(user, resources),
    });
  });
}
