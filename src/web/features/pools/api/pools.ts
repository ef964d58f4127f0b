import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';

export type Pool = components['schemas']['IdentityPool'];
export type PoolList = components['schemas']['IdentityPoolList'];
export type PoolCreateBody = components['schemas']['IdentityPoolCreate'];
export type PoolUpdateBody = components['schemas']['IdentityPoolUpdate'];

export type PoolListParams = {
  providerId: string;
  pageSize: number;
  pageToken?: string;
};

export async function listPools(
  { providerId, pageSize, pageToken }: PoolListParams,
  signal?: AbortSignal,
): Promise<PoolList> {
  const { data } = await api().GET(
    '/iam/v2/identity-providers/{provider_id}/identity-pools',
    {
      params: {
        path: { provider_id: providerId },
        query: { page_size: pageSize, page_token: pageToken },
      },
      signal,
    },
  );
  return data!;
}

export async function getPool(
  providerId: string,
  poolId: string,
  signal?: AbortSignal,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Pool> {
  const { data } = await api().GET(
    '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    {
      params: { path: { provider_id: providerId, id: poolId } },
      signal,
      // What the server has now, past any HTTP cache (a save's conflict check).
      ...(fresh ? { cache: 'no-store' as const } : {}),
    },
  );
  return data!;
}

/** The pool's version: `metadata.updated_at`, which every change moves. */
export function poolVersionOf(pool: Pool): string | undefined {
  return pool.metadata?.updated_at;
}

/** A new pool's body, and the principal to make its ResourceOwner, if any. */
export type PoolCreateInput = PoolCreateBody & {
  /** A principal id (`u-…` from the picker); empty or absent is no owner. */
  assigned_resource_owner?: string;
};

export async function createPool(
  providerId: string,
  {
    display_name,
    description,
    identity_claim,
    filter,
    assigned_resource_owner: owner,
  }: PoolCreateInput,
): Promise<Pool> {
  // The owner is a query parameter, not a field of the body (docs/confluent-api.md §3.2).
  const body: PoolCreateBody = {
    display_name,
    description,
    identity_claim,
    filter,
  };
  const { data } = await api().POST(
    '/iam/v2/identity-providers/{provider_id}/identity-pools',
    {
      params: {
        path: { provider_id: providerId },
        query: owner ? { assigned_resource_owner: owner } : undefined,
      },
      body,
    },
  );
  return data!;
}

export async function updatePool(
  providerId: string,
  poolId: string,
  body: PoolUpdateBody,
): Promise<Pool> {
  const { data } = await api().PATCH(
    '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    { params: { path: { provider_id: providerId, id: poolId } }, body },
  );
  return data!;
}

export async function deletePool(
  providerId: string,
  poolId: string,
): Promise<void> {
  await api().DELETE(
    '/iam/v2/identity-providers/{provider_id}/identity-pools/{id}',
    { params: { path: { provider_id: providerId, id: poolId } } },
  );
}
