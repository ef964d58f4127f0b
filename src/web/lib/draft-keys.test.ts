import { beforeEach, expect, test } from 'vitest';
import { clearDrafts, clearDraftsNotOwnedBy } from './draft-keys.ts';
import { createDraftStore } from './draft-store.ts';
import { z } from 'zod';

const drafts = createDraftStore({ schema: z.object({ text: z.string() }) });

beforeEach(() => sessionStorage.clear());

function keys() {
  return Object.keys(sessionStorage).sort();
}

test('clearing removes every draft of the tab, whoever typed it, and nothing else', () => {
  drafts.save({ id: 'a', owner: 'ada', scope: 's', data: { text: 'x' } });
  sessionStorage.setItem('lifeguard.draft.b', '{"not":"even a draft"}');
  sessionStorage.setItem('lifeguard.theme', 'dark');

  clearDrafts();
  expect(keys()).toEqual(['lifeguard.theme']);
  expect(drafts.list('s', 'ada')).toEqual([]);
});

test('clearing for a user keeps only the drafts that user typed', () => {
  drafts.save({ id: 'a', owner: 'ada', scope: 's', data: { text: 'ada' } });
  drafts.save({ id: 'b', owner: 'bob', scope: 's', data: { text: 'bob' } });
  sessionStorage.setItem(
    'lifeguard.draft.c',
    JSON.stringify({ version: 1, id: 'c', scope: 's', savedAt: 1, data: {} }),
  );
  sessionStorage.setItem('lifeguard.draft.d', '{"owner":');
  sessionStorage.setItem('lifeguard.theme', 'dark');

  clearDraftsNotOwnedBy('bob');
  expect(keys()).toEqual(['lifeguard.draft.b', 'lifeguard.theme']);
  expect(drafts.list('s', 'bob').map((draft) => draft.data.text)).toEqual([
    'bob',
  ]);
});

test('no storage, or storage that throws, is no crash', () => {
  expect(() => clearDrafts({ storage: () => undefined })).not.toThrow();
  const blocked = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  expect(() => clearDrafts({ storage: blocked })).not.toThrow();
  expect(() =>
    clearDraftsNotOwnedBy('ada', { storage: blocked }),
  ).not.toThrow();
});
