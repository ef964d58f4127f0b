import type { components } from '#contract/schema.d.ts';

type Pool = components['schemas']['IdentityPool'];
type GroupMapping = components['schemas']['GroupMapping'];
type CertificatePool = components['schemas']['CertificateIdentityPool'];

/** The kinds of object the search covers. */
export const SEARCH_KINDS = [
  'identity-pool',
  'group-mapping',
  'certificate-pool',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** How each kind reads: in a row's label, and counted. */
export const SEARCH_KIND_LABELS: Record<
  SearchKind,
  { one: string; many: string }
> = {
  'identity-pool': { one: 'Identity pool', many: 'identity pools' },
  'group-mapping': { one: 'Group mapping', many: 'group mappings' },
  'certificate-pool': { one: 'Certificate pool', many: 'certificate pools' },
};

/**
 * The fields a search looks in, in the order a row shows them. `identity`
 * is an identity pool's identity claim or a certificate pool's external
 * identifier (a group mapping has neither).
 */
export const SEARCH_FIELDS = [
  'display_name',
  'id',
  'identity',
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

/** What every searched object has. */
export type SearchItem = {
  id: string;
  display_name: string;
  filter: string;
  metadata?: { updated_at?: string };
};

/**
 * One object with its parent (an identity pool's provider, a certificate
 * pool's authority; a group mapping has none), prepared once so each
 * keystroke only compares strings.
 */
export type IndexedEntry = {
  kind: SearchKind;
  item: SearchItem;
  /** The identity claim or external identifier; empty for a group mapping. */
  identity: string;
  parentId: string | undefined;
  parentName: string | undefined;
  /** Each searched field in lower case. */
  folded: Record<SearchField, string>;
  /** `metadata.updated_at` in ms since the epoch; NaN when absent or unreadable. */
  updatedAt: number;
};

/** An entry of the search (it was pools only before). */
export type IndexedPool = IndexedEntry;

export type SearchCriteria = {
  /** What was typed: every whitespace-separated word must match. */
  query: string;
  /** Only this parent's objects (a provider's or an authority's), when set. */
  parentId?: string;
  /** Only this kind of object, when set. */
  kind?: SearchKind;
  sort: SearchSort;
};

function indexed(
  kind: SearchKind,
  item: SearchItem,
  identity: string,
  parent: { id: string; display_name: string } | undefined,
): IndexedEntry {
  return {
    kind,
    item,
    identity,
    parentId: parent?.id,
    parentName: parent?.display_name,
    folded: {
      display_name: item.display_name.toLowerCase(),
      id: item.id.toLowerCase(),
      identity: identity.toLowerCase(),
      filter: item.filter.toLowerCase(),
    },
    updatedAt: Date.parse(item.metadata?.updated_at ?? ''),
  };
}

/** A provider's identity pools. */
export function indexPools(
  provider: { id: string; display_name: string },
  pools: readonly Pool[],
): IndexedEntry[] {
  return pools.map((pool) =>
    indexed('identity-pool', pool, pool.identity_claim, provider),
  );
}

/** The organization's SSO group mappings. */
export function indexGroupMappings(
  mappings: readonly GroupMapping[],
): IndexedEntry[] {
  return mappings.map((mapping) =>
    indexed('group-mapping', mapping, '', undefined),
  );
}

/** A certificate authority's certificate pools. */
export function indexCertificatePools(
  authority: { id: string; display_name: string },
  pools: readonly CertificatePool[],
): IndexedEntry[] {
  return pools.map((pool) =>
    indexed('certificate-pool', pool, pool.external_identifier, authority),
  );
}

/** The words of a query, lower-cased, without repeats; none for a blank query. */
export function parseTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
}

/** Every term appears in at least one field (a term may match a different field than another). */
export function matchesTerms(
  entry: IndexedEntry,
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

function byName(a: IndexedEntry, b: IndexedEntry): number {
  return (
    compareText(a.item.display_name, b.item.display_name) ||
    compareText(a.parentName ?? '', b.parentName ?? '') ||
    compareText(a.item.id, b.item.id)
  );
}

function byUpdate(a: IndexedEntry, b: IndexedEntry, descending: boolean) {
  const aKnown = !Number.isNaN(a.updatedAt);
  const bKnown = !Number.isNaN(b.updatedAt);
  // An object without a time goes last whichever way the list runs.
  if (aKnown !== bKnown) return aKnown ? -1 : 1;
  const order = aKnown ? a.updatedAt - b.updatedAt : 0;
  return (descending ? -order : order) || byName(a, b);
}

/** Orders entries by `sort`, names breaking ties; the input is not changed. */
export function sortPools(
  entries: readonly IndexedEntry[],
  sort: SearchSort,
): IndexedEntry[] {
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
  entries: readonly IndexedEntry[],
  criteria: SearchCriteria,
): IndexedEntry[] {
  const terms = parseTerms(criteria.query);
  const matching = entries.filter(
    (entry) =>
      (!criteria.parentId || entry.parentId === criteria.parentId) &&
      (!criteria.kind || entry.kind === criteria.kind) &&
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
