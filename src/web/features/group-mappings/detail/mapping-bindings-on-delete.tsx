import { effectiveAccess } from '#contract/effective-access.ts';
import { BindingsOnDelete } from '@/components/form/bindings-on-delete.tsx';
import { groupMappingBindingQueries } from '../api/role-bindings.ts';

const WORDING = {
  unlisted: 'Whatever it grants stops reaching SSO users when it is deleted.',
  none: 'It holds no role bindings: SSO users lose nothing through it.',
  some: (count: string, total: number) =>
    `Its ${count} go with it: SSO users it maps lose what ${total === 1 ? 'it grants' : 'they grant'}.`,
  listLabel: 'Role bindings that go with the group mapping',
};

/**
 * The role bindings a mapping's principal holds and what deleting the
 * mapping does to them, as the access they give (one entry per role and
 * resource).
 */
export function MappingBindingsOnDelete({
  id,
  principal,
}: {
  id: string;
  /** `User:group-…`. */
  principal: string;
}) {
  return (
    <BindingsOnDelete
      bindingsQuery={(organizationId) =>
        groupMappingBindingQueries.firstPage(id, principal, organizationId)
      }
      wording={WORDING}
      items={(listed) =>
        effectiveAccess(listed.map((binding) => ({ poolId: id, binding }))).map(
          (entry) => ({
            key: `${entry.role} ${entry.crnPattern}`,
            content: entry.description,
          }),
        )
      }
    />
  );
}
