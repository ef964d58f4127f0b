import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo } from '#contract/auth.ts';
import { AppProvider } from '@/app/provider.tsx';
import { AppRouter } from '@/app/router.tsx';
import { sessionQueries } from '@/features/session/api/queries.ts';
import { createGuardedMemoryHistory } from '@/lib/navigation-guard.ts';
import { createQueryClient } from '@/lib/query-client.ts';

/** What the test server (AUTH_MODE=none) answers for the session. */
export const LOCAL_SESSION: SessionInfo = {
  mode: 'none',
  user: { id: 'local', name: 'Local user', role: 'admin' },
};

/** A signed-in viewer (AUTH_MODE=password), to start the app with. */
export const VIEWER_SESSION: SessionInfo = {
  mode: 'password',
  user: { id: 'vera', name: 'Vera Viewer', role: 'viewer' },
};

/**
 * Renders the whole app at `path`, with a fresh QueryClient (no retries) and
 * a memory router; the SPA talks to the real test server. `session` starts
 * the app with that session already known (fresh for the client's
 * staleTime), e.g. a viewer's, which the test server itself never answers.
 * `queryClient` replaces the default one, e.g. to test retries.
 */
export function renderApp(
  path: string,
  options: { session?: SessionInfo; queryClient?: QueryClient } = {},
) {
  const history = createGuardedMemoryHistory(path);
  // The shape of a data router's, which the tests were written against.
  const router = {
    state: {
      get location() {
        return history.location;
      },
    },
    navigate(delta: number) {
      history.go(delta);
    },
  };
  const queryClient =
    options.queryClient ?? createQueryClient({ retries: false });
  if (options.session) {
    queryClient.setQueryData(
      sessionQueries.current().queryKey,
      options.session,
    );
  }
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <AppRouter history={history} />
    </AppProvider>,
  );
  return { ...view, user, router, queryClient };
}
