import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { paths } from '@/config/paths.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { accessQueries, objectPrincipal } from '../api/queries.ts';
import {
  accessWording,
  type AccessObjectKind,
  type AccessWording,
} from '../access-wording.ts';
import type { RiskPool } from '#filter/pool-risk.ts';
import { useDirectory } from '@/hooks/use-directory.ts';
import {
  groupBindings,
  named,
  type BindingView,
  type DirectoryNames,
} from '../binding-groups.ts';
import { BindingTable } from './binding-table.tsx';
import { GrantAccessDialog } from './grant-access-dialog.tsx';
import {
  BroadAccessWarning,
  OverlappingPools,
  type LoadProviderPools,
} from './pool-risks.tsx';
import { RevokeBindingDialog } from './revoke-binding-dialog.tsx';

function AccessSkeleton({ noun }: { noun: string }) {
  return (
    <div aria-busy="true" className="grid gap-3">
      <span className="sr-only">Loading the {noun}’s access…</span>
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}

/** What the identity-pool risk checks need beyond the bindings. */
export type AccessRisk = {
  pool: RiskPool;
  providerId: string;
  providerIssuer: string | undefined;
  loadProviderPools: LoadProviderPools;
};

/** Which object's access: by `principalId`, or (as before) `poolId`. */
type AccessObject =
  | {
      /**
       * The object's id, which its role bindings name as `User:<id>`:
       * `pool-…` (identity or certificate pool) or `group-…` (group mapping).
       */
      principalId: string;
      poolId?: never;
    }
  | {
      /** The identity pool's id: the same as `principalId`. */
      poolId: string;
      principalId?: never;
    };

export type AccessTabProps = AccessObject & {
  /** What the object is; says how the tab words it. Default `identity-pool`. */
  kind?: AccessObjectKind;
  /** Any part of the wording the caller says otherwise. */
  wording?: Partial<AccessWording>;
  /** Set when the user may not grant or revoke: why. */
  readOnlyReason?: string;
  /**
   * The broad-access and overlapping-pools checks, for an identity pool
   * once it has loaded; without it the tab shows none.
   */
  risk?: AccessRisk;
  /**
   * A group mapping's or certificate pool's filter, once it has loaded: with
   * it the tab warns when the filter lets in every SSO user or certificate
   * and a role is powerful. (An identity pool's comes in `risk`.)
   */
  filter?: string;
  /** The object's name, for that warning; its id when left out. */
  displayName?: string;
};

/**
 * The Access tab of any federation object: the role bindings its principal
 * (`User:<id>`) holds anywhere in the organization (one inclusive query,
 * every page read), grouped environment → cluster → resource, with Grant
 * access and Revoke for a role that may write.
 *
 * How to use it (lazily, through `LazyAccessTab`, which takes the same props):
 *
 * ```tsx
 * <LazyAccessTab principalId={poolId} readOnlyReason={access.reason} risk={…} />
 * <LazyAccessTab principalId={mapping.id} kind="group-mapping" filter={mapping.filter} displayName={mapping.display_name} readOnlyReason={access.reason} />
 * <LazyAccessTab principalId={pool.id} kind="certificate-pool" filter={pool.filter} displayName={pool.display_name} readOnlyReason={access.reason} />
 * ```
 *
 * `risk` is for identity pools only; `filter` for the other kinds, which
 * get the broad-access warning but not the overlap check. A grant or revoke
 * refreshes the object's list, under `accessQueries.poolBindingLists(id)`.
 */
export function AccessTab({
  principalId,
  poolId,
  kind,
  wording: wordingOverrides,
  readOnlyReason,
  risk,
  filter,
  displayName,
}: AccessTabProps) {
  const objectId = (principalId ?? poolId)!;
  const filtered = useMemo(
    () =>
      filter === undefined
        ? undefined
        : { id: objectId, display_name: displayName ?? objectId, filter },
    [objectId, displayName, filter],
  );
  const wording = accessWording(kind, wordingOverrides);
  const { noun } = wording;
  const titleId = useId();
  const principal = objectPrincipal(objectId);
  const [progress, setProgress] = useState<WalkProgress>();
  const [notice, setNotice] = useState<string>();
  const [revoking, setRevoking] = useState<BindingView>();
  const organization = useQuery(accessQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...accessQueries.poolBindings(objectId, organizationId ?? '', setProgress),
    enabled: organizationId !== undefined,
  });
  const directory = useDirectory();
  const names: DirectoryNames = {
    environments: directory.environments,
    clusters: directory.clusters,
  };
  // Held back until the names are in (or failed), so ids do not flash first.
  const isNaming = directory.isPending && directory.error == null;
  const groups =
    bindings.data && !isNaming
      ? groupBindings(bindings.data, names)
      : undefined;
  const accessNames = directory.names;
  const canWrite = readOnlyReason === undefined;
  const onRevoke = canWrite ? setRevoking : undefined;
  const failed = organization.error ?? bindings.error;
  const isLoading =
    organization.isPending ||
    (bindings.isPending && !bindings.isError) ||
    (bindings.isSuccess && isNaming);

  return (
    <section aria-labelledby={titleId} className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h2 id={titleId} className="text-lg font-semibold">
            Access
          </h2>
          <p className="max-w-prose text-sm text-slate-700">
            What {wording.holders} may then do: the role bindings of{' '}
            <code className="font-mono text-xs [overflow-wrap:anywhere]">
              {principal}
            </code>{' '}
            anywhere in the organization.
          </p>
          <p className="text-sm">
            <Link
              to={paths.resourceAccess.getHref()}
              className="font-medium text-brand-700 hover:underline"
            >
              Who else can reach a resource?
            </Link>
          </p>
        </div>
        {canWrite ? (
          organizationId && (
            <GrantAccessDialog
              objectId={objectId}
              principal={principal}
              wording={wording}
              organizationId={organizationId}
              environments={directory.environments}
              clusters={directory.clusters}
              onGranted={setNotice}
            />
          )
        ) : (
          <DisabledReason className="max-w-sm">
            You can see this {noun}’s access but not change it. {readOnlyReason}
          </DisabledReason>
        )}
      </div>

      {notice && (
        <Alert tone="info" className="flex items-start justify-between gap-3">
          <p>{notice}</p>
          <Button
            variant="ghost"
            size="xs"
            onClick={() => setNotice(undefined)}
          >
            Dismiss
          </Button>
        </Alert>
      )}

      {risk && bindings.data && !isNaming && (
        <BroadAccessWarning
          pool={risk.pool}
          bindings={bindings.data}
          providerIssuer={risk.providerIssuer}
          names={accessNames}
        />
      )}
      {filtered &&
        kind !== undefined &&
        kind !== 'identity-pool' &&
        bindings.data &&
        !isNaming && (
          <BroadAccessWarning
            pool={filtered}
            bindings={bindings.data}
            dialect={kind}
            names={accessNames}
          />
        )}

      {failed != null && !groups && (
        <ApiErrorView
          error={failed}
          onRetry={() =>
            void (organization.isError
              ? organization.refetch()
              : bindings.refetch())
          }
        />
      )}
      {bindings.isFetching && bindings.failureReason && groups && (
        <RetryNotice error={bindings.failureReason} />
      )}
      {isLoading && failed == null && (
        <>
          {progress && progress.fetched > 0 && (
            <div role="status">
              <WalkProgressView
                progress={progress}
                noun="role bindings"
                hasBar
              />
            </div>
          )}
          <AccessSkeleton noun={noun} />
        </>
      )}
      {directory.error != null && groups && groups.count > 0 && (
        <Alert tone="warning">
          <p>
            The names of environments and clusters could not be loaded, so their
            ids are shown.
          </p>
          <Button
            variant="secondary"
            size="sm"
            className="mt-2"
            onClick={directory.retry}
          >
            Retry
          </Button>
        </Alert>
      )}

      {groups?.count === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          <p className="font-medium">This {noun} has no role bindings.</p>
          <p className="mt-1 text-sm">
            {wording.emptyMeaning}{' '}
            {canWrite
              ? 'Use Grant access to give it a role, such as DeveloperRead on the topics its workloads read.'
              : 'An administrator can grant it a role here.'}
          </p>
        </div>
      )}

      {groups && groups.organization.length > 0 && (
        <section
          aria-labelledby={`${titleId}-org`}
          className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h3 id={`${titleId}-org`} className="font-semibold">
            Organization
            {organization.data?.display_name && (
              <span className="font-normal text-slate-600">
                {' '}
                {organization.data.display_name}
              </span>
            )}
          </h3>
          <BindingTable
            caption="Role bindings at the organization"
            place="in the organization"
            views={groups.organization}
            onRevoke={onRevoke}
          />
        </section>
      )}

      {groups?.environments.map((environment) => {
        const environmentLabel = named(environment.id, environment.name);
        return (
          <section
            key={environment.id}
            aria-label={`Environment ${environmentLabel}`}
            className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 className="font-semibold">
              <ScopeName
                kind="Environment"
                name={environment.name}
                id={environment.id}
              />
            </h3>
            {environment.bindings.length > 0 && (
              <BindingTable
                caption={`Role bindings in environment ${environmentLabel}`}
                place={`in environment ${environmentLabel}`}
                views={environment.bindings}
                onRevoke={onRevoke}
              />
            )}
            {environment.clusters.map((cluster) => {
              const clusterLabel = named(cluster.id, cluster.name);
              return (
                <section
                  key={cluster.id}
                  aria-label={`Cluster ${clusterLabel}`}
                  className="grid gap-2"
                >
                  <h4 className="font-medium">
                    <ScopeName
                      kind="Cluster"
                      name={cluster.name}
                      id={cluster.id}
                    />
                    {cluster.kind && (
                      <span className="ml-2 text-sm font-normal text-slate-600">
                        {cluster.kind}
                      </span>
                    )}
                  </h4>
                  <BindingTable
                    caption={`Role bindings in cluster ${clusterLabel}`}
                    place={`in cluster ${clusterLabel}`}
                    views={cluster.bindings}
                    onRevoke={onRevoke}
                  />
                </section>
              );
            })}
          </section>
        );
      })}

      {groups && groups.unreadable.length > 0 && (
        <section
          aria-labelledby={`${titleId}-other`}
          className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h3 id={`${titleId}-other`} className="font-semibold">
            Other patterns
          </h3>
          <p className="text-sm text-slate-700">
            Lifeguard cannot read these patterns; they are shown as Confluent
            sent them.
          </p>
          <BindingTable
            caption="Role bindings with patterns Lifeguard cannot read"
            place="as sent"
            views={groups.unreadable}
            onRevoke={onRevoke}
          />
        </section>
      )}

      {risk && bindings.data && groups && groups.count > 0 && (
        <OverlappingPools
          pool={risk.pool}
          bindings={bindings.data}
          providerId={risk.providerId}
          loadProviderPools={risk.loadProviderPools}
          names={accessNames}
        />
      )}

      <RevokeBindingDialog
        objectId={objectId}
        principal={principal}
        wording={wording}
        view={revoking}
        names={names}
        onClose={() => setRevoking(undefined)}
        onRevoked={setNotice}
      />
    </section>
  );
}

/** "Environment production env-…": a scope's name, then its id in code. */
function ScopeName({
  kind,
  name,
  id,
}: {
  kind: string;
  name: string | undefined;
  id: string;
}) {
  return (
    <>
      {kind} {name ?? ''}{' '}
      <code className="font-mono text-xs font-normal text-slate-600">{id}</code>
    </>
  );
}
