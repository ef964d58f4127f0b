import { lazy, Suspense, useId, type ComponentProps } from 'react';

// Loaded when the delete dialog opens: the CRN parser and the bindings
// query are of no use to a pool page that is only being read.
const PoolBindingsChunk = lazy(() =>
  import('./pool-bindings-on-delete.tsx').then((module) => ({
    default: module.PoolBindingsOnDelete,
  })),
);

/**
 * The delete dialog's account of the pool's role bindings; the heading
 * names the principal at once, the list follows with its chunk.
 */
export function LazyPoolBindingsOnDelete({
  principal,
  ...props
}: ComponentProps<typeof PoolBindingsChunk> & {
  /** The pool's principal, as its bindings name it after `User:`. */
  principal: string;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <h3 id={headingId} className="font-medium text-slate-900">
        Role bindings of{' '}
        <code className="font-mono text-xs break-all">User:{principal}</code>
      </h3>
      <Suspense fallback={<p role="status">Looking up its role bindings…</p>}>
        <PoolBindingsChunk {...props} />
      </Suspense>
    </section>
  );
}
