import { DeleteDialog } from '@/components/form/delete-dialog.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import type { GroupMapping } from '../api/group-mappings.ts';
import { useDeleteGroupMapping } from '../api/mutations.ts';
import { groupMappingPrincipal } from '../api/role-bindings.ts';
import { LazyMappingBindingsOnDelete } from './lazy-mapping-bindings-on-delete.tsx';

/**
 * Deleting a mapping takes from every SSO user it maps the roles it gave
 * them, at their next sign-in at the latest, so the name must be typed,
 * not just a button pressed, and the role bindings that go are listed.
 */
export function DeleteGroupMappingDialog({
  mapping,
  onDeleted,
}: {
  mapping: GroupMapping;
  onDeleted: () => void;
}) {
  const remove = useDeleteGroupMapping(mapping.id);
  return (
    <DeleteDialog
      name={mapping.display_name}
      description={
        <p>
          This cannot be undone. SSO users whose groups match its filter no
          longer act as{' '}
          <code className="font-mono text-xs">
            {groupMappingPrincipal(mapping)}
          </code>
          , and its role bindings go with it.
        </p>
      }
      mutation={remove}
      backHref={groupMappingPaths.list.getHref()}
      backLabel="Back to the group mappings"
      onDeleted={onDeleted}
    >
      {/* Informs, never blocks: deleting works while these load or fail. */}
      <LazyMappingBindingsOnDelete
        id={mapping.id}
        principal={groupMappingPrincipal(mapping)}
      />
    </DeleteDialog>
  );
}
