import './lib/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';
import { createGuardedBrowserHistory } from './lib/navigation-guard.ts';
import { AppProvider } from './app/provider.tsx';
import { AppRouter } from './app/router.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <AppRouter history={createGuardedBrowserHistory()} />
    </AppProvider>
  </StrictMode>,
);
