import { infiniteQueryOptions } from '@tanstack/react-query';
import { AUDIT_PAGE_SIZE } from '#contract/audit.ts';
import { listAuditEntries, type AuditFilters } from './audit.ts';

export const auditQueries = {
  all: () => ['audit'] as const,
  lists: () => [...auditQueries.all(), 'list'] as const,
  /** Newest first; each further page holds older entries (`before` the last id). */
  list: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.lists(), filters],
      queryFn: ({ pageParam, signal }) =>
        listAuditEntries(
          { ...filters, before: pageParam, page_size: AUDIT_PAGE_SIZE },
          signal,
        ),
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (page) => page.next ?? undefined,
      // A log grows with every write anywhere in the console: read it again
      // whenever it is shown.
      staleTime: 0,
    }),
};
