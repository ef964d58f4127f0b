import { useQuery } from '@tanstack/react-query';
import type { Crumb } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { poolQueries } from '../api/queries.ts';
import { PoolLoadError } from './pool-load-error.tsx';

/**
 * A pool as the screens about it show it: its query, its crumb (its id
 * until the name loads), and what replaces the screen if it never loaded.
 * A failed background refetch keeps what is on screen (its toast says so),
 * so nothing typed on it is unmounted.
 */
export function usePoolPage(providerId: string, poolId: string) {
  const query = useQuery(poolQueries.detail(providerId, poolId));
  const crumb: Crumb = {
    label: query.data?.display_name ?? poolId,
    href: paths.pool.getHref(providerId, poolId),
  };
  const failure =
    query.isError && query.data === undefined ? (
      <PoolLoadError
        error={query.error}
        providerId={providerId}
        onRetry={() => void query.refetch()}
      />
    ) : undefined;
  return { query, crumb, failure };
}
