import type { components } from '#contract/schema.d.ts';
import { api } from '@/lib/api-client.ts';

export type GroupMapping = components['schemas']['GroupMapping'];
export type GroupMappingList = components['schemas']['GroupMappingList'];
export type GroupMappingCreateBody =
  components['schemas']['GroupMappingCreate'];
export type GroupMappingUpdateBody =
  components['schemas']['GroupMappingUpdate'];

export type GroupMappingListParams = {
  pageSize: number;
  pageToken?: string;
};

export async function listGroupMappings(
  { pageSize, pageToken }: GroupMappingListParams,
  signal?: AbortSignal,
): Promise<GroupMappingList> {
  const { data } = await api().GET('/iam/v2/sso/group-mappings', {
    params: { query: { page_size: pageSize, page_token: pageToken } },
    signal,
  });
  return data!;
}

export async function getGroupMapping(
  id: string,
  signal?: AbortSignal,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<GroupMapping> {
  const { data } = await api().GET('/iam/v2/sso/group-mappings/{id}', {
    params: { path: { id } },
    signal,
    // What the server has now, past any HTTP cache (a save's conflict check).
    ...(fresh ? { cache: 'no-store' as const } : {}),
  });
  return data!;
}

/** The mapping's version: `metadata.updated_at`, which every change moves. */
export function groupMappingVersionOf(
  mapping: GroupMapping,
): string | undefined {
  return mapping.metadata?.updated_at;
}

export async function createGroupMapping(
  body: GroupMappingCreateBody,
): Promise<GroupMapping> {
  const { data } = await api().POST('/iam/v2/sso/group-mappings', { body });
  return data!;
}

/** A partial update (PATCH): only the fields in `body` change. */
export async function updateGroupMapping(
  id: string,
  body: GroupMappingUpdateBody,
): Promise<GroupMapping> {
  const { data } = await api().PATCH('/iam/v2/sso/group-mappings/{id}', {
    params: { path: { id } },
    body,
  });
  return data!;
}

/** Answers 204 without a body. */
export async function deleteGroupMapping(id: string): Promise<void> {
  await api().DELETE('/iam/v2/sso/group-mappings/{id}', {
    params: { path: { id } },
  });
}
