import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths.ts';
import { ConnectivityBanner } from './connectivity-banner.tsx';
import { KeyboardShortcuts } from './keyboard-shortcuts.tsx';
import { RateBudgetIndicator } from './rate-budget-indicator.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

// Its own chunk, loaded after the first screen: only a demo shows it.
const DemoNotice = lazy(async () => ({
  default: (await import('./demo-notice.tsx')).DemoNotice,
}));

/**
 * The page frame: skip link, header (brand, `nav`, the API budget when low,
 * keyboard shortcuts, the theme, `account`), the connectivity banner, and main.
 */
export function AppLayout({
  nav,
  account,
  children,
}: {
  /** Links to the console's sections, after the brand. */
  nav?: ReactNode;
  /** Who is signed in, at the end of the header. */
  account?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-50 font-sans text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2">
          <Link
            to={paths.home.getHref()}
            className="flex items-center gap-2 font-semibold"
          >
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Lifeguard
          </Link>
          <span className="text-sm text-slate-600">
            Confluent Cloud identity pools
          </span>
          {nav && (
            <nav aria-label="Sections" className="ml-2 flex gap-3 text-sm">
              {nav}
            </nav>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <RateBudgetIndicator />
            <KeyboardShortcuts />
            <ThemeToggle />
            {account}
          </div>
        </div>
        {/* On the header's edge, out of its flow: it appears once /healthz
            has answered, and must not push the page down (layout shift). */}
        <Suspense fallback={null}>
          <DemoNotice />
        </Suspense>
      </header>
      <ConnectivityBanner />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
