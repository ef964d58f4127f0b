import type { TestCase, TestCaseInput } from '#contract/test-cases.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type { TestCase, TestCaseInput };

const TEST_CASES =
  '/api/lifeguard/providers/{providerId}/pools/{poolId}/test-cases';

export async function listTestCases(
  providerId: string,
  poolId: string,
  signal?: AbortSignal,
): Promise<TestCase[]> {
  const { data } = await lifeguardApi().GET(TEST_CASES, {
    params: { path: { providerId, poolId } },
    signal,
  });
  return data!.data;
}

export async function createTestCase(
  providerId: string,
  poolId: string,
  input: TestCaseInput,
): Promise<TestCase> {
  const { data } = await lifeguardApi().POST(TEST_CASES, {
    params: { path: { providerId, poolId } },
    body: input,
  });
  return data!;
}

export async function deleteTestCase(
  providerId: string,
  poolId: string,
  id: string,
): Promise<void> {
  await lifeguardApi().DELETE(`${TEST_CASES}/{id}`, {
    params: { path: { providerId, poolId, id } },
  });
}
