import type { FastifyInstance } from 'fastify';
import type { FailureItem } from '#contract/errors.ts';
import { testCaseInputSchema } from '#contract/test-case-input.ts';
import { testCaseAudit, writeRecordOf } from './audit.ts';
import { API_ADMIN, API_SIGNED_IN } from './endpoint.ts';
import { fail } from './failure.ts';
import type { LifeguardStore } from './store/lifeguard-store.ts';
import type { UpstreamReader } from './upstream-read.ts';

const ID = /^[A-Za-z0-9_-]{1,255}$/;
export const TEST_CASE_LIMITS = {
  /** Test cases one pool keeps. */
  perPool: 200,
  /** Test cases of every pool together: the store cannot grow past this. */
  total: 20_000,
} as const;

type PoolParams = { providerId: string; poolId: string };

function tooMany(detail: string): FailureItem {
  return { code: 'too_many_test_cases', title: 'Conflict', detail };
}

export type TestCaseOptions = {
  store: LifeguardStore;
  /** Asks the upstream whether a pool exists before keeping its test cases. */
  readUpstream: UpstreamReader;
  limits?: { perPool: number; total: number };
};

/**
 * Test cases per pool under /api/lifeguard: named claim sets with the
 * expected result, kept on the server so a team shares them. Only for pools
 * that exist upstream, and bounded per pool and in all.
 */
export function testCaseRoutes(app: FastifyInstance, options: TestCaseOptions) {
  const { store, readUpstream } = options;
  const limits = options.limits ?? TEST_CASE_LIMITS;
  const base = '/api/lifeguard/providers/:providerId/pools/:poolId/test-cases';

  app.addHook('preValidation', async (request, reply) => {
    const params = request.params as Record<string, string>;
    if (!Object.values(params).every((value) => ID.test(value))) {
      return fail(request, reply, 404, [
        { code: 'not_found', title: 'Not Found', detail: 'No such pool.' },
      ]);
    }
  });

  app.get<{ Params: PoolParams }>(
    base,
    { config: { policy: API_SIGNED_IN } },
    async (request) => ({
      data: await store.testCases.list(
        request.params.providerId,
        request.params.poolId,
      ),
    }),
  );

  app.post<{ Params: PoolParams }>(
    base,
    {
      config: {
        policy: { ...API_ADMIN, audit: testCaseAudit('create-test-case') },
      },
    },
    async (request, reply) => {
      const { providerId, poolId } = request.params;
      const parsed = testCaseInputSchema.safeParse(request.body);
      if (!parsed.success) {
        return fail(
          request,
          reply,
          422,
          parsed.error.issues.map((issue) => ({
            code: 'invalid_configuration',
            title: 'Validation Failed',
            detail: issue.message,
            pointer: `/${issue.path.map(String).join('/')}`,
          })),
        );
      }
      if ((await store.testCases.count(providerId, poolId)) >= limits.perPool) {
        return fail(request, reply, 409, [
          tooMany(
            `A pool keeps at most ${limits.perPool} test cases; delete some first.`,
          ),
        ]);
      }
      if ((await store.testCases.countAll()) >= limits.total) {
        return fail(request, reply, 409, [
          tooMany(
            `Lifeguard keeps at most ${limits.total} test cases across all pools; delete some that are no longer needed first.`,
          ),
        ]);
      }
      const pool = await readUpstream(
        `/iam/v2/identity-providers/${providerId}/identity-pools/${poolId}`,
        request.id,
      );
      if (pool?.status === 404 || pool?.status === 403) {
        // The live service answers 403 for some resources that do not exist.
        return fail(request, reply, 404, [
          {
            code: 'pool_not_found',
            title: 'Not Found',
            detail: `There is no pool ${poolId} in provider ${providerId}, so there is nothing to keep test cases for.`,
          },
        ]);
      }
      if (pool?.status !== 200) {
        return fail(request, reply, 503, [
          {
            code: 'pool_unverified',
            title: 'Service Unavailable',
            detail: `Lifeguard could not check with Confluent that pool ${poolId} exists${pool ? ` (it answered ${pool.status})` : ''}, so the test case was not kept. Try again in a moment.`,
          },
        ]);
      }
      const record = writeRecordOf(request);
      record?.sent();
      const created = await store.testCases.add(
        providerId,
        poolId,
        parsed.data,
      );
      record?.answered(created);
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: PoolParams & { id: string } }>(
    `${base}/:id`,
    {
      config: {
        policy: { ...API_ADMIN, audit: testCaseAudit('delete-test-case') },
      },
    },
    async (request, reply) => {
      const { providerId, poolId, id } = request.params;
      const record = writeRecordOf(request);
      record?.sent();
      const removed = await store.testCases.delete(providerId, poolId, id);
      record?.replaces(removed);
      if (!removed) {
        return fail(request, reply, 404, [
          {
            code: 'not_found',
            title: 'Not Found',
            detail: `No test case ${id}.`,
          },
        ]);
      }
      return reply.code(204).send();
    },
  );
}
