import { z } from 'zod';

export const faultSchema = z
  .object({
    match: z
      .object({
        method: z
          .string()
          .regex(/^[A-Za-z]+$/, {
            error: 'match.method must be an HTTP method',
          })
          .transform((method) => method.toUpperCase())
          .optional(),
        path: z
          .string()
          .max(500, { error: 'match.path must be at most 500 characters' })
          .refine(
            (source) => {
              try {
                new RegExp(source);
                return true;
              } catch {
                return false;
              }
            },
            { error: 'match.path must be a valid regular expression' },
          )
          .optional(),
      })
      .default({}),
    respond: z
      .object({
        status: z
          .number()
          .int()
          .min(400, { error: 'respond.status must be from 400 to 599' })
          .max(599, { error: 'respond.status must be from 400 to 599' }),
        retryAfter: z.number().int().min(0).max(3600).optional(),
      })
      .optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    times: z.number().int().min(1).max(100_000),
  })
  .refine((fault) => fault.respond || fault.delayMs !== undefined, {
    error: 'a fault needs respond, delayMs or both',
  });

export type FaultSpec = z.infer<typeof faultSchema>;

type ArmedFault = FaultSpec & { pattern: RegExp | undefined; left: number };

/** Faults armed through the control API, consumed by the requests they match. */
export class FaultInjector {
  #faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.#faults.push({
      ...spec,
      pattern: spec.match.path ? new RegExp(spec.match.path) : undefined,
      left: spec.times,
    });
  }

  clear(): void {
    this.#faults = [];
  }

  pending(): number {
    return this.#faults.reduce((sum, fault) => sum + fault.left, 0);
  }

  /** The first armed fault matching this request, counted as used. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.#faults.find(
      (candidate) =>
        (!candidate.match.method || candidate.match.method === method) &&
        (!candidate.pattern || candidate.pattern.test(path)),
    );
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left === 0)
      this.#faults = this.#faults.filter((f) => f !== fault);
    return fault;
  }
}
