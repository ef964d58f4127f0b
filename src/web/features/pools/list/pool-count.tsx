import { useQuery } from '@tanstack/react-query';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { poolQueries } from '../api/queries.ts';

/** A provider's number of pools, from the list envelope's total_size. */
export function PoolCount({ providerId }: { providerId: string }) {
  const query = useQuery(poolQueries.list({ providerId, pageSize: 1 }));
  if (query.isPending) return <Skeleton className="ml-auto h-5 w-8" />;
  if (query.isError) return <span title={query.error.message}>—</span>;
  return <>{query.data.metadata.total_size ?? query.data.data?.length ?? 0}</>;
}
