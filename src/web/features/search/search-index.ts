import type { components } from '#contract/schema.d.ts';

type Pool = components['schemas']['IdentityPool'];

/** The fields a search looks in, in the order a row shows them. */
export const SEARCH_FIELDS = [
  'display_name',
  'id',
  'identity_claim',
  'filter',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_SORTS = [
  'display_name',
  '-display_name',
  'updated_at',
  '-updated_at',
] as const;
/** A sort key; a leading `-` means descending (newest or Z first). */
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const DEFAULT_SEARCH_SORT: SearchSort = 'display_name';

/** One pool with its provider, prepared once so each keystroke only compares strings. */
export type IndexedPool = {
  pool: Pool;
  providerId: string;
  providerName: string;
  /** Each searched field in lower case. */
  folded: Record<SearchField, string>;
  /** `metadata.updated_at` in ms since the epoch; NaN when absent or unreadable. */
  updatedAt: number;
};

export type SearchCriteria = {
  /** What was typed: every whitespace-separated word must match. */
  query: string;
  /** Only this provider's pools, when set. */
  providerId?: string;
  sort: SearchSort;
};

export function indexPools(
  provider: { id: string; display_name: string },
  pools: readonly Pool[],
): IndexedPool[] {
  return pools.map((pool) => ({
    pool,
    providerId: provider.id,
    providerName: provider.display_name,
    folded: {
      display_name: pool.display_name.toLowerCase(),
      id: pool.id.toLowerCase(),
      identity_claim: pool.identity_claim.toLowerCase(),
      filter: pool.filter.toLowerCase(),
    },
    updatedAt: Date.parse(pool.metadata?.updated_at ?? ''),
  }));
}

/** The words of a query, lower-cased, without repeats; none for a blank query. */
export function parseTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
}

/** Every term appears in at least one field (a term may match a different field than another). */
export function matchesTerms(
  entry: IndexedPool,
  terms: readonly string[],
): boolean {
  return terms.every((term) =>
    SEARCH_FIELDS.some((field) => entry.folded[field].includes(term)),
  );
}

let collator: Intl.Collator | undefined;

function compareText(a: string, b: string): number {
  // "pool-2" before "pool-10", and case does not decide the order.
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}

function byName(a: IndexedPool, b: IndexedPool): number {
  return (
    compareText(a.pool.display_name, b.pool.display_name) ||
    compareText(a.providerName, b.providerName) ||
    compareText(a.pool.id, b.pool.id)
  );
}

function byUpdate(a: IndexedPool, b: IndexedPool, descending: boolean) {
  const aKnown = !Number.isNaN(a.updatedAt);
  const bKnown = !Number.isNaN(b.updatedAt);
  // A pool without a time goes last whichever way the list runs.
  if (aKnown !== bKnown) return aKnown ? -1 : 1;
  const order = aKnown ? a.updatedAt - b.updatedAt : 0;
  return (descending ? -order : order) || byName(a, b);
}

/** Orders entries by `sort`, names breaking ties; the input is not changed. */
export function sortPools(
  entries: readonly IndexedPool[],
  sort: SearchSort,
): IndexedPool[] {
  const sorted = [...entries];
  switch (sort) {
    case 'display_name':
      return sorted.sort(byName);
    case '-display_name':
      return sorted.sort((a, b) => byName(b, a));
    case 'updated_at':
      return sorted.sort((a, b) => byUpdate(a, b, false));
    case '-updated_at':
      return sorted.sort((a, b) => byUpdate(a, b, true));
  }
}

/** The entries that match the criteria, in their order. */
export function searchPools(
  entries: readonly IndexedPool[],
  criteria: SearchCriteria,
): IndexedPool[] {
  const terms = parseTerms(criteria.query);
  const matching = entries.filter(
    (entry) =>
      (!criteria.providerId || entry.providerId === criteria.providerId) &&
      matchesTerms(entry, terms),
  );
  return sortPools(matching, criteria.sort);
}

export type Segment = { text: string; isMatch: boolean };

/**
 * `text` cut into the runs that match one of `terms` (case-insensitively)
 * and those between, overlapping matches merged, for marking up hits.
 */
export function highlightSegments(
  text: string,
  terms: readonly string[],
): Segment[] {
  const folded = text.toLowerCase();
  // A few characters change length when lower-cased ("İ"); positions in the
  // folded text would then miss in the original, so such text goes unmarked.
  if (terms.length === 0 || folded.length !== text.length) {
    return text ? [{ text, isMatch: false }] : [];
  }
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (
      let at = folded.indexOf(term);
      at !== -1;
      at = folded.indexOf(term, at + 1)
    ) {
      ranges.push([at, at + term.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const segments: Segment[] = [];
  let position = 0;
  for (const [start, end] of ranges) {
    if (end <= position) continue;
    const from = Math.max(start, position);
    if (from > position) {
      segments.push({ text: text.slice(position, from), isMatch: false });
    }
    const last = segments.at(-1);
    if (last?.isMatch && from === position) {
      last.text += text.slice(from, end);
    } else {
      segments.push({ text: text.slice(from, end), isMatch: true });
    }
    position = end;
  }
  if (position < text.length) {
    segments.push({ text: text.slice(position), isMatch: false });
  }
  return segments;
}
