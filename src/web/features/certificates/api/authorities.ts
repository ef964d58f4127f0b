import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';

export type CertificateAuthority =
  components['schemas']['CertificateAuthority'];
export type CertificateAuthorityList =
  components['schemas']['CertificateAuthorityList'];
export type CertificateAuthorityWrite =
  components['schemas']['CertificateAuthorityWrite'];

export type AuthorityListParams = { pageSize: number; pageToken?: string };

export async function listAuthorities(
  { pageSize, pageToken }: AuthorityListParams,
  signal?: AbortSignal,
): Promise<CertificateAuthorityList> {
  const { data } = await api().GET('/iam/v2/certificate-authorities', {
    params: { query: { page_size: pageSize, page_token: pageToken } },
    signal,
  });
  return data!;
}

export async function getAuthority(
  caId: string,
  signal?: AbortSignal,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<CertificateAuthority> {
  const { data } = await api().GET('/iam/v2/certificate-authorities/{id}', {
    params: { path: { id: caId } },
    signal,
    // What the server has now, past any HTTP cache (a save's version check).
    ...(fresh ? { cache: 'no-store' as const } : {}),
  });
  return data!;
}

export async function createAuthority(
  body: CertificateAuthorityWrite,
): Promise<CertificateAuthority> {
  const { data } = await api().POST('/iam/v2/certificate-authorities', {
    body,
  });
  return data!;
}

/**
 * A full replacement (there is no PATCH): the body carries every writable
 * field; without `certificate_chain` the service keeps the stored chain.
 */
export async function replaceAuthority(
  caId: string,
  body: CertificateAuthorityWrite,
): Promise<CertificateAuthority> {
  const { data } = await api().PUT('/iam/v2/certificate-authorities/{id}', {
    params: { path: { id: caId } },
    body,
  });
  return data!;
}

export async function deleteAuthority(caId: string): Promise<void> {
  await api().DELETE('/iam/v2/certificate-authorities/{id}', {
    params: { path: { id: caId } },
  });
}

/** The authority's version: `metadata.updated_at`, which every change moves. */
export function authorityVersionOf(
  authority: CertificateAuthority,
): string | undefined {
  return authority.metadata?.updated_at;
}
