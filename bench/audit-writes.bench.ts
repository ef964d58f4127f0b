// Audit writes per second on both of the store's dialects (issue 19,
// decision 017): `store.auditLog.append([entry])` as the server calls it for
// each audited write, one appender at a time and eight at once, on a SQLite
// file in a temporary directory and on a throwaway PostgreSQL
// (scripts/postgres.mjs, a fresh database). Bounded in count and in time.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../scripts/postgres.mjs';
import type { NewAuditEntry } from '../src/server/store/audit-log.ts';
import { LifeguardStore } from '../src/server/store/lifeguard-store.ts';
import { percentile, type Metric, type Suite } from './metrics.ts';

const ROUNDS = 3;
// Each round stops at whichever comes first.
const ROUND = { writes: 3000, ms: 2000 };
const WARM_UP = { writes: 200, ms: 1000 };
const CONCURRENT = 8;
const FLOOR = 200;

let edits = 0;

/** An entry shaped like the server's for a pool edit (src/server/audit.ts). */
function poolEdit(): NewAuditEntry {
  const at = edits++;
  const pool = `pool-${(at % 200).toString(36)}`;
  return {
    actor: {
      id: 'a1b2c3d4-0000-4000-8000-00000000000a',
      name: 'alice@example.com',
      role: 'admin',
      mode: 'oidc',
    },
    method: 'PATCH',
    target: `/api/iam/v2/identity-providers/op-bench/identity-pools/${pool}`,
    action: 'update-pool',
    providerId: 'op-bench',
    poolId: pool,
    requestId: randomUUID(),
    clientRequestId: randomUUID(),
    outcome: 'applied',
    status: 200,
    reason: null,
    changes: [
      {
        field: 'filter',
        before: `claims.aud == "kafka" && claims.sub == "svc-${at}"`,
        after: `claims.aud == "kafka" && claims.sub == "svc-${at + 1}"`,
      },
      {
        field: 'description',
        before: `orders team, edit ${at}`,
        after: `orders team, edit ${at + 1}`,
      },
    ],
  };
}

/** Appends one entry at a time from `appenders` loops; writes per second. */
async function writesPerSecond(
  store: LifeguardStore,
  appenders: number,
  limits: { writes: number; ms: number },
): Promise<number> {
  const started = performance.now();
  const deadline = started + limits.ms;
  let issued = 0;
  let done = 0;
  const appender = async () => {
    while (issued < limits.writes && performance.now() < deadline) {
      issued += 1;
      await store.auditLog.append([poolEdit()]);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: appenders }, appender));
  return (done * 1000) / (performance.now() - started);
}

type Figures = { sequential: number[]; concurrent: number[] };

export const auditWritesSuite: Suite = {
  name: 'Audit writes',
  async run(): Promise<Metric[]> {
    const dir = mkdtempSync(join(tmpdir(), 'lifeguard-bench-audit-'));
    let postgres: ThrowawayPostgres | undefined;
    const stores: LifeguardStore[] = [];
    try {
      postgres = await startThrowawayPostgres({
        log: (message) => console.log(`  ${message}`),
      });
      const sqlite = await LifeguardStore.open({
        dialect: 'sqlite',
        file: join(dir, 'lifeguard.sqlite'),
      });
      stores.push(sqlite);
      const pg = await LifeguardStore.open({
        dialect: 'postgres',
        url: postgres.url,
      });
      stores.push(pg);

      const figures = {
        sqlite: { sequential: [], concurrent: [] } as Figures,
        postgres: { sequential: [], concurrent: [] } as Figures,
      };
      const both = [
        ['sqlite', sqlite],
        ['postgres', pg],
      ] as const;
      for (const [, store] of both) {
        await writesPerSecond(store, CONCURRENT, WARM_UP);
      }
      // Interleaved, so that a noisy moment on a shared machine falls on
      // both dialects alike.
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [dialect, store] of both) {
          figures[dialect].sequential.push(
            await writesPerSecond(store, 1, ROUND),
          );
          figures[dialect].concurrent.push(
            await writesPerSecond(store, CONCURRENT, ROUND),
          );
        }
      }
      const median = (values: number[]) => percentile(values, 50);
      const durability =
        'The throwaway PostgreSQL runs with fsync and synchronous_commit off, SQLite in WAL with synchronous=NORMAL (Lifeguard’s setting): neither waits for the disk at each commit. A production PostgreSQL with fsync on also waits for its WAL flush per commit.';
      return [
        {
          id: 'audit.append_postgres_per_s',
          label: 'Audit writes, one at a time, on PostgreSQL',
          unit: 'writes/s',
          value: median(figures.postgres.sequential),
          peer: {
            name: 'SQLite (the default store)',
            value: median(figures.sqlite.sequential),
          },
          higherIsBetter: true,
          target: { value: FLOOR, text: `≥ ${FLOOR} writes/s` },
          note: `store.auditLog.append([entry]) of a pool edit, awaited before the next, median of ${ROUNDS} rounds of at most ${ROUND.writes} writes or ${ROUND.ms / 1000} s. The floor is informative: far above the rate people edit pools. ${durability}`,
        },
        {
          id: 'audit.append_postgres_8_concurrent_per_s',
          label: `Audit writes, ${CONCURRENT} appenders at once, on PostgreSQL`,
          unit: 'writes/s',
          value: median(figures.postgres.concurrent),
          peer: {
            name: 'SQLite (the default store)',
            value: median(figures.sqlite.concurrent),
          },
          higherIsBetter: true,
          target: { value: FLOOR, text: `≥ ${FLOOR} writes/s` },
          note: `On PostgreSQL each append takes a transaction-level advisory lock (decision 017), so appends from every connection and replica commit one after another in id order; SQLite’s one connection per process serialises them too.`,
        },
      ];
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await postgres?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
