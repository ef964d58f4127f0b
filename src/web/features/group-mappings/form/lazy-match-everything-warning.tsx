import { lazy, Suspense, type ComponentProps } from 'react';

// The linter is part of the filter engine's chunk: load it with the form,
// not before.
const MatchEverythingChunk = lazy(() =>
  import('./match-everything-warning.tsx').then((module) => ({
    default: module.MatchEverythingWarning,
  })),
);

export function LazyMatchEverythingWarning(
  props: ComponentProps<typeof MatchEverythingChunk>,
) {
  return (
    <Suspense fallback={null}>
      <MatchEverythingChunk {...props} />
    </Suspense>
  );
}
