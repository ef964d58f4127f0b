import { lazy, Suspense, type ComponentProps } from 'react';

// The check brings the filter linter and the access computation: load them
// only where an existing pool's filter is edited.
const FilterAccessRiskChunk = lazy(() =>
  import('./filter-access-risk.tsx').then((module) => ({
    default: module.FilterAccessRisk,
  })),
);

export function LazyFilterAccessRisk(
  props: ComponentProps<typeof FilterAccessRiskChunk>,
) {
  return (
    <Suspense fallback={null}>
      <FilterAccessRiskChunk {...props} />
    </Suspense>
  );
}
