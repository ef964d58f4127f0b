import type { FastifyInstance } from 'fastify';
import { failureBody } from '#contract/errors.ts';
import { testCaseInputSchema } from '#contract/test-case-input.ts';
import type { LifeguardStore } from './store.ts';

const ID = '[A-Za-z0-9_-]{1,255}';
const MAX_PER_POOL = 200;

type PoolParams = { providerId: string; poolId: string };

function validIds(params: Record<string, string>): boolean {
  const pattern = new RegExp(`^${ID}$`);
  return Object.values(params).every((value) => pattern.test(value));
}

/**
 * Test cases per pool under /api/lifeguard: named claim sets with the
 * expected result, kept on the server so a team shares them.
 */
export function testCaseRoutes(app: FastifyInstance, store: LifeguardStore) {
  const base = '/api/lifeguard/providers/:providerId/pools/:poolId/test-cases';

  app.addHook('preValidation', async (request, reply) => {
    if (!validIds(request.params as Record<string, string>)) {
      return reply.code(404).send(
        failureBody(
          404,
          [
            {
              code: 'not_found',
              title: 'Not Found',
              detail: 'No such pool.',
            },
          ],
          request.id,
        ),
      );
    }
  });

  app.get<{ Params: PoolParams }>(base, async (request) => ({
    data: store.listTestCases(request.params.providerId, request.params.poolId),
  }));

  app.post<{ Params: PoolParams }>(base, async (request, reply) => {
    const { providerId, poolId } = request.params;
    const parsed = testCaseInputSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(422).send(
        failureBody(
          422,
          parsed.error.issues.map((issue) => ({
            code: 'invalid_configuration',
            title: 'Validation Failed',
            detail: issue.message,
            pointer: `/${issue.path.map(String).join('/')}`,
          })),
          request.id,
        ),
      );
    }
    if (store.countTestCases(providerId, poolId) >= MAX_PER_POOL) {
      return reply.code(409).send(
        failureBody(
          409,
          [
            {
              code: 'too_many_test_cases',
              title: 'Conflict',
              detail: `A pool keeps at most ${MAX_PER_POOL} test cases; delete some first.`,
            },
          ],
          request.id,
        ),
      );
    }
    const created = store.addTestCase(providerId, poolId, parsed.data);
    if (request.audit) request.audit.after = created;
    return reply.code(201).send(created);
  });

  app.delete<{ Params: PoolParams & { id: string } }>(
    `${base}/:id`,
    async (request, reply) => {
      const { providerId, poolId, id } = request.params;
      if (request.audit) {
        request.audit.before = store
          .listTestCases(providerId, poolId)
          .find((testCase) => testCase.id === id);
      }
      if (!store.deleteTestCase(providerId, poolId, id)) {
        return reply.code(404).send(
          failureBody(
            404,
            [
              {
                code: 'not_found',
                title: 'Not Found',
                detail: `No test case ${id}.`,
              },
            ],
            request.id,
          ),
        );
      }
      return reply.code(204).send();
    },
  );
}
