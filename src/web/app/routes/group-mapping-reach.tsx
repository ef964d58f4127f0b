import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { LazyLandingAccess } from '@/features/access/components/lazy-landing-access.tsx';
import { GROUP_MAPPINGS_CRUMB } from '@/features/group-mappings/detail/use-group-mapping-page.tsx';
import { GroupMappingReach } from '@/features/group-mappings/reach/group-mapping-reach.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function GroupMappingReachRoute() {
  useDocumentTitle('Which group mappings apply');
  return (
    <ResourceScreen
      crumbs={[GROUP_MAPPINGS_CRUMB, { label: 'Which mappings apply' }]}
      title="Which group mappings does a group list reach?"
      subtitle={
        <p className="mt-1 max-w-prose text-sm text-slate-700">
          Paste the SSO groups of a user: every group mapping is read and its
          filter evaluated in your browser, and the roles of those that apply
          are added up, as Confluent Cloud does when the user signs in through
          SSO.
        </p>
      }
    >
      <GroupMappingReach
        renderAccess={(matched) =>
          matched.length > 0 && (
            // The features do not know each other: the access feature reads
            // each mapping's role bindings (User:group-…) and sums them up.
            <LazyLandingAccess
              wordingFor="groups"
              landings={matched.map((mapping) => ({
                id: mapping.principal,
                name: mapping.display_name,
                kind: 'group-mapping',
                href: groupMappingPaths.detail.getHref(mapping.id, {
                  tab: 'access',
                }),
              }))}
            />
          )
        }
      />
    </ResourceScreen>
  );
}
