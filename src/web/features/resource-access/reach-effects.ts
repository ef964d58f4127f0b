import { parseCrn } from '#contract/crn.ts';
import type { AccessBinding, Reach } from '#contract/effective-access.ts';
import {
  roleActsOn,
  type RoleEffect,
  type RoleTarget,
  type UNKNOWN_ROLE,
} from '#contract/role-catalogue.ts';

/** A reaching binding with what its role gives there, or that its role is unknown. */
export type ActingReach<B extends AccessBinding> = Reach<B> & {
  readonly effect: RoleEffect | typeof UNKNOWN_ROLE;
};

/** The answer split by what each binding's role gives on what was asked. */
export type SplitReaches<B extends AccessBinding> = {
  /** Bindings whose role gives something there, or is unknown. */
  readonly acting: ActingReach<B>[];
  /** Bindings that reach it with a role that gives nothing there. */
  readonly inert: Reach<B>[];
};

// A `within` binding is only part of what was asked (a topic in the cluster
// asked about), so its role acts on its own resource type; every other
// reach is on the type asked about.
function targetOf(reach: Reach, asked: RoleTarget): RoleTarget {
  if (reach.kind !== 'within') return asked;
  const parsed = parseCrn(reach.binding.crn_pattern);
  return (parsed.ok && parsed.crn.resource?.type) || asked;
}

/**
 * Splits `whoReaches`'s answer, in its order: a binding at the
 * organization, an environment or a cluster only matters for a resource
 * if its role acts on that type, so MetricsViewer on the organization does
 * not reach a topic. An unknown role stays among those that reach, since
 * what it gives cannot be ruled out.
 */
export function splitByEffect<B extends AccessBinding>(
  reaches: readonly Reach<B>[],
  asked: RoleTarget,
): SplitReaches<B> {
  const acting: ActingReach<B>[] = [];
  const inert: Reach<B>[] = [];
  for (const reach of reaches) {
    const effect = roleActsOn(reach.binding.role_name, targetOf(reach, asked));
    if (effect === undefined) inert.push(reach);
    else acting.push({ ...reach, effect });
  }
  return { acting, inert };
}
