import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// The tab brings the role catalogue, the CRN module, zod and the grant
// form: load them only when the tab is opened.
const AccessTabChunk = lazy(() =>
  import('./access-tab.tsx').then((module) => ({
    default: module.AccessTab,
  })),
);

export function LazyAccessTab(props: ComponentProps<typeof AccessTabChunk>) {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <AccessTabChunk {...props} />
    </Suspense>
  );
}
