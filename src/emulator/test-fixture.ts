import { expect, onTestFinished } from 'vitest';
import type { EmulatorConfigOverrides } from './config.ts';
import { startTestEmulator, type TestEmulator } from './test-server.ts';

/** An emulator that lives exactly as long as the current test. */
export async function emulatorForTest(
  overrides: EmulatorConfigOverrides = {},
): Promise<TestEmulator> {
  const emulator = await startTestEmulator(overrides);
  onTestFinished(() => emulator.close());
  return emulator;
}

export const GOOGLE_ISSUER = 'https://accounts.google.com';

export type Json = Record<string, unknown> & {
  errors?: {
    status: string;
    code?: string;
    detail: string;
    source?: { pointer?: string; parameter?: string };
  }[];
};

export async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** POSTs `body` to `collection`, expects 201, and returns what was made. */
export async function createOk(
  emulator: TestEmulator,
  collection: string,
  body: unknown,
): Promise<Json> {
  const response = await emulator.call('POST', collection, { body });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(
    201,
  );
  return json(response);
}

/**
 * Checks a create's answer as every resource's is written: 201, an id of
 * the right shape, and `Location` at `collection/id`. The resource and its
 * id, for the test's own checks of the body.
 */
export async function expectCreated(
  emulator: TestEmulator,
  response: Response,
  collection: string,
  idPattern: RegExp,
): Promise<{ resource: Json; id: string }> {
  expect(response.status).toBe(201);
  const resource = await json(response);
  const id = String(resource.id);
  expect(id).toMatch(idPattern);
  expect(response.headers.get('location')).toBe(
    `${emulator.url}${collection}/${id}`,
  );
  return { resource, id };
}

/** The first provider of the demo seed with the given issuer (host match). */
export async function providerIdByIssuer(
  emulator: TestEmulator,
  issuerPart: string,
): Promise<string> {
  const list = await json(
    await emulator.call('GET', '/iam/v2/identity-providers?page_size=100'),
  );
  const data = list.data as { id: string; issuer: string }[];
  const provider = data.find((p) => p.issuer.includes(issuerPart));
  if (!provider) throw new Error(`no demo provider with issuer ${issuerPart}`);
  return provider.id;
}

/** The id of the demo seed's group mapping with this display name. */
export async function groupMappingIdByName(
  emulator: TestEmulator,
  displayName: string,
): Promise<string> {
  const list = await json(
    await emulator.call('GET', '/iam/v2/sso/group-mappings?page_size=100'),
  );
  const data = list.data as { id: string; display_name: string }[];
  const mapping = data.find((each) => each.display_name === displayName);
  if (!mapping) throw new Error(`no demo group mapping ${displayName}`);
  return mapping.id;
}

/** metadata.updated_at of a resource; RFC 3339 in UTC, so strings order like times. */
export function updatedAt(resource: Json): string {
  return String((resource.metadata as { updated_at?: unknown }).updated_at);
}

/** Each error's detail keyed by its source.pointer, as a form would show them. */
export async function detailsByPointer(
  response: Response,
): Promise<Record<string, string>> {
  const body = await json(response);
  return Object.fromEntries(
    (body.errors ?? []).map((e) => [e.source?.pointer ?? '', e.detail]),
  );
}

export const ROLE_BINDINGS = '/iam/v2/role-bindings';

type Named = { id: string; display_name?: string };
type DemoCluster = Named & {
  metadata: { resource_name: string };
  spec: { display_name: string; config: { kind: string } };
};

/**
 * The demo directory as the API shows it: the organization's CRN, the
 * environments by name, the clusters by name, the users by e-mail, and
 * the CRN each scope of a grant would use.
 */
export async function demoDirectory(emulator: TestEmulator) {
  const get = async (path: string) =>
    (await json(await emulator.call('GET', path))).data as unknown[];
  const environments = (await get(
    '/org/v2/environments?page_size=100',
  )) as Named[];
  const envByName = Object.fromEntries(
    environments.map((environment) => [
      environment.display_name!,
      environment.id,
    ]),
  );
  const clusters: DemoCluster[] = [];
  for (const environment of environments) {
    clusters.push(
      ...((await get(
        `/cmk/v2/clusters?environment=${environment.id}&page_size=100`,
      )) as DemoCluster[]),
    );
  }
  const clusterByName = Object.fromEntries(
    clusters.map((cluster) => [cluster.spec.display_name, cluster]),
  );
  const users = (await get('/iam/v2/users?page_size=100')) as (Named & {
    email: string;
  })[];
  const org = `crn://confluent.cloud/organization=${emulator.config.orgId}`;
  const cluster = (name: string) => {
    const found = clusterByName[name];
    if (!found) throw new Error(`no demo cluster ${name}`);
    return found;
  };
  /** `…/cloud-cluster=lkc-…` of a cluster, by name. */
  const clusterCrn = (name: string) =>
    cluster(name).metadata.resource_name.replace(/\/kafka=[^/]+$/, '');
  return {
    org,
    environment: (name: string) => `${org}/environment=${envByName[name]!}`,
    environmentId: (name: string) => envByName[name]!,
    cluster,
    clusterCrn,
    /** A topic, group or transactional id of a cluster, by name. */
    inKafka: (name: string, resource: string) =>
      `${cluster(name).metadata.resource_name}/${resource}`,
    userId: (email: string) => {
      const user = users.find((each) => each.email === email);
      if (!user) throw new Error(`no demo user ${email}`);
      return user.id;
    },
    users,
  };
}
