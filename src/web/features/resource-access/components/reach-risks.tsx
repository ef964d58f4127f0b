import { useMemo } from 'react';
import { Link } from 'react-router';
import { isSharedIssuer } from '#contract/bodies.ts';
import type { AccessNames } from '#contract/effective-access.ts';
import {
  broadAccessRisk,
  overlapRisks,
  type OverlapRisk,
} from '#filter/pool-risk.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { paths } from '@/config/paths.ts';
import type { BindingsByPrincipal } from '@/hooks/use-org-bindings.ts';
import type { KnownPool } from './binding-cells.tsx';

type PoolRisk = {
  known: KnownPool;
  broad: string | undefined;
  overlaps: OverlapRisk[];
};

// Names shown in a sentence before "and N more".
const NAMED_OVERLAPS = 5;
const EXPLAINED_OVERLAPS = 10;

function risksOf(
  listed: readonly KnownPool[],
  byPrincipal: BindingsByPrincipal,
  names: AccessNames,
): PoolRisk[] {
  const bindingsOf = (known: KnownPool) =>
    byPrincipal.get(`User:${known.pool.id}`) ?? [];
  const withBindings = (known: KnownPool) => ({
    ...known.pool,
    bindings: bindingsOf(known),
  });
  const risks: PoolRisk[] = [];
  for (const known of listed) {
    const broad = broadAccessRisk(known.pool, bindingsOf(known), {
      issuer: known.providerIssuer,
      sharedIssuer: isSharedIssuer(known.providerIssuer),
      names,
    });
    // Only pools of one provider can share a token.
    const siblings = listed.filter(
      (other) =>
        other.providerId === known.providerId &&
        other.pool.id !== known.pool.id,
    );
    const overlaps = overlapRisks(
      withBindings(known),
      siblings.map(withBindings),
      { names },
    );
    if (broad || overlaps.length > 0) {
      risks.push({ known, broad: broad?.message, overlaps });
    }
  }
  // A broad pool overlaps every sibling: it leads, and explains the rest.
  return risks.sort(
    (a, b) =>
      Number(b.broad !== undefined) - Number(a.broad !== undefined) ||
      b.overlaps.length - a.overlaps.length,
  );
}

function overlapSentence(overlaps: readonly OverlapRisk[]): string {
  const named = overlaps
    .slice(0, NAMED_OVERLAPS)
    .map((overlap) => overlap.otherPoolName)
    .join(', ');
  const more = overlaps.length - NAMED_OVERLAPS;
  return `A token can land in it together with ${
    overlaps.length === 1 ? '1 other pool' : `${overlaps.length} other pools`
  } listed here that give${overlaps.length === 1 ? 's' : ''} more or less: ${named}${
    more > 0 ? ` and ${more} more` : ''
  }.`;
}

/**
 * Risks among the pools that reach the resource: a broad filter with a
 * powerful role, and two pools of one provider a token lands in together
 * where one gives more. Computed from the bindings already fetched.
 */
export function ReachRisks({
  listed,
  byPrincipal,
  names,
}: {
  listed: readonly KnownPool[];
  byPrincipal: BindingsByPrincipal;
  names: AccessNames;
}) {
  const risks = useMemo(
    () => risksOf(listed, byPrincipal, names),
    [listed, byPrincipal, names],
  );
  if (risks.length === 0) return null;
  return (
    <section aria-labelledby="who-risks" className="grid gap-2">
      <h3 id="who-risks" className="font-semibold">
        Risks among these pools
      </h3>
      <ul aria-label="Risks among these pools" className="grid gap-2">
        {risks.map(({ known, broad, overlaps }) => (
          <li key={known.pool.id}>
            <Alert tone="warning" className="[overflow-wrap:anywhere]">
              <Link
                to={paths.pool.getHref(known.providerId, known.pool.id, {
                  tab: 'access',
                })}
                className="font-medium text-brand-700 hover:underline"
              >
                {known.pool.display_name}
              </Link>{' '}
              <span className="text-xs">({known.providerName})</span>
              {broad && <p>{broad}</p>}
              {overlaps.length > 0 && (
                <>
                  <p>{overlapSentence(overlaps)}</p>
                  <details>
                    <summary className="cursor-pointer text-sm">How</summary>
                    <ul className="ml-4 list-disc text-sm">
                      {overlaps.slice(0, EXPLAINED_OVERLAPS).map((overlap) => (
                        <li key={overlap.otherPoolId}>{overlap.message}</li>
                      ))}
                    </ul>
                    {overlaps.length > EXPLAINED_OVERLAPS && (
                      <p className="text-sm">
                        …and {overlaps.length - EXPLAINED_OVERLAPS} more: each
                        pool’s Access tab explains its own.
                      </p>
                    )}
                  </details>
                </>
              )}
            </Alert>
          </li>
        ))}
      </ul>
    </section>
  );
}
