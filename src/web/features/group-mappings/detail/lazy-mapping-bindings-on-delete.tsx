import { lazy, type ComponentProps } from 'react';
import { BindingsOnDeleteSection } from '@/components/form/bindings-on-delete-section.tsx';

// Loaded when the delete dialog opens: the access computation and the
// bindings query are of no use to a page that is only being read.
const BindingsChunk = lazy(() =>
  import('./mapping-bindings-on-delete.tsx').then((module) => ({
    default: module.MappingBindingsOnDelete,
  })),
);

/** The delete dialog's account of the mapping's role bindings. */
export function LazyMappingBindingsOnDelete(
  props: ComponentProps<typeof BindingsChunk>,
) {
  return (
    <BindingsOnDeleteSection principal={props.principal}>
      <BindingsChunk {...props} />
    </BindingsOnDeleteSection>
  );
}
