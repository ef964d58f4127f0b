import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider.tsx';
import { routes } from '@/app/router.tsx';
import { createQueryClient } from '@/lib/query-client.ts';

/**
 * Renders the whole app at `path`, with a fresh QueryClient (no retries) and
 * a memory router; the SPA talks to the real test server.
 */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient({ retries: false });
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, user, router, queryClient };
}
