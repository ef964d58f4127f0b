import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';

export type Provider = components['schemas']['IdentityProvider'];
export type ProviderList = components['schemas']['IdentityProviderList'];

export async function listProviders(
  params: { pageSize: number; pageToken?: string },
  signal?: AbortSignal,
): Promise<ProviderList> {
  const { data } = await api().GET('/iam/v2/identity-providers', {
    params: {
      query: { page_size: params.pageSize, page_token: params.pageToken },
    },
    signal,
  });
  return data!;
}

export async function getProvider(
  providerId: string,
  signal?: AbortSignal,
): Promise<Provider> {
  const { data } = await api().GET('/iam/v2/identity-providers/{id}', {
    params: { path: { id: providerId } },
    signal,
  });
  return data!;
}
