import { useMemo, type ReactNode } from 'react';
import { paths } from '@/config/paths.ts';
import { LandingAccess, type AccessLanding } from './landing-access.tsx';

/** A pool a token lands in, and the identity the pool takes from it. */
export type TokenLanding = {
  providerId: string;
  poolId: string;
  poolName: string;
  identityClaim: string;
  identity: { ok: true; identity: string } | { ok: false; message: string };
};

/**
 * What a token may do: {@link LandingAccess} over the identity pools it
 * lands in, each with the identity the pool takes from it. Only the pools'
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
  const objects = useMemo<AccessLanding[]>(
    () =>
      landings.map((landing) => ({
        id: landing.poolId,
        name: landing.poolName,
        kind: 'identity-pool',
        href: paths.pool.getHref(landing.providerId, landing.poolId, {
          tab: 'access',
        }),
        detail: <LandingIdentity landing={landing} />,
      })),
    [landings],
  );
  return (
    <LandingAccess
      landings={objects}
      wordingFor="token"
      wording={
        refusal ? { listLabel: 'Pools whose filters match its claims' } : {}
      }
      refusal={refusal}
      others={others}
    />
  );
}

function LandingIdentity({ landing }: { landing: TokenLanding }) {
  return (
    <>
      {' '}
      <span className="text-slate-700">as </span>
      {landing.identity.ok ? (
        <code className="font-mono text-xs break-all">
          {landing.identity.identity}
        </code>
      ) : (
        <span className="text-red-800">{landing.identity.message}</span>
      )}{' '}
      <span className="text-xs text-slate-600">({landing.identityClaim})</span>
    </>
  );
}
