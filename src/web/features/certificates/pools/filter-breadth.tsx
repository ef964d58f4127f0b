import { isMatchAllFilter } from '#filter/match-all.ts';

/**
 * What a certificate pool's filter lets in when it is one of the two
 * extremes: nothing (an empty filter is false) or every certificate the
 * authority issued (`true`). A text check, cheap enough for every row.
 */
export function filterBreadth(filter: string): 'none' | 'all' | undefined {
  if (filter.trim() === '') return 'none';
  if (isMatchAllFilter(filter)) return 'all';
  return undefined;
}

/** A badge for a filter that admits nothing or everything. */
export function FilterBreadthBadge({ filter }: { filter: string }) {
  const breadth = filterBreadth(filter);
  if (breadth === 'none') {
    return (
      <span className="mt-1 inline-block rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800">
        Matches no certificate
      </span>
    );
  }
  if (breadth === 'all') {
    return (
      <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
        Matches every certificate of this authority
      </span>
    );
  }
  return null;
}
