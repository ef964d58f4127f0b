import type { Kysely, Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { TestCase, TestCaseInput } from '#contract/test-cases.ts';
import type { StoreSchema, TestCasesTable } from './schema.ts';

function toTestCase(row: Selectable<TestCasesTable>): TestCase {
  return {
    id: row.id,
    providerId: row.provider_id,
    poolId: row.pool_id,
    name: row.name,
    claims: JSON.parse(row.claims_json) as Record<string, unknown>,
    expected: row.expected,
    createdAt: row.created_at,
  };
}

/** Each pool's test cases, in the order they were added. */
export class TestCases {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  async list(providerId: string, poolId: string): Promise<TestCase[]> {
    const rows = await this.#db
      .selectFrom('test_cases')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('pool_id', '=', poolId)
      .orderBy('seq')
      .execute();
    return rows.map(toTestCase);
  }

  async count(providerId: string, poolId: string): Promise<number> {
    const { n } = await this.#db
      .selectFrom('test_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider_id', '=', providerId)
      .where('pool_id', '=', poolId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Every pool's test cases together. */
  async countAll(): Promise<number> {
    const { n } = await this.#db
      .selectFrom('test_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async add(
    providerId: string,
    poolId: string,
    input: TestCaseInput,
    now = new Date(),
  ): Promise<TestCase> {
    const row = await this.#db
      .insertInto('test_cases')
      .values({
        id: `tc-${randomUUID()}`,
        provider_id: providerId,
        pool_id: poolId,
        name: input.name,
        claims_json: JSON.stringify(input.claims),
        expected: input.expected,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTestCase(row);
  }

  /** Removes one test case; returns it, or undefined if there was none. */
  async delete(
    providerId: string,
    poolId: string,
    id: string,
  ): Promise<TestCase | undefined> {
    const row = await this.#db
      .deleteFrom('test_cases')
      .where('provider_id', '=', providerId)
      .where('pool_id', '=', poolId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toTestCase(row) : undefined;
  }
}
