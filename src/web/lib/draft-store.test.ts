import { expect, test } from 'vitest';
import { z } from 'zod';
import { createDraftStore, newDraftId } from './draft-store.ts';

const schema = z.object({ text: z.string() });
const ADA = 'ada';
const BOB = 'bob';

/** A Storage over a Map, optionally refusing writes past `capacity` chars. */
function memoryStorage(capacity = Infinity): Storage {
  const items = new Map<string, string>();
  const used = () =>
    [...items].reduce(
      (sum, [key, value]) => sum + key.length + value.length,
      0,
    );
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      const previous = items.get(key);
      const size =
        used() - (previous === undefined ? 0 : key.length + previous.length);
      if (size + key.length + value.length > capacity) {
        throw new DOMException('full', 'QuotaExceededError');
      }
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

function storeOver(storage: Storage, options: { maxDrafts?: number } = {}) {
  let clock = 1_000;
  const drafts = createDraftStore({
    schema,
    storage: () => storage,
    now: () => (clock += 1_000),
    ...options,
  });
  return drafts;
}

test('a saved draft is listed for its scope only, newest first, with its time', () => {
  const storage = memoryStorage();
  const drafts = storeOver(storage);
  drafts.save({
    id: 'a',
    owner: ADA,
    scope: 'pool:op-1:new',
    data: { text: 'first' },
  });
  drafts.save({
    id: 'b',
    owner: ADA,
    scope: 'pool:op-1:new',
    data: { text: 'second' },
  });
  drafts.save({
    id: 'c',
    owner: ADA,
    scope: 'pool:op-2:new',
    data: { text: 'other' },
  });

  expect(drafts.list('pool:op-1:new', ADA)).toEqual([
    {
      id: 'b',
      owner: ADA,
      scope: 'pool:op-1:new',
      savedAt: 3_000,
      data: { text: 'second' },
    },
    {
      id: 'a',
      owner: ADA,
      scope: 'pool:op-1:new',
      savedAt: 2_000,
      data: { text: 'first' },
    },
  ]);
  expect(drafts.list('pool:op-3:new', ADA)).toEqual([]);
});

test('saving under the same id replaces that draft and stamps it again', () => {
  const drafts = storeOver(memoryStorage());
  drafts.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'one' } });
  drafts.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'two' } });
  expect(drafts.list('s', ADA)).toEqual([
    { id: 'a', owner: ADA, scope: 's', savedAt: 3_000, data: { text: 'two' } },
  ]);
});

test('remove forgets a draft', () => {
  const storage = memoryStorage();
  const drafts = storeOver(storage);
  drafts.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'one' } });
  drafts.remove('a');
  expect(drafts.list('s', ADA)).toEqual([]);
  expect(storage.length).toBe(0);
});

test('corrupt, old-shape and misplaced drafts are ignored and removed', () => {
  const storage = memoryStorage();
  const envelope = (id: string, data: unknown, extra = {}) =>
    JSON.stringify({
      version: 2,
      id,
      owner: ADA,
      scope: 's',
      savedAt: 5,
      data,
      ...extra,
    });
  storage.setItem('lifeguard.draft.json', '{"version":2,');
  storage.setItem('lifeguard.draft.shape', envelope('shape', { words: 'x' }));
  storage.setItem(
    'lifeguard.draft.old',
    envelope('old', { text: 'x' }, { version: 0 }),
  );
  storage.setItem(
    'lifeguard.draft.ownerless',
    envelope('ownerless', { text: 'x' }, { owner: '' }),
  );
  storage.setItem(
    'lifeguard.draft.moved',
    envelope('elsewhere', { text: 'x' }),
  );
  storage.setItem(
    'lifeguard.draft.time',
    envelope('time', { text: 'x' }, { savedAt: 'now' }),
  );
  storage.setItem('lifeguard.draft.ok', envelope('ok', { text: 'kept' }));
  storage.setItem('someone-else', 'not ours');

  const drafts = storeOver(storage);
  expect(drafts.list('s', ADA)).toEqual([
    { id: 'ok', owner: ADA, scope: 's', savedAt: 5, data: { text: 'kept' } },
  ]);
  expect(
    Array.from({ length: storage.length }, (_, index) => storage.key(index)),
  ).toEqual(['lifeguard.draft.ok', 'someone-else']);
});

test('a store under a longer prefix keeps its drafts apart: neither store drops the other’s', () => {
  const storage = memoryStorage();
  const pools = storeOver(storage);
  const mappings = createDraftStore({
    schema: z.object({ words: z.string() }),
    prefix: 'lifeguard.draft.group-mapping.',
    storage: () => storage,
  });
  pools.save({ id: 'p', owner: ADA, scope: 's', data: { text: 'pool' } });
  mappings.save({ id: 'm', owner: ADA, scope: 's', data: { words: 'map' } });

  expect(pools.list('s', ADA).map((draft) => draft.id)).toEqual(['p']);
  expect(mappings.list('s', ADA).map((draft) => draft.id)).toEqual(['m']);
  expect(storage.length).toBe(2);
});

test('a draft is listed only to the user who typed it; anyone else’s, in any scope, is removed on reading', () => {
  const storage = memoryStorage();
  const drafts = storeOver(storage);
  drafts.save({ id: 'a1', owner: ADA, scope: 's', data: { text: 'ada' } });
  drafts.save({ id: 'a2', owner: ADA, scope: 't', data: { text: 'ada' } });
  // An older Lifeguard's draft says nothing of its owner: it could be anyone's.
  storage.setItem(
    'lifeguard.draft.v1',
    JSON.stringify({
      version: 1,
      id: 'v1',
      scope: 's',
      savedAt: 5,
      data: { text: 'whose?' },
    }),
  );

  expect(drafts.list('s', BOB)).toEqual([]);
  expect(storage.length).toBe(0);
  expect(drafts.list('s', ADA)).toEqual([]);
});

test('the same user gets their drafts back, from a new store over the same storage', () => {
  const storage = memoryStorage();
  storeOver(storage).save({
    id: 'a',
    owner: ADA,
    scope: 's',
    data: { text: 'kept for ada' },
  });
  expect(storeOver(storage).list('s', ADA)).toMatchObject([
    { id: 'a', owner: ADA, data: { text: 'kept for ada' } },
  ]);
});

test('saving removes another user’s drafts, and they never count against the limit', () => {
  const storage = memoryStorage();
  const drafts = storeOver(storage, { maxDrafts: 2 });
  drafts.save({ id: 'a1', owner: ADA, scope: 's', data: { text: 'x' } });
  drafts.save({ id: 'a2', owner: ADA, scope: 's', data: { text: 'x' } });
  drafts.save({ id: 'b1', owner: BOB, scope: 's', data: { text: 'y' } });
  expect(storage.length).toBe(1);
  expect(drafts.list('s', BOB).map((draft) => draft.id)).toEqual(['b1']);
});

test('at most maxDrafts are kept across scopes; the oldest go first', () => {
  const storage = memoryStorage();
  const drafts = storeOver(storage, { maxDrafts: 3 });
  for (const id of ['a', 'b', 'c', 'd', 'e']) {
    drafts.save({
      id,
      owner: ADA,
      scope: id === 'e' ? 'other' : 's',
      data: { text: id },
    });
  }
  expect(drafts.list('s', ADA).map((draft) => draft.id)).toEqual(['d', 'c']);
  expect(drafts.list('other', ADA).map((draft) => draft.id)).toEqual(['e']);
  expect(storage.length).toBe(3);

  // Rewriting an old draft makes it the newest, so it is not the one evicted.
  drafts.save({ id: 'c', owner: ADA, scope: 's', data: { text: 'c again' } });
  drafts.save({ id: 'f', owner: ADA, scope: 's', data: { text: 'f' } });
  expect(drafts.list('s', ADA).map((draft) => draft.id)).toEqual(['f', 'c']);
});

test('twenty drafts by default', () => {
  const drafts = storeOver(memoryStorage());
  for (let index = 0; index < 25; index += 1) {
    drafts.save({
      id: `d${index}`,
      owner: ADA,
      scope: 's',
      data: { text: 'x' },
    });
  }
  expect(drafts.list('s', ADA)).toHaveLength(20);
  expect(drafts.list('s', ADA).at(-1)?.id).toBe('d5');
});

test('a draft over the size cap is not written, and its earlier version stays', () => {
  const storage = memoryStorage();
  const drafts = createDraftStore({
    schema,
    storage: () => storage,
    maxChars: 200,
  });
  expect(
    drafts.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'short' } }),
  ).toBe(true);
  expect(
    drafts.save({
      id: 'a',
      owner: ADA,
      scope: 's',
      data: { text: 'x'.repeat(300) },
    }),
  ).toBe(false);
  expect(drafts.list('s', ADA).map((draft) => draft.data.text)).toEqual([
    'short',
  ]);
});

test('full storage gives up older drafts to keep the newest', () => {
  // Room for two of these drafts (about 160 characters each), not three.
  const storage = memoryStorage(400);
  const drafts = storeOver(storage);
  for (const id of ['a', 'b', 'c', 'd']) {
    expect(
      drafts.save({
        id,
        owner: ADA,
        scope: 's',
        data: { text: id.repeat(60) },
      }),
    ).toBe(true);
  }
  expect(drafts.list('s', ADA).map((draft) => draft.id)).toEqual(['d', 'c']);
});

test('no storage, or storage that throws, is no draft and no crash', () => {
  const none = createDraftStore({ schema, storage: () => undefined });
  expect(
    none.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'x' } }),
  ).toBe(false);
  expect(none.list('s', ADA)).toEqual([]);
  none.remove('a');

  const blocked = createDraftStore({
    schema,
    storage: () => {
      throw new DOMException('denied', 'SecurityError');
    },
  });
  expect(
    blocked.save({ id: 'a', owner: ADA, scope: 's', data: { text: 'x' } }),
  ).toBe(false);
  expect(blocked.list('s', ADA)).toEqual([]);
  blocked.remove('a');
});

test('draft ids are unique', () => {
  const ids = new Set(Array.from({ length: 200 }, () => newDraftId()));
  expect(ids.size).toBe(200);
});
