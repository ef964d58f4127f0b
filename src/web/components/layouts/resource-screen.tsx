import type { ReactNode } from 'react';
import { Breadcrumbs, type Crumb } from '../ui/breadcrumbs.tsx';
import { HeadingSkeleton } from '../ui/skeleton.tsx';

/**
 * The frame of a screen about one record (a provider, a pool, a form for
 * one): where it sits, its heading with the actions beside it, then the
 * screen itself. `failure` replaces everything under the crumbs, e.g. when
 * the record never loaded, so the way back stays on screen.
 */
export function ResourceScreen({
  crumbs,
  failure,
  title,
  subtitle,
  actions,
  children,
}: {
  crumbs: Crumb[];
  failure?: ReactNode;
  /** The heading; a placeholder of its size while the record loads. */
  title: string | undefined;
  /** Under the heading: what identifies the record, links to its other screens. */
  subtitle?: ReactNode;
  /** Beside the heading (see ScreenActions). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <Breadcrumbs items={crumbs} />
      {failure ? (
        <>
          {/* The screen keeps a heading when its record never loaded: the
              id it was asked for, as the last crumb shows it. */}
          <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
            {title ?? crumbs.at(-1)?.label}
          </h1>
          {failure}
        </>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
            <div>
              <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">
                {title ?? <HeadingSkeleton />}
              </h1>
              {subtitle}
            </div>
            {actions}
          </div>
          {children}
        </>
      )}
    </>
  );
}
