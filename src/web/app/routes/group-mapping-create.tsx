import { useSearchParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { GroupMappingCreator } from '@/features/group-mappings/form/group-mapping-creator.tsx';
import { GROUP_MAPPINGS_CRUMB } from '@/features/group-mappings/detail/use-group-mapping-page.tsx';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function GroupMappingCreateRoute() {
  // ?copy_of=: what the form starts from.
  const [searchParams] = useSearchParams();
  useDocumentTitle('New group mapping');
  return (
    <ResourceScreen
      crumbs={[GROUP_MAPPINGS_CRUMB, { label: 'New group mapping' }]}
      title="New group mapping"
    >
      <WriteAccessGate
        refusal="You cannot create group mappings"
        backHref={groupMappingPaths.list.getHref()}
        backLabel="Back to the group mappings"
      >
        <GroupMappingCreator searchParams={searchParams} />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
