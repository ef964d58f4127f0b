import {
  LIFEGUARD_API,
  type TestCase,
  type TestCaseInput,
} from '#contract/test-cases.ts';
import { CSRF_HEADER } from '@/lib/api-client.ts';
import { ApiError, apiErrorFrom } from '@/lib/errors.ts';

export type { TestCase, TestCaseInput };

// Lifeguard's own API is not Confluent's contract, so plain fetch with the
// same error type as the typed client.
async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.method && init.method !== 'GET' ? { [CSRF_HEADER]: '1' } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0 });
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function listTestCases(
  providerId: string,
  poolId: string,
  signal?: AbortSignal,
): Promise<TestCase[]> {
  const body = await call<{ data: TestCase[] }>(
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
  return call(LIFEGUARD_API.testCases(providerId, poolId), {
    method: 'POST',
    body: JSON.stringify(input),
  });
}

export function deleteTestCase(
  providerId: string,
  poolId: string,
  id: string,
): Promise<void> {
  return call(LIFEGUARD_API.testCase(providerId, poolId, id), {
    method: 'DELETE',
  });
}
