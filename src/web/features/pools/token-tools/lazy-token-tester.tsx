import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// The tester brings the CEL parser and the JWT decoder: load them only on
// the screens that show it.
const TokenTesterChunk = lazy(() =>
  import('./token-tester.tsx').then((module) => ({
    default: module.TokenTester,
  })),
);

export function LazyTokenTester(
  props: ComponentProps<typeof TokenTesterChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <TokenTesterChunk {...props} />
    </Suspense>
  );
}
