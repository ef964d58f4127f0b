import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReachKind } from '#contract/effective-access.ts';
import { UNKNOWN_ROLE } from '#contract/role-catalogue.ts';
import type { components } from '#contract/schema.d.ts';
import { Td, Th } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';

type Pool = components['schemas']['IdentityPool'];

/** A pool of the organization, with the provider it belongs to. */
export type KnownPool = {
  pool: Pool;
  providerId: string;
  providerName: string;
  providerIssuer: string;
};

const REACH_LABELS: Readonly<Record<ReachKind, string>> = {
  exact: 'Exact: the binding names it',
  prefix: 'Prefix binding',
  cluster: 'Cluster scope',
  environment: 'Environment scope',
  organization: 'Organization scope',
  within: 'Within: only part of it',
};

const POOL_PRINCIPAL = /^User:(pool-[A-Za-z0-9]+)$/;

/** The pool id of a `User:pool-…` principal, or undefined for any other. */
export function poolIdOf(principal: string): string | undefined {
  return POOL_PRINCIPAL.exec(principal)?.[1];
}

export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="font-mono text-xs [overflow-wrap:anywhere]">
      {children}
    </code>
  );
}

/** The row's header: a pool by name, linked, once loaded; any other principal as written. */
export function PrincipalCell({
  principal,
  pools,
}: {
  principal: string;
  pools: ReadonlyMap<string, KnownPool>;
}) {
  const poolId = poolIdOf(principal);
  const known = poolId === undefined ? undefined : pools.get(poolId);
  return (
    <Th scope="row">
      {known && poolId ? (
        <>
          <Link
            to={paths.pool.getHref(known.providerId, poolId)}
            className="text-brand-700 hover:underline"
          >
            {known.pool.display_name}
          </Link>
          <span className="block text-xs font-normal text-slate-600">
            {known.providerName} · {poolId}
          </span>
        </>
      ) : poolId ? (
        <>
          <Code>{poolId}</Code>
          <span className="block text-xs font-normal text-slate-600">
            Not among the pools loaded
          </span>
        </>
      ) : (
        <Code>{principal}</Code>
      )}
    </Th>
  );
}

/**
 * The role, then what it gives there in words ("DeveloperWrite — writes");
 * the role stays a text of its own so it can be found by name.
 */
export function RoleCell({
  role,
  effect,
}: {
  role: string;
  /** What the role gives there, in words, or {@link UNKNOWN_ROLE}. */
  effect: string;
}) {
  return (
    <Td>
      {role}
      <span className="text-slate-600">
        {' — '}
        {effect === UNKNOWN_ROLE ? 'unknown role, shown to be safe' : effect}
      </span>
    </Td>
  );
}

export function ReachCell({ kind }: { kind: ReachKind }) {
  return <Td>{REACH_LABELS[kind]}</Td>;
}

/** Where the binding points, in words when known, else its pattern. */
export function BindingCell({
  scope,
  crnPattern,
}: {
  scope: string | undefined;
  crnPattern: string;
}) {
  return <Td>{scope ?? <Code>{crnPattern}</Code>}</Td>;
}
