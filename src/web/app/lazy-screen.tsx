import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { RouteErrorBoundary } from '@/components/errors/route-error-boundary.tsx';
import { ScreenSkeleton } from '@/components/layouts/screen-skeleton.tsx';

/**
 * A screen loaded when first visited: only the providers list ships with the
 * first screen (budget in bench/bundle.bench.ts).
 */
export function lazyScreen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  const Screen = lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType };
  });
  return <Screen />;
}

/** Each screen gets its own error boundary and loading placeholder. */
export function screen(element: ReactNode) {
  return (
    <RouteErrorBoundary>
      <Suspense fallback={<ScreenSkeleton />}>{element}</Suspense>
    </RouteErrorBoundary>
  );
}
