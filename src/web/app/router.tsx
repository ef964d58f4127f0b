import {
  startTransition,
  useLayoutEffect,
  useState,
  type ReactNode,
} from 'react';
import { Router, useRoutes, type RouteObject } from 'react-router';
import { NotFoundMessage } from '@/components/errors/route-error-boundary.tsx';
import {
  CERTIFICATE_AUTHORITIES,
  GROUP_MAPPINGS,
} from '@/config/federation-routes.ts';
import { paths } from '@/config/paths.ts';
import {
  GuardedHistoryProvider,
  type GuardedHistory,
} from '@/lib/navigation-guard.ts';
import { lazyScreen, screen } from './lazy-screen.tsx';
import { RootLayout } from './root-layout.tsx';
import { ProvidersRoute } from './routes/providers.tsx';

/** Every screen. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    children: [
      { path: paths.home.path, element: screen(<ProvidersRoute />) },
      {
        path: paths.provider.path,
        element: screen(
          lazyScreen(
            () => import('./routes/provider-pools.tsx'),
            'ProviderPoolsRoute',
          ),
        ),
      },
      {
        path: paths.providerNew.path,
        element: screen(
          lazyScreen(
            () => import('./routes/provider-create.tsx'),
            'ProviderCreateRoute',
          ),
        ),
      },
      {
        path: paths.providerDetail.path,
        element: screen(
          lazyScreen(
            () => import('./routes/provider-detail.tsx'),
            'ProviderDetailRoute',
          ),
        ),
      },
      {
        path: paths.providerEdit.path,
        element: screen(
          lazyScreen(
            () => import('./routes/provider-edit.tsx'),
            'ProviderEditRoute',
          ),
        ),
      },
      {
        path: paths.poolNew.path,
        element: screen(
          lazyScreen(
            () => import('./routes/pool-create.tsx'),
            'PoolCreateRoute',
          ),
        ),
      },
      {
        path: paths.pool.path,
        element: screen(
          lazyScreen(
            () => import('./routes/pool-detail.tsx'),
            'PoolDetailRoute',
          ),
        ),
      },
      {
        path: paths.poolEdit.path,
        element: screen(
          lazyScreen(() => import('./routes/pool-edit.tsx'), 'PoolEditRoute'),
        ),
      },
      {
        path: paths.audit.path,
        element: screen(
          lazyScreen(() => import('./routes/audit.tsx'), 'AuditRoute'),
        ),
      },
      {
        path: paths.search.path,
        element: screen(
          lazyScreen(() => import('./routes/search.tsx'), 'SearchRoute'),
        ),
      },
      {
        path: paths.resourceAccess.path,
        element: screen(
          lazyScreen(
            () => import('./routes/resource-access.tsx'),
            'ResourceAccessRoute',
          ),
        ),
      },
      // Each federation section loads its own routes with its first screen.
      {
        path: `${GROUP_MAPPINGS}/*`,
        element: screen(
          lazyScreen(
            () => import('./federation-screens.tsx'),
            'GroupMappingScreens',
          ),
        ),
      },
      {
        path: `${CERTIFICATE_AUTHORITIES}/*`,
        element: screen(
          lazyScreen(
            () => import('./federation-screens.tsx'),
            'CertificateScreens',
          ),
        ),
      },
      { path: '*', element: screen(<NotFoundMessage />) },
    ],
  },
];

function AppRoutes() {
  return useRoutes(routes);
}

/**
 * React Router's `HistoryRouter`, except for when it renders: a change of
 * screen is a transition (the old screen stays while the new one's code
 * loads), a change within the screen (a page, a sort, a tab in the query)
 * renders at once, in the same frame as the click when it can; as a
 * transition it was sliced into 5 ms tasks and painted ~10 ms later.
 */
function ScreenRouter({
  history,
  children,
}: {
  history: GuardedHistory;
  children: ReactNode;
}) {
  const [state, setState] = useState(() => ({
    action: history.action,
    location: history.location,
  }));
  useLayoutEffect(() => {
    let pathname = history.location.pathname;
    return history.listen(({ action, location }) => {
      const isSameScreen = location.pathname === pathname;
      pathname = location.pathname;
      if (isSameScreen) {
        setState({ action, location });
      } else {
        startTransition(() => setState({ action, location }));
      }
    });
  }, [history]);
  return (
    <Router
      location={state.location}
      navigationType={state.action}
      navigator={history}
    >
      {children}
    </Router>
  );
}

/** The console's screens over `history` (the browser's, or memory in tests). */
export function AppRouter({ history }: { history: GuardedHistory }) {
  return (
    <GuardedHistoryProvider value={history}>
      <ScreenRouter history={history}>
        <AppRoutes />
      </ScreenRouter>
    </GuardedHistoryProvider>
  );
}
