import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import {
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@/components/ui/tabs.tsx';
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
import { notify } from '@/lib/notify.ts';

const TABS = ['details', 'history', 'access'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

export function GroupMappingDetailRoute() {
  const { groupMappingId: id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const mapping = useGroupMappingPage(id);
  const access = useWriteAccess();
  const requestedTab = searchParams.get('tab');
  const tab: Tab = isTab(requestedTab) ? requestedTab : 'details';
  const { data } = mapping.query;
  useDocumentTitle(data?.display_name ?? 'Group mapping');

  return (
    <ResourceScreen
      crumbs={mapping.crumbs}
      failure={mapping.failure}
      title={data?.display_name}
      actions={
        data && (
          <ScreenActions refusal={access.reason}>
            <WriteActionLink
              to={groupMappingPaths.edit.getHref(id)}
              variant="secondary"
              aria-keyshortcuts="e"
            >
              Edit
            </WriteActionLink>
            <WriteActionLink
              to={groupMappingPaths.create.getHref({ copy_of: id })}
              variant="secondary"
            >
              Create a copy
            </WriteActionLink>
            <ExportGroupMappingDialog mapping={data} />
            <WriteAction label="Delete" variant="danger">
              <DeleteGroupMappingDialog
                mapping={data}
                onDeleted={() => {
                  notify.success(`Deleted ${data.display_name}`);
                  void navigate(groupMappingPaths.list.getHref());
                }}
              />
            </WriteAction>
          </ScreenActions>
        )
      }
    >
      <Tabs
        value={tab}
        onValueChange={(value) => {
          if (!isTab(value)) return;
          const next = new URLSearchParams(searchParams);
          if (value === 'details') next.delete('tab');
          else next.set('tab', value);
          setSearchParams(next, { replace: true });
        }}
      >
        <TabsList aria-label="Group mapping sections">
          <TabsTrigger value="details">Details</TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
          <TabsTrigger value="access">Access</TabsTrigger>
        </TabsList>
        <TabsContent value="details">
          {mapping.query.isFetching && mapping.query.failureReason && (
            <RetryNotice error={mapping.query.failureReason} className="mb-3" />
          )}
          {data ? (
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
          )}
        </TabsContent>
        <TabsContent value="history">
          <ObjectHistory objectId={id} noun="group mapping" />
        </TabsContent>
        <TabsContent value="access">
          <LazyAccessTab
            principalId={data?.principal ?? id}
            kind="group-mapping"
            readOnlyReason={access.reason}
          />
        </TabsContent>
      </Tabs>
    </ResourceScreen>
  );
}
