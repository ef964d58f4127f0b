import { useMemo } from 'react';
import {
  describeScope,
  effectiveAccess,
  type AccessNames,
  type Reach,
} from '#contract/effective-access.ts';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import type {
  BindingsByPrincipal,
  RoleBinding,
} from '@/hooks/use-org-bindings.ts';
import { RESOURCE_KINDS, type ResourceKind } from '../question.ts';
import { splitByEffect } from '../reach-effects.ts';
import {
  BindingCell,
  Code,
  poolIdOf,
  PrincipalCell,
  ReachCell,
  RoleCell,
  type KnownPool,
} from './binding-cells.tsx';
import { ReachRisks } from './reach-risks.tsx';

// Each reached binding's own scope in words, e.g. `topics "ingest.*" in
// cluster orders-prod (lkc-…)`; one pass over the answer, not the organization.
function bindingScopes(
  reaches: readonly Reach<RoleBinding>[],
  names: AccessNames,
) {
  const scopes = new Map<string, string>();
  const entries = effectiveAccess(
    reaches.map(({ binding }) => ({ poolId: binding.principal, binding })),
    names,
  );
  for (const entry of entries) {
    const text = describeScope(entry.scope, names);
    for (const id of entry.bindingIds) scopes.set(id, text);
  }
  return scopes;
}

// "MetricsViewer on organization …; DataDiscovery on environment …", each
// role and scope once however many principals hold it.
function roleScopes(
  reaches: readonly Reach<RoleBinding>[],
  names: AccessNames,
): string {
  return effectiveAccess(
    reaches.map(({ binding }) => ({ poolId: binding.principal, binding })),
    names,
  )
    .map((entry) => entry.description)
    .join('; ');
}

/**
 * The bindings that reach the resource with a role that gives nothing on
 * it, collapsed but never dropped: an administrator can check the catalogue's
 * judgement.
 */
/** Bindings by principal: who, the role and what it gives, how it reaches, where it points. */
function PrincipalTable({
  caption,
  rows,
  scopes,
  pools,
}: {
  caption: string;
  rows: readonly {
    binding: RoleBinding;
    kind: Reach<RoleBinding>['kind'];
    effect: string;
  }[];
  scopes: ReadonlyMap<string, string>;
  pools: ReadonlyMap<string, KnownPool>;
}) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <Th>Principal</Th>
          <Th>Role</Th>
          <Th>How it reaches</Th>
          <Th>Binding</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ binding, kind, effect }) => (
          <tr key={binding.id}>
            <PrincipalCell principal={binding.principal} pools={pools} />
            <RoleCell role={binding.role_name} effect={effect} />
            <ReachCell kind={kind} />
            <BindingCell
              scope={scopes.get(binding.id)}
              crnPattern={binding.crn_pattern}
            />
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function InertBindings({
  inert,
  many,
  subject,
  names,
  scopes,
  pools,
}: {
  inert: readonly Reach<RoleBinding>[];
  many: string;
  subject: string;
  names: AccessNames;
  scopes: ReadonlyMap<string, string>;
  pools: ReadonlyMap<string, KnownPool>;
}) {
  const count =
    inert.length === 1 ? '1 binding reaches' : `${inert.length} bindings reach`;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-slate-700">
        {count} it with roles that give nothing on {many}:{' '}
        {roleScopes(inert, names)}
      </summary>
      <div className="mt-2">
        <PrincipalTable
          caption={`Bindings that reach ${subject} with roles that give nothing on ${many}`}
          rows={inert.map(({ binding, kind }) => ({
            binding,
            kind,
            effect: `nothing on ${many}`,
          }))}
          scopes={scopes}
          pools={pools}
        />
      </div>
    </details>
  );
}

/**
 * Who reaches the resource with a role that acts on it: pools first, with
 * their filter and identity claim, then other principals, then, collapsed,
 * the bindings whose role gives nothing there.
 */
export function Answer({
  reaches,
  kind,
  subject,
  names,
  pools,
  byPrincipal,
}: {
  reaches: readonly Reach<RoleBinding>[];
  kind: ResourceKind;
  subject: string;
  names: AccessNames;
  pools: ReadonlyMap<string, KnownPool>;
  /** Every binding of the organization by principal, for the risks of the pools listed. */
  byPrincipal: BindingsByPrincipal;
}) {
  const scopes = useMemo(() => bindingScopes(reaches, names), [reaches, names]);
  const { acting, inert } = useMemo(
    () => splitByEffect(reaches, kind),
    [reaches, kind],
  );
  const many = RESOURCE_KINDS.find((each) => each.value === kind)?.many ?? '';
  const poolReaches = useMemo(
    () =>
      acting.filter(({ binding }) => poolIdOf(binding.principal) !== undefined),
    [acting],
  );
  const others = acting.filter(
    ({ binding }) => poolIdOf(binding.principal) === undefined,
  );
  const listed = useMemo(() => {
    const known = new Map<string, KnownPool>();
    for (const { binding } of poolReaches) {
      const pool = pools.get(poolIdOf(binding.principal)!);
      if (pool) known.set(pool.pool.id, pool);
    }
    return [...known.values()];
  }, [poolReaches, pools]);
  return (
    <>
      <p className="max-w-prose text-sm text-slate-700">
        A binding on the organization, an environment or a cluster counts only
        if its role acts on {many}.
      </p>
      <section aria-labelledby="who-pools" className="grid gap-2">
        <h3 id="who-pools" className="font-semibold">
          Identity pools
        </h3>
        {poolReaches.length === 0 ? (
          <p className="text-slate-700">
            No identity pool’s bindings reach {subject} with a role that acts on
            it.
          </p>
        ) : (
          <Table>
            <caption className="sr-only">
              Pools that can reach {subject}
            </caption>
            <thead>
              <tr>
                <Th>Pool</Th>
                <Th>Role</Th>
                <Th>How it reaches</Th>
                <Th>Binding</Th>
                <Th>Filter</Th>
                <Th>Identity claim</Th>
              </tr>
            </thead>
            <tbody>
              {poolReaches.map(({ binding, kind: reach, effect }) => {
                const known = pools.get(poolIdOf(binding.principal)!);
                return (
                  <tr key={binding.id}>
                    <PrincipalCell
                      principal={binding.principal}
                      pools={pools}
                    />
                    <RoleCell role={binding.role_name} effect={effect} />
                    <ReachCell kind={reach} />
                    <BindingCell
                      scope={scopes.get(binding.id)}
                      crnPattern={binding.crn_pattern}
                    />
                    <Td>{known && <Code>{known.pool.filter}</Code>}</Td>
                    <Td>{known && <Code>{known.pool.identity_claim}</Code>}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>
      <ReachRisks listed={listed} byPrincipal={byPrincipal} names={names} />
      <section aria-labelledby="who-others" className="grid gap-2">
        <h3 id="who-others" className="font-semibold">
          Users and service accounts
        </h3>
        {others.length === 0 ? (
          <p className="text-slate-700">
            No other principal’s bindings reach {subject} with a role that acts
            on it.
          </p>
        ) : (
          <PrincipalTable
            caption={`Other principals that can reach ${subject}`}
            rows={others}
            scopes={scopes}
            pools={pools}
          />
        )}
      </section>
      {inert.length > 0 && (
        <InertBindings
          inert={inert}
          many={many}
          subject={subject}
          names={names}
          scopes={scopes}
          pools={pools}
        />
      )}
    </>
  );
}
