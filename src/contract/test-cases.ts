import type { z } from 'zod';
import type { testCaseInputSchema } from './test-case-input.ts';

/**
 * A recorded claim set and whether the pool's filter should match it: the
 * regression tests an administrator keeps for a pool (Lifeguard's own API,
 * under /api/lifeguard, not Confluent's). Checked by
 * {@link testCaseInputSchema}.
 */
export type TestCaseInput = z.infer<typeof testCaseInputSchema>;

export type TestCase = TestCaseInput & {
  id: string;
  providerId: string;
  poolId: string;
  createdAt: string;
};

/** Paths of Lifeguard's own API, which never collide with upstream paths. */
export const LIFEGUARD_API = {
  testCases: (providerId: string, poolId: string) =>
    `/api/lifeguard/providers/${providerId}/pools/${poolId}/test-cases`,
  testCase: (providerId: string, poolId: string, id: string) =>
    `/api/lifeguard/providers/${providerId}/pools/${poolId}/test-cases/${id}`,
} as const;
