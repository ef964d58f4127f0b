import { Link, useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { LazyAccessTab } from '@/features/access/components/lazy-access-tab.tsx';
import { LazyLandingAccess } from '@/features/access/components/lazy-landing-access.tsx';
import { ObjectHistory } from '@/features/audit/components/pool-history.tsx';
import { ExportGroupMappingDialog } from '@/features/export/components/export-group-mapping-dialog.tsx';
import { DeleteGroupMappingDialog } from '@/features/group-mappings/detail/delete-group-mapping-dialog.tsx';
import {
  GroupMappingDetail,
  GroupMappingDetailSkeleton,
} from '@/features/group-mappings/detail/group-mapping-detail.tsx';
import { useGroupMappingPage } from '@/features/group-mappings/detail/use-group-mapping-page.tsx';
import { LazyGroupTester } from '@/features/group-mappings/tester/lazy-group-tester.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { DetailActions } from '../detail-actions.tsx';
import { DetailTabs } from '../detail-tabs.tsx';

export function GroupMappingDetailRoute() {
  const { groupMappingId: id = '' } = useParams();
  const mapping = useGroupMappingPage(id);
  const access = useWriteAccess();
  const { data } = mapping.query;
  useDocumentTitle(data?.display_name ?? 'Group mapping');

  return (
    <ResourceScreen
      crumbs={mapping.crumbs}
      failure={mapping.failure}
      title={data?.display_name}
      actions={
        data && (
          <DetailActions
            refusal={access.reason}
            name={data.display_name}
            editHref={groupMappingPaths.edit.getHref(id)}
            copyHref={groupMappingPaths.create.getHref({ copy_of: id })}
            hasEditShortcut
            exportDialog={<ExportGroupMappingDialog mapping={data} />}
            renderDelete={(onDeleted) => (
              <DeleteGroupMappingDialog mapping={data} onDeleted={onDeleted} />
            )}
            deletedHref={groupMappingPaths.list.getHref()}
          />
        )
      }
    >
      <DetailTabs
        label="Group mapping sections"
        query={mapping.query}
        details={
          data ? (
            <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <GroupMappingDetail mapping={data} />
              <LazyGroupTester
                filter={data.filter}
                renderAccess={() => (
                  // The features do not know each other: the access
                  // feature reads the mapping's role bindings.
                  <LazyLandingAccess
                    wordingFor="groups"
                    wording={{ title: 'What this mapping gives them' }}
                    landings={[
                      {
                        id: data.principal,
                        name: data.display_name,
                        kind: 'group-mapping',
                        href: groupMappingPaths.detail.getHref(id, {
                          tab: 'access',
                        }),
                      },
                    ]}
                    others={
                      <>
                        Other group mappings whose filters these groups satisfy
                        add their roles too:{' '}
                        <Link
                          to={groupMappingPaths.reach.getHref()}
                          className="font-medium text-brand-700 hover:underline"
                        >
                          see every mapping they reach
                        </Link>
                        .
                      </>
                    }
                  />
                )}
              />
            </div>
          ) : (
            <GroupMappingDetailSkeleton />
          )
        }
        history={<ObjectHistory objectId={id} noun="group mapping" />}
        access={
          <LazyAccessTab
            principalId={data?.principal ?? id}
            kind="group-mapping"
            filter={data?.filter}
            displayName={data?.display_name}
            readOnlyReason={access.reason}
          />
        }
      />
    </ResourceScreen>
  );
}
