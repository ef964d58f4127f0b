import { queryOptions } from '@tanstack/react-query';
import {
  walkPages,
  type PacedWalkOptions,
  type WalkProgress,
} from '@/lib/paced-walk.ts';
import { listCertificatePools, type CertificatePool } from './pools.ts';
import { certificatePoolQueries } from './queries.ts';

/**
 * Every certificate pool of an authority, walked page by page at the API
 * budget's pace (see {@link walkPages}: waits, retries, abort, progress).
 */
export function listAllCertificatePools(
  caId: string,
  options: PacedWalkOptions,
): Promise<CertificatePool[]> {
  return walkPages(
    (page, signal) => listCertificatePools({ caId, ...page }, signal),
    options,
  );
}

/** A walk costs a request per 100 pools: its copy stays fresh for a while. */
const ALL_POOLS_STALE_MS = 5 * 60_000;

/**
 * Every pool of an authority, kept under its lists' key, so a write that
 * refreshes them refreshes this too; `onProgress` hears the walk.
 */
export function allCertificatePoolsQuery(
  caId: string,
  onProgress: (progress: WalkProgress) => void = () => {},
) {
  // The progress callback is not part of the data: one cached walk serves
  // whoever listens.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      ...certificatePoolQueries.authorityLists(caId),
      'every',
    ] as const,
    queryFn: ({ signal }) =>
      listAllCertificatePools(caId, { signal, onProgress }),
    // The walker already retries each failed page as the policy says.
    retry: false,
    staleTime: ALL_POOLS_STALE_MS,
  });
}
