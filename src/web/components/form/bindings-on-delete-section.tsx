import { Suspense, useId, type ReactNode } from 'react';

/**
 * Where a delete dialog accounts for the role bindings that go: the
 * heading names the principal at once, and `children` (a lazily loaded
 * BindingsOnDelete, whose chunk a page that is only read never needs)
 * follow when their chunk arrives.
 */
export function BindingsOnDeleteSection({
  principal,
  children,
}: {
  /** As role bindings name it: `User:pool-…`, `User:group-…`. */
  principal: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <h3 id={headingId} className="font-medium text-slate-900">
        Role bindings of{' '}
        <code className="font-mono text-xs break-all">{principal}</code>
      </h3>
      <Suspense fallback={<p role="status">Looking up its role bindings…</p>}>
        {children}
      </Suspense>
    </section>
  );
}
