import { lazy, type ComponentProps } from 'react';
import { BindingsOnDeleteSection } from '@/components/form/bindings-on-delete-section.tsx';

// Loaded when the delete dialog opens: the CRN parser and the bindings
// query are of no use to a pool page that is only being read.
const PoolBindingsChunk = lazy(() =>
  import('./pool-bindings-on-delete.tsx').then((module) => ({
    default: module.PoolBindingsOnDelete,
  })),
);

/** The delete dialog's account of the pool's role bindings. */
export function LazyPoolBindingsOnDelete({
  principal,
  ...props
}: ComponentProps<typeof PoolBindingsChunk> & {
  /** The pool's principal, as its bindings name it after `User:`. */
  principal: string;
}) {
  return (
    <BindingsOnDeleteSection principal={`User:${principal}`}>
      <PoolBindingsChunk {...props} />
    </BindingsOnDeleteSection>
  );
}
