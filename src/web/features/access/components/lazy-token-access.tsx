import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// The summary brings the CRN module and the access computation: load them
// only once a token lands somewhere.
const TokenAccessChunk = lazy(() =>
  import('./token-access.tsx').then((module) => ({
    default: module.TokenAccess,
  })),
);

export function LazyTokenAccess(
  props: ComponentProps<typeof TokenAccessChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-24 w-full" />}>
      <TokenAccessChunk {...props} />
    </Suspense>
  );
}
