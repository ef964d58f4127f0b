import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';

export type CertificatePool = components['schemas']['CertificateIdentityPool'];
export type CertificatePoolList =
  components['schemas']['CertificateIdentityPoolList'];
export type CertificatePoolWrite =
  components['schemas']['CertificateIdentityPoolWrite'];

export type CertificatePoolListParams = {
  caId: string;
  pageSize: number;
  pageToken?: string;
};

const POOLS =
  '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools';
const POOL = `${POOLS}/{id}` as const;

export async function listCertificatePools(
  { caId, pageSize, pageToken }: CertificatePoolListParams,
  signal?: AbortSignal,
): Promise<CertificatePoolList> {
  const { data } = await api().GET(POOLS, {
    params: {
      path: { certificate_authority_id: caId },
      query: { page_size: pageSize, page_token: pageToken },
    },
    signal,
  });
  return data!;
}

export async function getCertificatePool(
  caId: string,
  poolId: string,
  signal?: AbortSignal,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<CertificatePool> {
  const { data } = await api().GET(POOL, {
    params: { path: { certificate_authority_id: caId, id: poolId } },
    signal,
    // What the server has now, past any HTTP cache (a save's version check).
    ...(fresh ? { cache: 'no-store' as const } : {}),
  });
  return data!;
}

/** A new pool's body, and the principal to make its ResourceOwner, if any. */
export type CertificatePoolCreateInput = CertificatePoolWrite & {
  /** A principal id (`u-…`); empty or absent is no owner. */
  assigned_resource_owner?: string;
};

export async function createCertificatePool(
  caId: string,
  {
    display_name,
    description,
    external_identifier,
    filter,
    assigned_resource_owner: owner,
  }: CertificatePoolCreateInput,
): Promise<CertificatePool> {
  // The owner is a query parameter, not a field of the body.
  const body: CertificatePoolWrite = {
    display_name,
    description,
    external_identifier,
    filter,
  };
  const { data } = await api().POST(POOLS, {
    params: {
      path: { certificate_authority_id: caId },
      query: owner ? { assigned_resource_owner: owner } : undefined,
    },
    body,
  });
  return data!;
}

/** A full replacement (there is no PATCH): all four writable fields. */
export async function replaceCertificatePool(
  caId: string,
  poolId: string,
  body: CertificatePoolWrite,
): Promise<CertificatePool> {
  const { data } = await api().PUT(POOL, {
    params: { path: { certificate_authority_id: caId, id: poolId } },
    body,
  });
  return data!;
}

export async function deleteCertificatePool(
  caId: string,
  poolId: string,
): Promise<void> {
  await api().DELETE(POOL, {
    params: { path: { certificate_authority_id: caId, id: poolId } },
  });
}

/** The pool's version: `metadata.updated_at`, which every change moves. */
export function certificatePoolVersionOf(
  pool: CertificatePool,
): string | undefined {
  return pool.metadata?.updated_at;
}
