import { Link, Outlet } from 'react-router';
import { paths } from '@/config/paths.ts';

export function AppLayout() {
  return (
    <div className="min-h-screen bg-slate-50 font-sans text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
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
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
