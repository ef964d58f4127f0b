import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// The tester brings the CEL parser and evaluator: load them only on the
// screens that show it.
const GroupTesterChunk = lazy(() =>
  import('./group-tester.tsx').then((module) => ({
    default: module.GroupTester,
  })),
);

export function LazyGroupTester(
  props: ComponentProps<typeof GroupTesterChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <GroupTesterChunk {...props} />
    </Suspense>
  );
}
