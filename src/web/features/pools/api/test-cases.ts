import {
  LIFEGUARD_API,
  type TestCase,
  type TestCaseInput,
} from '#contract/test-cases.ts';
import { lifeguardApi } from '@/lib/api-client.ts';

export type { TestCase, TestCaseInput };

export async function listTestCases(
  providerId: string,
  poolId: string,
  signal?: AbortSignal,
): Promise<TestCase[]> {
  const body = await lifeguardApi<{ data: TestCase[] }>(
    LIFEGUARD_API.testCases(providerId, poolId),
    {
      signal,
    },
  );
  return body.data;
}

export function createTestCase(
  providerId: string,
  poolId: string,
  input: TestCaseInput,
): Promise<TestCase> {
  return lifeguardApi(LIFEGUARD_API.testCases(providerId, poolId), {
    method: 'POST',
    body: JSON.stringify(input),
  });
}

export function deleteTestCase(
  providerId: string,
  poolId: string,
  id: string,
): Promise<void> {
  return lifeguardApi(LIFEGUARD_API.testCase(providerId, poolId, id), {
    method: 'DELETE',
  });
}
