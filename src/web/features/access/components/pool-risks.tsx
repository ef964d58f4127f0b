import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isSharedIssuer } from '#contract/bodies.ts';
import type { components } from '#contract/schema.d.ts';
import type { AccessNames } from '#contract/effective-access.ts';
import type { FilterDialect } from '#filter/dialect.ts';
import {
  broadAccessRisk,
  overlapRisks,
  type RiskPool,
} from '#filter/pool-risk.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import { paths } from '@/config/paths.ts';
import { useOrgBindings, type RoleBinding } from '@/hooks/use-org-bindings.ts';
import type { PacedWalkOptions } from '@/lib/paced-walk.ts';
import { accessQueries, orgBindingSource } from '../api/queries.ts';

type Pool = components['schemas']['IdentityPool'];

/** Every pool of the provider, page after page (the route hands in the Pools feature's walk). */
export type LoadProviderPools = (
  options: Pick<PacedWalkOptions, 'signal'>,
) => Promise<Pool[]>;

const BROAD_TITLE: Record<FilterDialect, string> = {
  'identity-pool': 'Every token of this provider gets a powerful role',
  'group-mapping': 'Every SSO user gets a powerful role',
  'certificate-pool':
    'Every certificate of this authority gets a powerful role',
};

const NARROW_HINT: Record<FilterDialect, ReactNode> = {
  'identity-pool': (
    <>
      constrain <code>sub</code> or <code>aud</code>
    </>
  ),
  'group-mapping': (
    <>
      test the user’s groups, e.g. <code>"engineering" in groups</code>
    </>
  ),
  'certificate-pool': (
    <>
      add a condition on the client’s identity, e.g. <code>CN == "…"</code>
    </>
  ),
};

/**
 * What any token of the provider could do through this pool when its filter
 * lets (nearly) every token in and it holds a powerful role. Shown wherever
 * the pool's access is, from bindings already fetched. With `dialect`
 * `group-mapping` or `certificate-pool` the same for every SSO user or
 * every certificate of the authority; those need no issuer.
 */
export function BroadAccessWarning({
  pool,
  bindings,
  providerIssuer,
  names,
  dialect = 'identity-pool',
}: {
  pool: RiskPool;
  bindings: readonly RoleBinding[];
  providerIssuer?: string | undefined;
  names: AccessNames;
  dialect?: FilterDialect;
}) {
  const risk = useMemo(() => {
    if (dialect !== 'identity-pool') {
      return broadAccessRisk(pool, bindings, { dialect, names });
    }
    return providerIssuer === undefined
      ? undefined
      : broadAccessRisk(pool, bindings, {
          issuer: providerIssuer,
          sharedIssuer: isSharedIssuer(providerIssuer),
          names,
        });
  }, [pool, bindings, providerIssuer, names, dialect]);
  if (!risk) return null;
  return (
    <Alert tone="warning" className="[overflow-wrap:anywhere]">
      <p className="font-semibold">
        {risk.breadth === 'matches-every-token'
          ? BROAD_TITLE[dialect]
          : 'Tokens of other organisations may get a powerful role'}
      </p>
      <p>{risk.message}</p>
      <p className="mt-1 text-sm">
        Narrow the filter ({NARROW_HINT[dialect]}) or revoke the role.
      </p>
    </Alert>
  );
}

type OverlapProps = {
  pool: RiskPool;
  bindings: readonly RoleBinding[];
  providerId: string;
  loadProviderPools: LoadProviderPools;
  names: AccessNames;
};

/**
 * Pools of the same provider that some token lands in together with this
 * one, where one gives more than the other: a client may get more than the
 * pool it was meant for. Asked for, as it reads every pool of the provider
 * and every binding of the organization (both cached).
 */
export function OverlappingPools(props: OverlapProps) {
  const [isAsked, setIsAsked] = useState(false);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="grid gap-2">
      <h3 id={titleId} className="font-semibold">
        Overlapping pools
      </h3>
      {isAsked ? (
        <OverlapAnswer {...props} />
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => setIsAsked(true)}>
            Look for overlapping pools
          </Button>
          <p className="text-sm text-slate-700">
            Finds pools of this provider that a token can land in together with
            this one, where one gives more than the other.
          </p>
        </div>
      )}
    </section>
  );
}

function OverlapAnswer({
  pool,
  bindings,
  providerId,
  loadProviderPools,
  names,
}: OverlapProps) {
  const pools = useQuery({
    queryKey: [...accessQueries.all(), 'provider-pools', providerId],
    queryFn: ({ signal }) => loadProviderPools({ signal }),
  });
  const org = useOrgBindings(orgBindingSource);
  const { byPrincipal } = org;
  const risks = useMemo(() => {
    if (!pools.data || !byPrincipal) return undefined;
    const others = pools.data.map((other) => ({
      ...other,
      bindings: byPrincipal.get(`User:${other.id}`) ?? [],
    }));
    return overlapRisks({ ...pool, bindings }, others, { names });
  }, [pools.data, byPrincipal, pool, bindings, names]);

  const failure = pools.error ?? org.bindings.error;
  if (failure != null && !risks) {
    return (
      <ApiErrorView
        error={failure}
        onRetry={() =>
          void (pools.isError ? pools.refetch() : org.fetchAgain())
        }
      />
    );
  }
  if (!risks) {
    return (
      <div role="status" className="grid gap-2 text-sm">
        <p>
          Reading every pool of this provider and every role binding of the
          organization…
        </p>
        {org.progress && (
          <WalkProgressView progress={org.progress} noun="role bindings" />
        )}
        <WalkControls
          state={
            org.isStopped
              ? 'cancelled'
              : org.bindings.isFetching
                ? 'fetching'
                : 'idle'
          }
          onStop={org.stop}
          onRestart={org.fetchAgain}
        />
      </div>
    );
  }
  if (risks.length === 0) {
    return (
      <p role="status" className="text-sm">
        No pool of the {pools.data!.length} of this provider was found to let in
        a token this one lets in while giving more or less. Lifeguard looks for
        such a token from the filters themselves; a pair it cannot build a token
        for is not shown.
      </p>
    );
  }
  return (
    <ul aria-label="Overlapping pools" className="grid gap-2">
      {risks.map((risk) => (
        <li key={risk.otherPoolId}>
          <Alert tone="warning" className="[overflow-wrap:anywhere]">
            <p>
              <Link
                to={paths.pool.getHref(providerId, risk.otherPoolId, {
                  tab: 'access',
                })}
                className="font-medium text-brand-700 hover:underline"
              >
                {risk.otherPoolName}
              </Link>
            </p>
            <p>{risk.message}</p>
          </Alert>
        </li>
      ))}
    </ul>
  );
}
