import type { DiscoveryResult } from '#contract/discovery.ts';
import type { components } from '#contract/schema.d.ts';
import { api, lifeguardApi } from '@/lib/api-client.ts';

export type Provider = components['schemas']['IdentityProvider'];
export type ProviderList = components['schemas']['IdentityProviderList'];
export type ProviderCreateBody =
  components['schemas']['IdentityProviderCreate'];
export type ProviderUpdateBody =
  components['schemas']['IdentityProviderUpdate'];
export type ProviderKey = components['schemas']['JwksKey'];
export type Jwks = components['schemas']['Jwks'];
export type { DiscoveryResult };

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

export async function createProvider(
  body: ProviderCreateBody,
): Promise<Provider> {
  const { data } = await api().POST('/iam/v2/identity-providers', { body });
  return data!;
}

export async function updateProvider(
  providerId: string,
  body: ProviderUpdateBody,
): Promise<Provider> {
  const { data } = await api().PATCH('/iam/v2/identity-providers/{id}', {
    params: { path: { id: providerId } },
    body,
  });
  return data!;
}

export async function deleteProvider(providerId: string): Promise<void> {
  await api().DELETE('/iam/v2/identity-providers/{id}', {
    params: { path: { id: providerId } },
  });
}

/** Asks Confluent to fetch the provider's key set now. */
export async function refreshProviderKeys(providerId: string): Promise<Jwks> {
  const { data } = await api().PATCH(
    '/iam/v2/identity-providers/{provider_id}/jwks',
    {
      params: { path: { provider_id: providerId } },
      body: { spec: { jwks_status: 'REFRESHED' } },
    },
  );
  return data!;
}

/** Lifeguard's server reads the issuer's OpenID Connect discovery document. */
export async function discoverIssuer(
  issuer: string,
  signal?: AbortSignal,
): Promise<DiscoveryResult> {
  const { data } = await lifeguardApi().GET('/api/lifeguard/discovery', {
    params: { query: { issuer } },
    signal,
  });
  return data!;
}
