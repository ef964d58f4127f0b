import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { useGroupMappingPage } from '@/features/group-mappings/detail/use-group-mapping-page.tsx';
import { GroupMappingEditor } from '@/features/group-mappings/form/group-mapping-editor.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function GroupMappingEditRoute() {
  const { groupMappingId = '' } = useParams();
  const mapping = useGroupMappingPage(groupMappingId);
  const { canWrite } = useWriteAccess();
  const name = mapping.query.data?.display_name;
  const title = name === undefined ? 'Edit group mapping' : `Edit ${name}`;
  useDocumentTitle(title);

  return (
    <ResourceScreen
      crumbs={[...mapping.crumbs, { label: 'Edit' }]}
      failure={mapping.failure}
      // The refusal does not wait for the mapping; the form does.
      title={name === undefined && canWrite ? undefined : title}
    >
      <WriteAccessGate
        refusal="You cannot edit group mappings"
        backHref={groupMappingPaths.detail.getHref(groupMappingId)}
        backLabel="Back to the group mapping"
      >
        <GroupMappingEditor id={groupMappingId} mapping={mapping.query.data} />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
