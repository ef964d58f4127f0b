import { expect, test } from 'vitest';
import {
  parseListSearch,
  toListSearchParams,
  visibleRows,
} from './list-params.ts';

const SORT_KEYS = ['display_name', 'id'] as const;

test('a URL of a list reads back as it was written', () => {
  const search = parseListSearch(
    new URLSearchParams('page_size=25&page_token=abc&page=3&q=ops&sort=-id'),
    { sortKeys: SORT_KEYS },
  );
  expect(search).toEqual({
    page_size: 25,
    page_token: 'abc',
    page: 3,
    q: 'ops',
    sort: '-id',
    scope: 'page',
  });
  expect(toListSearchParams(search).toString()).toBe(
    'page_size=25&page_token=abc&page=3&q=ops&sort=-id',
  );
});

test('anything invalid falls back, and defaults stay out of the URL', () => {
  const search = parseListSearch(
    new URLSearchParams('page_size=7&page=0&sort=--id&scope=everything'),
    { sortKeys: SORT_KEYS, isScoped: true },
  );
  expect(search).toEqual({
    page_size: 10,
    page_token: undefined,
    page: undefined,
    q: '',
    sort: undefined,
    scope: 'page',
  });
  expect(toListSearchParams(search).toString()).toBe('');
});

test('a sort by a key the list does not sort by is dropped', () => {
  const params = new URLSearchParams('sort=filter');
  expect(parseListSearch(params, { sortKeys: SORT_KEYS }).sort).toBe(undefined);
});

test('only a list that can search every row keeps scope=all', () => {
  const params = new URLSearchParams('scope=all');
  expect(
    parseListSearch(params, { sortKeys: SORT_KEYS, isScoped: true }).scope,
  ).toBe('all');
  expect(parseListSearch(params, { sortKeys: SORT_KEYS }).scope).toBe('page');
});

test('rows are filtered by their texts, then sorted by the key', () => {
  const rows = [
    { id: 'b', name: 'Ops', note: undefined },
    { id: 'a', name: 'Data', note: 'ops team' },
    { id: 'c', name: 'Web', note: undefined },
  ];
  const options = {
    searchText: (row: (typeof rows)[number]) => [row.name, row.note],
    sortValue: (row: (typeof rows)[number], key: string) =>
      key === 'id' ? row.id : row.name,
  };
  expect(
    visibleRows(rows, { q: ' OPS ', sort: '-id' }, options).map((r) => r.id),
  ).toEqual(['b', 'a']);
  expect(
    visibleRows(rows, { q: '', sort: 'display_name' }, options).map(
      (r) => r.id,
    ),
  ).toEqual(['a', 'b', 'c']);
  // Unsorted and unfiltered, the rows are the caller's own array.
  expect(visibleRows(rows, { q: '', sort: undefined }, options)).toBe(rows);
});
