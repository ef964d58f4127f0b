import { z } from 'zod';

/** Largest claims object a test case may hold, as JSON text. */
export const TEST_CASE_CLAIMS_MAX_BYTES = 16 * 1024;

/**
 * A recorded claim set and whether the pool's filter should match it: the
 * regression tests an administrator keeps for a pool (Lifeguard's own API,
 * under /api/lifeguard, not Confluent's).
 */
export const testCaseInputSchema = z.object({
  name: z
    .string({ error: 'name is required' })
    .refine((value) => value.trim().length > 0, {
      error: 'name must not be empty',
    })
    .refine((value) => value.length <= 100, {
      error: 'name must be at most 100 characters',
    }),
  claims: z
    .record(z.string(), z.unknown(), {
      error: 'claims must be a JSON object of token claims',
    })
    .refine(
      (claims) => JSON.stringify(claims).length <= TEST_CASE_CLAIMS_MAX_BYTES,
      {
        error: `claims must be at most ${TEST_CASE_CLAIMS_MAX_BYTES / 1024} KiB of JSON`,
      },
    ),
  expected: z.enum(['match', 'no-match'], {
    error: 'expected must be "match" or "no-match"',
  }),
});
