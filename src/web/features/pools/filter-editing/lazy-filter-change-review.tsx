import { lazy, Suspense, type ComponentProps } from 'react';

const FilterChangeReviewChunk = lazy(() =>
  import('./filter-change-review.tsx').then((module) => ({
    default: module.FilterChangeReview,
  })),
);

export function LazyFilterChangeReview(
  props: ComponentProps<typeof FilterChangeReviewChunk>,
) {
  return (
    <Suspense fallback={null}>
      <FilterChangeReviewChunk {...props} />
    </Suspense>
  );
}
