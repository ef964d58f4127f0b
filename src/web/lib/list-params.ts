import { z } from 'zod';

/** The rows-per-page choices every paged list offers. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const DEFAULT_PAGE_SIZE = 10;

/**
 * A paged list's state as its URL holds it, so that a reload or a shared
 * link shows the same page (docs/conventions.md §6).
 */
export interface ListSearch {
  page_size: number;
  /** The cursor of the page shown; none for the first page. */
  page_token?: string;
  /** The page's number, for "11–20 of 95"; unknown on a shared cursor. */
  page?: number;
  /** The quick filter's text. */
  q: string;
  /** A sort key, `-` first for descending. */
  sort?: string;
  /** `all`: the quick filter searches every row, not the page. */
  scope: 'page' | 'all';
}

// Everything but `sort`, whose keys differ per list (checked by hand below,
// so that one schema serves every list). `.catch` everywhere: a hand-edited
// or stale URL shows a page, never an error.
const searchSchema = z.object({
  page_size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE),
  page_token: z.string().min(1).max(255).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  q: z.string().max(200).catch(''),
  scope: z.enum(['page', 'all']).catch('page'),
});

/** What a list's URL may hold beyond the common fields. */
export interface ListParamsOptions {
  /** The keys its columns sort by; any other `sort` is dropped. */
  sortKeys: readonly string[];
  /**
   * Whether the list can search every row (`scope=all`). Without it the
   * scope is always `page`, so a stray `scope=all` never reaches the URL
   * again.
   */
  isScoped?: boolean;
}

/** Reads a list's state from its URL; anything invalid falls back. */
export function parseListSearch(
  params: URLSearchParams,
  { sortKeys, isScoped = false }: ListParamsOptions,
): ListSearch {
  const search = searchSchema.parse({
    page_size: params.get('page_size') ?? undefined,
    page_token: params.get('page_token') ?? undefined,
    page: params.get('page') ?? undefined,
    q: params.get('q') ?? '',
    scope: isScoped ? (params.get('scope') ?? undefined) : 'page',
  });
  const sort = params.get('sort') ?? undefined;
  return {
    ...search,
    sort:
      sort !== undefined && sortKeys.includes(sort.replace(/^-/, ''))
        ? sort
        : undefined,
  };
}

/** A list's state as URL parameters, defaults left out so links stay short. */
export function toListSearchParams(
  search: Partial<ListSearch>,
): URLSearchParams {
  const params = new URLSearchParams();
  if (search.page_size && search.page_size !== DEFAULT_PAGE_SIZE)
    params.set('page_size', String(search.page_size));
  if (search.page_token) params.set('page_token', search.page_token);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  if (search.q) params.set('q', search.q);
  if (search.sort) params.set('sort', search.sort);
  if (search.scope === 'all') params.set('scope', 'all');
  return params;
}

/**
 * The rows a list shows: those whose `searchText` contains the quick
 * filter's text (case-insensitive), sorted by `sortValue` of the URL's sort
 * key. Always a new array when it sorts, so the caller's stays untouched.
 */
export function visibleRows<Row>(
  rows: readonly Row[],
  search: Pick<ListSearch, 'q' | 'sort'>,
  {
    searchText,
    sortValue,
  }: {
    /** The texts the quick filter looks in; a missing one never matches. */
    searchText: (row: Row) => readonly (string | undefined)[];
    /** The text a row sorts by under `key`. */
    sortValue: (row: Row, key: string) => string;
  },
): readonly Row[] {
  const needle = search.q.trim().toLowerCase();
  const filtered = needle
    ? rows.filter((row) =>
        searchText(row).some((text) => text?.toLowerCase().includes(needle)),
      )
    : rows;
  if (!search.sort) return filtered;
  const descending = search.sort.startsWith('-');
  const key = search.sort.replace(/^-/, '');
  return [...filtered].sort(
    (a, b) =>
      sortValue(a, key).localeCompare(sortValue(b, key)) *
      (descending ? -1 : 1),
  );
}
