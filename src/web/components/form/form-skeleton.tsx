import { Skeleton } from '@/components/ui/skeleton.tsx';

/**
 * A form's outline while its record loads, at its final size: a label and
 * a control of each given height (a Tailwind `h-…` class), then the actions.
 */
export function FormSkeleton({
  className,
  controlHeights,
}: {
  /** The form's own classes, so the outline has its frame. */
  className: string;
  controlHeights: readonly string[];
}) {
  return (
    <div aria-busy="true" className={className}>
      {controlHeights.map((height, index) => (
        <div key={index} className="grid gap-1.5">
          <Skeleton className="h-5 w-28" />
          <Skeleton className={`${height} w-full`} />
        </div>
      ))}
      <div className="flex gap-3 border-t border-slate-100 pt-5">
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-20" />
      </div>
    </div>
  );
}
