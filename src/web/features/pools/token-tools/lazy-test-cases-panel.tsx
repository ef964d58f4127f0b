import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// Runs the filter engine: loaded with it, only where test cases show.
const TestCasesPanelChunk = lazy(() =>
  import('./test-cases-panel.tsx').then((module) => ({
    default: module.TestCasesPanel,
  })),
);

export function LazyTestCasesPanel(
  props: ComponentProps<typeof TestCasesPanelChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-32 w-full" />}>
      <TestCasesPanelChunk {...props} />
    </Suspense>
  );
}
