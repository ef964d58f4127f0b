import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  parseListSearch,
  toListSearchParams,
  type ListParamsOptions,
  type ListSearch,
} from '@/lib/list-params.ts';

/**
 * A paged list's state, read from the URL and written back to it
 * (lib/list-params.ts): `update` changes some fields and keeps the rest,
 * `setPageSize` starts over on the first page with the filter and sort kept.
 */
export function useListParams({ sortKeys, isScoped }: ListParamsOptions) {
  const [searchParams, setSearchParams] = useSearchParams();
  // One object per URL, so memos over the rows keep between renders.
  const search = useMemo(
    () => parseListSearch(searchParams, { sortKeys, isScoped }),
    [searchParams, sortKeys, isScoped],
  );
  const update = (changes: Partial<ListSearch>) =>
    setSearchParams(toListSearchParams({ ...search, ...changes }));
  const setPageSize = (pageSize: number) =>
    setSearchParams(
      toListSearchParams({
        page_size: pageSize,
        q: search.q,
        sort: search.sort,
      }),
    );
  return { search, update, setPageSize };
}
