import { queryOptions } from '@tanstack/react-query';
import { SESSION_QUERY_KEY } from '@/lib/query-client.ts';
import { getSession } from './session.ts';

export const sessionQueries = {
  all: () => SESSION_QUERY_KEY,
  current: () =>
    queryOptions({
      queryKey: sessionQueries.all(),
      queryFn: ({ signal }) => getSession(signal),
      // Coming back to the tab after the session ended should say so then,
      // not when a half-typed form is saved.
      refetchOnWindowFocus: true,
    }),
};
