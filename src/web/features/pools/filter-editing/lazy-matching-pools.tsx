import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// Shares the filter engine's chunk with the token tester.
const MatchingPoolsChunk = lazy(() =>
  import('./matching-pools.tsx').then((module) => ({
    default: module.MatchingPools,
  })),
);

export function LazyMatchingPools(
  props: ComponentProps<typeof MatchingPoolsChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-40 w-full" />}>
      <MatchingPoolsChunk {...props} />
    </Suspense>
  );
}
