import { lazy, Suspense, useId, type ComponentProps } from 'react';

// Loaded when the delete dialog opens: the access computation and the
// bindings query are of no use to a page that is only being read.
const BindingsChunk = lazy(() =>
  import('./mapping-bindings-on-delete.tsx').then((module) => ({
    default: module.MappingBindingsOnDelete,
  })),
);

/**
 * The delete dialog's account of the mapping's role bindings; the heading
 * names the principal at once, the list follows with its chunk.
 */
export function LazyMappingBindingsOnDelete(
  props: ComponentProps<typeof BindingsChunk>,
) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <h3 id={headingId} className="font-medium text-slate-900">
        Role bindings of{' '}
        <code className="font-mono text-xs break-all">{props.principal}</code>
      </h3>
      <Suspense fallback={<p role="status">Looking up its role bindings…</p>}>
        <BindingsChunk {...props} />
      </Suspense>
    </section>
  );
}
