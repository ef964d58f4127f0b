import { Skeleton } from '../ui/skeleton.tsx';

/** What a screen shows while its code loads: the outline of a page. */
export function ScreenSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-3">
      {/* Every state of a page has its title, this one included. */}
      <h1 className="sr-only">Loading…</h1>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}
