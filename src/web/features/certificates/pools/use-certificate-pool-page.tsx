import { useQuery } from '@tanstack/react-query';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import type { Crumb } from '@/components/ui/breadcrumbs.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { ApiError } from '@/lib/errors.ts';
import { certificatePoolQueries } from '../api/queries.ts';

/**
 * A certificate pool as the screens about it show it: its query, its crumb
 * (its id until the name loads), and what replaces the screen if it never
 * loaded, with the way back to its authority.
 */
export function useCertificatePoolPage(caId: string, poolId: string) {
  const query = useQuery(certificatePoolQueries.detail(caId, poolId));
  const crumb: Crumb = {
    label: query.data?.display_name ?? poolId,
    href: certificatePaths.pool.getHref(caId, poolId),
  };
  const isMissing =
    query.error instanceof ApiError && query.error.status === 404;
  const failure =
    query.isError && query.data === undefined ? (
      <>
        <h1 className="mb-4 text-2xl font-semibold">
          {isMissing
            ? 'Certificate pool not found'
            : 'This certificate pool could not be loaded'}
        </h1>
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.refetch()}
          backHref={certificatePaths.authority.getHref(caId)}
          backLabel="Back to the certificate authority"
        />
      </>
    ) : undefined;
  return { query, crumb, failure };
}
