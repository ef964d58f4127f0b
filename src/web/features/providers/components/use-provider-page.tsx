import { useQuery } from '@tanstack/react-query';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import type { Crumb } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { providerQueries } from '../api/queries.ts';

/**
 * A provider as the screens under it show it: its query, the crumbs down to
 * it (Identity providers › its name, its id until the name loads), and what
 * replaces the screen if it never loaded. A failed background refetch keeps
 * what is on screen (its toast says so), so nothing typed on it is unmounted.
 */
export function useProviderPage(providerId: string) {
  const query = useQuery(providerQueries.detail(providerId));
  const crumbs: Crumb[] = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: query.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
  ];
  const failure =
    query.isError && query.data === undefined ? (
      <ApiErrorView error={query.error} onRetry={() => void query.refetch()} />
    ) : undefined;
  return { query, crumbs, failure };
}
