import { createBrowserRouter, type RouteObject } from 'react-router';
import {
  NotFoundMessage,
  RouteErrorBoundary,
} from '@/components/errors/route-error-boundary.tsx';
import { paths } from '@/config/paths.ts';
import { RootLayout } from './root-layout.tsx';
import { AuditRoute } from './routes/audit.tsx';
import { PoolCreateRoute } from './routes/pool-create.tsx';
import { PoolDetailRoute } from './routes/pool-detail.tsx';
import { PoolEditRoute } from './routes/pool-edit.tsx';
import { ProviderCreateRoute } from './routes/provider-create.tsx';
import { ProviderDetailRoute } from './routes/provider-detail.tsx';
import { ProviderEditRoute } from './routes/provider-edit.tsx';
import { ProviderPoolsRoute } from './routes/provider-pools.tsx';
import { ProvidersRoute } from './routes/providers.tsx';
import { SearchRoute } from './routes/search.tsx';

/** Every screen; each route has its own error boundary. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        errorElement: <RouteErrorBoundary />,
        children: [
          { path: paths.home.path, element: <ProvidersRoute /> },
          { path: paths.provider.path, element: <ProviderPoolsRoute /> },
          { path: paths.providerNew.path, element: <ProviderCreateRoute /> },
          {
            path: paths.providerDetail.path,
            element: <ProviderDetailRoute />,
          },
          { path: paths.providerEdit.path, element: <ProviderEditRoute /> },
          { path: paths.poolNew.path, element: <PoolCreateRoute /> },
          { path: paths.pool.path, element: <PoolDetailRoute /> },
          { path: paths.poolEdit.path, element: <PoolEditRoute /> },
          { path: paths.audit.path, element: <AuditRoute /> },
          { path: paths.search.path, element: <SearchRoute /> },
          { path: '*', element: <NotFoundMessage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
