import { memo } from 'react';
import { Link } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { GroupMappingList } from '@/features/group-mappings/list/group-mapping-list.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function GroupMappingsRoute() {
  // The address changes with every page of the list; only the list reads
  // it, so the rest of the screen is not rendered again for a new page.
  return <GroupMappings />;
}

const GroupMappings = memo(function GroupMappings() {
  const access = useWriteAccess();
  useDocumentTitle('Group mappings');
  return (
    <ResourceScreen
      crumbs={[{ label: 'Group mappings' }]}
      title="SSO group mappings"
      subtitle={
        <>
          <p className="mt-1 max-w-prose text-sm text-slate-700">
            Users who sign in to Confluent Cloud through SSO act as every group
            mapping whose filter their SAML groups satisfy, and hold its role
            bindings. Mappings apply to SSO sign-ins only, never to API keys.
          </p>
          <p className="mt-1 text-sm">
            <Link
              to={groupMappingPaths.reach.getHref()}
              className="font-medium text-brand-700 hover:underline"
            >
              Which mappings does a user’s group list reach?
            </Link>
          </p>
        </>
      }
      actions={
        <ScreenActions refusal={access.reason}>
          <WriteActionLink
            to={groupMappingPaths.create.getHref()}
            aria-keyshortcuts="n"
          >
            New group mapping
          </WriteActionLink>
        </ScreenActions>
      }
    >
      <GroupMappingList createDisabledReason={access.reason} />
    </ResourceScreen>
  );
});
