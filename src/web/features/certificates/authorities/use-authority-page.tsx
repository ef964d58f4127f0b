import { useQuery } from '@tanstack/react-query';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import type { Crumb } from '@/components/ui/breadcrumbs.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { ApiError } from '@/lib/errors.ts';
import { authorityQueries } from '../api/queries.ts';

/**
 * An authority as the screens under it show it: its query, the crumbs down
 * to it (Certificate authorities › its name, its id until the name loads),
 * and what replaces the screen if it never loaded. A failed background
 * refetch keeps what is on screen (its toast says so).
 */
export function useAuthorityPage(caId: string) {
  const query = useQuery(authorityQueries.detail(caId));
  const crumbs: Crumb[] = [
    {
      label: 'Certificate authorities',
      href: certificatePaths.list.getHref(),
    },
    {
      label: query.data?.display_name ?? caId,
      href: certificatePaths.authority.getHref(caId),
    },
  ];
  const isMissing =
    query.error instanceof ApiError && query.error.status === 404;
  const failure =
    query.isError && query.data === undefined ? (
      <>
        {/* Every screen has a title (axe page-has-heading-one). */}
        <h1 className="mb-4 text-2xl font-semibold">
          {isMissing
            ? 'Certificate authority not found'
            : 'This certificate authority could not be loaded'}
        </h1>
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.refetch()}
          backHref={certificatePaths.list.getHref()}
          backLabel="Back to certificate authorities"
        />
      </>
    ) : undefined;
  return { query, crumbs, failure, isMissing };
}
