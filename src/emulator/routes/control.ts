import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { faultSchema } from '../faults.ts';
import { outageSchema, PortOutage } from '../outage.ts';
import { FailureProblem } from '../problems.ts';
import { applySeed, SEED_NAMES } from '../seed.ts';
import { parseBody } from '../validation.ts';

const resetSchema = z.object({
  seed: z.enum(SEED_NAMES, { error: 'seed must be "demo" or "empty"' }),
});

/** Test and demo controls; registered only when EMULATOR_CONTROL=1. */
export function controlRoutes(app: FastifyInstance, context: EmulatorContext) {
  app.post('/_emulator/reset', async (request) => {
    const { seed } = parseBody(resetSchema, request.body);
    applySeed(context.store, seed, context.config.orgId);
    context.limiter.reset();
    context.jwks.clear();
    return { seed };
  });

  app.post('/_emulator/faults', async (request, reply) => {
    const fault = parseBody(faultSchema, request.body);
    context.faults.add(fault);
    return reply.code(201).send({ pending: context.faults.pending() });
  });

  app.delete('/_emulator/faults', async (_request, reply) => {
    context.faults.clear();
    return reply.code(204).send();
  });

  const outage = new PortOutage(app);
  app.post('/_emulator/outage', async (request, reply) => {
    const { durationMs } = parseBody(outageSchema, request.body);
    if (outage.reopensAt !== undefined) {
      throw new FailureProblem(409, [
        {
          code: 'outage_in_progress',
          title: 'Conflict',
          detail: 'An outage is already under way.',
        },
      ]);
    }
    // The port closes once this answer is out; the caller's connection
    // closes with it rather than being cut.
    outage.begin(durationMs, (closePort) =>
      reply.raw.once('finish', closePort),
    );
    return reply
      .code(202)
      .header('connection', 'close')
      .send({
        durationMs,
        reopensAt: new Date(Date.now() + durationMs).toISOString(),
      });
  });
}
