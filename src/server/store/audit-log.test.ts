import { describe, expect, test } from 'vitest';
import type { NewAuditEntry } from './audit-log.ts';
import { LifeguardStore } from './lifeguard-store.ts';
import { DIALECTS, runSql, testLocation, testStore } from './test-stores.ts';

function entry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    actor: { id: 'alice', name: 'Alice', role: 'admin', mode: 'password' },
    method: 'PATCH',
    target: '/api/iam/v2/identity-providers/op-1/identity-pools/pool-1',
    action: 'update-pool',
    providerId: 'op-1',
    poolId: 'pool-1',
    requestId: 'req-1',
    clientRequestId: null,
    outcome: 'applied',
    status: 200,
    reason: null,
    changes: [{ field: 'filter', before: 'true', after: 'false' }],
    ...overrides,
  };
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  test('entries come back as appended, newest first, with their ids and time', async () => {
    const store = await testStore(dialect);
    const at = new Date('2026-03-01T10:00:00.123Z');
    const [first] = await store.auditLog.append([entry()], at);
    const [second] = await store.auditLog.append(
      [
        entry({
          outcome: 'refused',
          status: 403,
          reason: 'no CSRF header',
          clientRequestId: 'client-7',
          changes: [],
        }),
      ],
      new Date('2026-03-01T10:00:01.000Z'),
    );
    expect(first).toMatchObject({ at: '2026-03-01T10:00:00.123Z' });
    expect(second!.id).toBeGreaterThan(first!.id);
    expect(await store.auditLog.list({}, 10)).toEqual([second, first]);
  });

  test('filters by provider, pool, time and cursor; a pool history includes entries naming only the pool', async () => {
    const store = await testStore(dialect);
    const times = [1, 2, 3, 4].map(
      (second) => new Date(`2026-03-01T10:00:0${second}.000Z`),
    );
    const [poolEntry] = await store.auditLog.append([entry()], times[0]);
    const [grant] = await store.auditLog.append(
      [entry({ action: 'grant-role', providerId: null })],
      times[1],
    );
    const [otherPool] = await store.auditLog.append(
      [entry({ poolId: 'pool-2' })],
      times[2],
    );
    const [otherProvider] = await store.auditLog.append(
      [entry({ providerId: 'op-2', poolId: null, action: 'update-provider' })],
      times[3],
    );
    const ids = (entries: { id: number }[]) => entries.map((each) => each.id);
    const list = (query: Parameters<typeof store.auditLog.list>[0]) =>
      store.auditLog.list(query, 10).then(ids);

    expect(await list({ provider_id: 'op-1', pool_id: 'pool-1' })).toEqual(
      ids([grant!, poolEntry!]),
    );
    expect(await list({ pool_id: 'pool-1' })).toEqual(
      ids([grant!, poolEntry!]),
    );
    expect(await list({ provider_id: 'op-1' })).toEqual(
      ids([otherPool!, poolEntry!]),
    );
    expect(
      await list({
        since: '2026-03-01T10:00:02.000Z',
        until: '2026-03-01T10:00:04.000Z',
      }),
    ).toEqual(ids([otherPool!, grant!]));
    expect(await list({ before: otherProvider!.id })).toEqual(
      ids([otherPool!, grant!, poolEntry!]),
    );
    expect(await store.auditLog.list({}, 2).then(ids)).toEqual(
      ids([otherProvider!, otherPool!]),
    );
  });

  test('the entries of one write are all kept or none, numbered in order however many', async () => {
    const store = await testStore(dialect);
    // More than one INSERT takes (a provider's cascade can be 10,000 pools).
    const cascade = Array.from({ length: 1_201 }, (_, index) =>
      entry({ action: 'delete-pool-with-provider', poolId: `pool-${index}` }),
    );
    const appended = await store.auditLog.append(cascade);
    const first = appended[0]!.id;
    expect(appended.map((each) => each.id)).toEqual(
      cascade.map((_, index) => first + index),
    );
    const stored = await store.auditLog.list({}, 2_000);
    expect(stored.map((each) => each.poolId)).toEqual(
      cascade.map((each) => each.poolId).reverse(),
    );

    // An entry the table refuses takes the whole write's entries with it.
    const broken = entry({ outcome: 'lost' as NewAuditEntry['outcome'] });
    await expect(
      store.auditLog.append([entry({ requestId: 'req-2' }), broken]),
    ).rejects.toThrow();
    await expect(store.auditLog.append([...cascade, broken])).rejects.toThrow();
    expect(await store.auditLog.list({}, 2_000)).toHaveLength(1_201);
  });

  test('the database itself refuses to change or remove an entry', async () => {
    const location = await testLocation(dialect);
    const store = await testStore(dialect, location);
    await store.auditLog.append([entry()]);
    await expect(
      runSql(location, "UPDATE audit_log SET actor_id = 'mallory'"),
    ).rejects.toThrow(/append-only/);
    await expect(runSql(location, 'DELETE FROM audit_log')).rejects.toThrow(
      /append-only/,
    );
    if (dialect === 'postgres') {
      // No row trigger fires for TRUNCATE; a statement trigger does.
      await expect(runSql(location, 'TRUNCATE audit_log')).rejects.toThrow(
        /append-only/,
      );
    }
    expect(await store.auditLog.list({}, 10)).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: 'alice' }),
      }),
    ]);
  });

  test('appends from two stores on one database make one history that pages without a skip or a repeat', async () => {
    const location = await testLocation(dialect);
    const stores = [
      await testStore(dialect, location),
      await testStore(dialect, location),
    ];
    const WRITES = 60;
    let writing = true;
    // Every look at the log while the writes go on must see ids 1…n with
    // no hole: a hole is an entry a reader paging by id could skip.
    const holes: number[][] = [];
    const watcher = (async () => {
      while (writing) {
        const seen = (await stores[0]!.auditLog.list({}, 10_000))
          .map((each) => each.id)
          .sort((a, b) => a - b);
        const missing = seen.filter((id, index) => id !== index + 1);
        if (missing.length > 0) holes.push(missing);
      }
    })();
    const appended = await Promise.all(
      Array.from({ length: WRITES }, (_, index) =>
        stores[index % 2]!.auditLog.append(
          // Some writes are a provider and its pools: several entries.
          Array.from({ length: (index % 3) + 1 }, (_, item) =>
            entry({ requestId: `req-${index}`, poolId: `pool-${item}` }),
          ),
        ),
      ),
    );
    writing = false;
    await watcher;
    expect(holes).toEqual([]);

    // Each write's entries are consecutive.
    for (const write of appended) {
      const ids = write.map((each) => each.id);
      expect(ids).toEqual(ids.map((_, index) => ids[0]! + index));
    }
    // Paging from either store by `before` meets every entry once.
    const total = appended.flat().length;
    for (const store of stores) {
      const paged: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await store.auditLog.list(
          before === undefined ? {} : { before },
          7,
        );
        paged.push(...page.map((each) => each.id));
        if (page.length < 7) break;
        before = page.at(-1)!.id;
      }
      expect(paged).toEqual(
        Array.from({ length: total }, (_, index) => total - index),
      );
    }
  });
});

test('the store opened on PostgreSQL answers the same shapes as on SQLite', async () => {
  // Times of day and ids come back as strings and numbers in both dialects
  // (open.ts), so entries compare equal whatever the database.
  const shapes = [];
  for (const dialect of DIALECTS) {
    const store = await LifeguardStore.open(await testLocation(dialect));
    try {
      await store.auditLog.append(
        [entry()],
        new Date('2026-03-01T10:00:00.000Z'),
      );
      shapes.push(await store.auditLog.list({}, 1));
    } finally {
      await store.close();
    }
  }
  expect(shapes[0]).toEqual(shapes[1]);
});
