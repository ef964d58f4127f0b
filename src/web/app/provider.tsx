import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTheme } from '@/hooks/use-theme.ts';
import { loadToasts } from '@/lib/notify.ts';
import { createQueryClient } from '@/lib/query-client.ts';

// Loaded right after the first screen, which shows no toast.
const Toaster = lazy(async () => ({ default: (await loadToasts()).Toaster }));

/** Everything every screen relies on: the query client, toasts, the theme. */
export function AppProvider({
  children,
  queryClient,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  // Keeps <html data-theme> current for every screen, sign-in included.
  const { theme } = useTheme();
  return (
    <QueryClientProvider client={client}>
      {children}
      <Suspense fallback={null}>
        <Toaster position="bottom-right" closeButton theme={theme} />
      </Suspense>
    </QueryClientProvider>
  );
}
