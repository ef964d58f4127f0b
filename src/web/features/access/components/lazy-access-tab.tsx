import { lazy, Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import type { AccessTabProps } from './access-tab.tsx';

// The tab brings the role catalogue, the CRN module, zod and the grant
// form: load them only when the tab is opened.
const AccessTabChunk = lazy(() =>
  import('./access-tab.tsx').then((module) => ({
    default: module.AccessTab,
  })),
);

/**
 * The Access tab of any federation object, loaded when first shown. Props
 * are {@link AccessTabProps}:
 *
 * ```tsx
 * <LazyAccessTab principalId={pool.id} readOnlyReason={access.reason} risk={…} />   // identity pool
 * <LazyAccessTab principalId={mapping.id} kind="group-mapping" filter={mapping.filter} displayName={mapping.display_name} readOnlyReason={access.reason} />
 * <LazyAccessTab principalId={pool.id} kind="certificate-pool" filter={pool.filter} displayName={pool.display_name} readOnlyReason={access.reason} />
 * ```
 */
export function LazyAccessTab(props: AccessTabProps) {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <AccessTabChunk {...props} />
    </Suspense>
  );
}
