import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import { TooltipProvider } from '@/components/ui/tooltip.tsx';
import { useTheme } from '@/hooks/use-theme.ts';
import { createQueryClient } from '@/lib/query-client.ts';

/** Everything every screen relies on: the query client, tooltips, toasts, the theme. */
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
      <TooltipProvider delayDuration={300}>
        {children}
        <Toaster position="bottom-right" closeButton theme={theme} />
      </TooltipProvider>
    </QueryClientProvider>
  );
}
