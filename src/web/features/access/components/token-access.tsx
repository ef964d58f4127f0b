import { useId, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  describeScope,
  effectiveAccess,
  inheritedBy,
  type AccessEntry,
  type AccessNames,
  type PoolBinding,
} from '#contract/effective-access.ts';
import { findRole } from '#contract/role-catalogue.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { useDirectory } from '@/hooks/use-directory.ts';
import { useLandingBindings } from '../api/use-landing-bindings.ts';

/** A pool a token lands in, and the identity the pool takes from it. */
export type TokenLanding = {
  providerId: string;
  poolId: string;
  poolName: string;
  identityClaim: string;
  identity: { ok: true; identity: string } | { ok: false; message: string };
};

/**
 * What a token may do: one summary of every role it holds through the pools
 * it lands in, broad scopes first and what they hold said explicitly, then
 * each pool with the identity it gives and its own bindings. Only the pools'
 * role-binding lists are fetched; the token never leaves the browser.
 */
export function TokenAccess({
  landings,
  refusal,
  others,
}: {
  landings: readonly TokenLanding[];
  /** Set when Confluent refuses the token itself: why, in a sentence. */
  refusal?: string;
  /** Where to look for pools not among `landings` that it may land in too. */
  others?: ReactNode;
}) {
  const titleId = useId();
  const poolIds = useMemo(
    () => landings.map((landing) => landing.poolId),
    [landings],
  );
  const reading = useLandingBindings(poolIds);
  const directory = useDirectory();
  const names = directory.names;
  const byPool = reading.bindings.data;
  const poolBindings = useMemo<PoolBinding[] | undefined>(
    () =>
      byPool &&
      landings.flatMap(({ poolId }) =>
        (byPool[poolId] ?? []).map((binding) => ({ poolId, binding })),
      ),
    [byPool, landings],
  );
  const entries = useMemo(
    () => (poolBindings ? effectiveAccess(poolBindings, names) : undefined),
    [poolBindings, names],
  );
  const poolNames = landingNames(landings);

  return (
    <section
      aria-labelledby={titleId}
      className="grid gap-3 [overflow-wrap:anywhere]"
    >
      <h3 id={titleId} className="text-base font-semibold">
        What this token may do
      </h3>
      {refusal && (
        <p className="text-sm text-slate-700">
          {refusal} What follows is what a valid token with these claims could
          do.
        </p>
      )}
      {landings.length === 0 ? (
        <p className="text-sm">
          It lands in no pool, so it may do nothing in the organization.
        </p>
      ) : reading.error != null && !entries ? (
        <ApiErrorView error={reading.error} onRetry={reading.retry} />
      ) : !entries ? (
        <div aria-busy="true" className="grid gap-2">
          <p className="text-sm text-slate-700" aria-live="polite">
            {reading.progress
              ? `Reading the role bindings of ${reading.progress.total} pools: ${reading.progress.done} done…`
              : 'Reading the role bindings of the pools it lands in…'}
          </p>
          <Skeleton className="h-16 w-full" />
        </div>
      ) : (
        <AccessSummary
          entries={entries}
          names={names}
          poolNames={landings.length > 1 ? poolNames : undefined}
        />
      )}
      {landings.length > 0 && (
        <LandingList
          landings={landings}
          byPool={byPool}
          names={names}
          label={
            refusal
              ? 'Pools whose filters match its claims'
              : 'Pools it lands in'
          }
        />
      )}
      {others && <p className="text-xs text-slate-700">{others}</p>}
    </section>
  );
}

function AccessSummary({
  entries,
  names,
  poolNames,
}: {
  entries: readonly AccessEntry[];
  names: AccessNames;
  /** Given when the token lands in several pools: each entry says which give it. */
  poolNames: ReadonlyMap<string, string> | undefined;
}) {
  if (entries.length === 0) {
    return (
      <p role="status" className="text-sm">
        These pools hold no role bindings: the token gets in, but may do
        nothing.
      </p>
    );
  }
  // Entries come ordered by role; one group per role, its scopes beneath.
  const byRole = new Map<string, AccessEntry[]>();
  for (const entry of entries) {
    byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), entry]);
  }
  return (
    <ul aria-label="Everything this token may do" className="grid gap-2">
      {[...byRole].map(([role, scopes]) => (
        <li
          key={role}
          className="rounded-md border border-slate-200 px-3 py-2 text-sm"
        >
          <p>
            <span className="font-semibold">{role}</span>
            <span className="text-slate-700">
              {' '}
              —{' '}
              {scopes[0]!.knownRole
                ? findRole(role)?.summary
                : 'a role Lifeguard does not know: check what it allows in Confluent Cloud.'}
            </span>
          </p>
          <ul className="mt-1 ml-4 grid list-disc gap-1">
            {scopes.map((entry) => (
              <ScopeItem
                key={entry.crnPattern}
                entry={entry}
                names={names}
                poolNames={poolNames}
              />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function ScopeItem({
  entry,
  names,
  poolNames,
}: {
  entry: AccessEntry;
  names: AccessNames;
  poolNames: ReadonlyMap<string, string> | undefined;
}) {
  const inherited = inheritedBy(entry.scope, names);
  const covering = entry.coveredBy[0];
  return (
    <li>
      <span>on {describeScope(entry.scope, names)}</span>
      {inherited && (
        <span className="block text-xs text-slate-700">
          Held on {inherited}.
        </span>
      )}
      {covering && (
        <span className="block text-xs text-slate-700">
          Already given by {covering.description}.
        </span>
      )}
      {poolNames && (
        <span className="block text-xs text-slate-600">
          Through{' '}
          {entry.pools
            .map((poolId) => poolNames.get(poolId) ?? poolId)
            .join(', ')}
        </span>
      )}
    </li>
  );
}

// Pool names, with the id beside a name two of them share.
function landingNames(landings: readonly TokenLanding[]) {
  const counts = new Map<string, number>();
  for (const { poolName } of landings) {
    counts.set(poolName, (counts.get(poolName) ?? 0) + 1);
  }
  return new Map(
    landings.map(({ poolId, poolName }) => [
      poolId,
      counts.get(poolName)! > 1 ? `${poolName} (${poolId})` : poolName,
    ]),
  );
}

function LandingList({
  landings,
  byPool,
  names,
  label,
}: {
  landings: readonly TokenLanding[];
  /** Undefined while the bindings are read. */
  byPool:
    Readonly<Record<string, readonly PoolBinding['binding'][]>> | undefined;
  names: AccessNames;
  label: string;
}) {
  return (
    <ul aria-label={label} className="grid gap-2">
      {landings.map((landing) => {
        const listed = byPool?.[landing.poolId];
        const own =
          listed &&
          effectiveAccess(
            listed.map((binding) => ({ poolId: landing.poolId, binding })),
            names,
          );
        return (
          <li
            key={landing.poolId}
            className="grid gap-1 border-t border-slate-100 pt-2 text-sm"
          >
            <p>
              <Link
                to={paths.pool.getHref(landing.providerId, landing.poolId, {
                  tab: 'access',
                })}
                className="font-medium text-brand-700 hover:underline"
              >
                {landing.poolName}
              </Link>{' '}
              <span className="font-mono text-xs text-slate-600">
                {landing.poolId}
              </span>{' '}
              <span className="text-slate-700">as </span>
              {landing.identity.ok ? (
                <code className="font-mono text-xs break-all">
                  {landing.identity.identity}
                </code>
              ) : (
                <span className="text-red-800">{landing.identity.message}</span>
              )}{' '}
              <span className="text-xs text-slate-600">
                ({landing.identityClaim})
              </span>
            </p>
            {!own ? null : own.length === 0 ? (
              <p className="text-xs text-slate-700">No role bindings.</p>
            ) : (
              <ul className="ml-4 list-disc text-xs">
                {own.map((entry) => (
                  <li key={`${entry.role} ${entry.crnPattern}`}>
                    {entry.description}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
