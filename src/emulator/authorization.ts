import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildCrn, inclusiveCrnQuery } from '#contract/crn.ts';
import {
  accessPlace,
  bindingReach,
  type AccessPlace,
  type ReachKind,
} from '#contract/effective-access.ts';
import type { EmulatorContext } from './context.ts';
import { forbidden } from './problems.ts';
import type { RoleBindingRecord } from './role-binding-store.ts';
import {
  isApiRoute,
  ORGANIZATION,
  routeAccess,
  type AccessRule,
  type RouteAccess,
} from './route-access.ts';

// Confluent documents 1,000 role bindings per organization
// (docs/confluent-api.md §19.5): a pool holding more is beyond what the
// emulator serves, so a request reads at most that many.
const MAX_HELD = 1000;
// Enough of what a pool holds for an administrator to see what is missing,
// few enough to read in one line.
const MAX_LISTED = 5;
// A CRN in a refusal may come from the request body; a long one is cut.
const MAX_CRN_SHOWN = 200;

type Held = {
  readonly binding: RoleBindingRecord;
  readonly place: AccessPlace | undefined;
};

type Judged = {
  readonly rule: AccessRule;
  readonly allowed: boolean;
  /** The CRN the rule looked at, when the request named one that parses. */
  readonly crn?: string;
};

// A held binding covers a target bound at it, at a prefix holding it or at
// a scope holding it; `within` (the binding lies inside the target) counts
// only for rules that say `in`.
const COVERS: ReadonlySet<ReachKind> = new Set([
  'exact',
  'prefix',
  'cluster',
  'environment',
  'organization',
]);

function heldBindings(context: EmulatorContext, poolId: string): Held[] {
  const organization = buildCrn({ organization: context.config.orgId });
  const page = context.store.roleBindings.list(
    {
      principal: `User:${poolId}`,
      crnQuery: inclusiveCrnQuery(organization),
    },
    { after: 0 },
    MAX_HELD,
  );
  return page.rows.map((binding) => ({
    binding,
    place: accessPlace(binding.crnPattern),
  }));
}

function judge(
  rule: AccessRule,
  held: readonly Held[],
  request: FastifyRequest,
  context: EmulatorContext,
  principal: string,
): Judged {
  if (rule.kind === 'self') {
    return { rule, allowed: rule.principalOf(request, context) === principal };
  }
  const { roles } = rule;
  const candidates = held.filter(
    (each) => roles === undefined || roles.includes(each.binding.roleName),
  );
  const crn = rule.target.crnOf(request, context);
  const target = crn === undefined ? undefined : accessPlace(crn);
  // The request does not say where (no parameter, a malformed body, a
  // binding that does not exist): holding the role anywhere lets it
  // through to the route, whose own 400 or 403 is the better answer.
  if (target === undefined) return { rule, allowed: candidates.length > 0 };
  const allowed = candidates.some((each) => {
    if (each.place === undefined) return false;
    const reach = bindingReach(each.place, target);
    return (
      reach !== undefined &&
      (COVERS.has(reach) || (rule.reach === 'in' && reach === 'within'))
    );
  });
  return { rule, allowed, crn };
}

function shown(crn: string): string {
  return crn.length > MAX_CRN_SHOWN ? `${crn.slice(0, MAX_CRN_SHOWN)}…` : crn;
}

function joined(items: readonly string[], word: 'or' | 'and'): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)!}`;
}

function needed({ rule, crn }: Judged, principal: string): string {
  if (rule.kind === 'self') return `to ${rule.label(principal)}`;
  const roles = rule.roles ? joined(rule.roles, 'or') : 'any role binding';
  if (rule.target === ORGANIZATION) {
    return `${roles} ${rule.reach === 'on' ? 'on' : 'in'} the organization`;
  }
  const where = crn === undefined ? rule.target.label : shown(crn);
  return rule.reach === 'on'
    ? `${roles} on ${where} or on a scope holding it`
    : `${roles} on or inside ${where}`;
}

function holding(held: readonly Held[]): string {
  if (held.length === 0) return 'holds no role binding in the organization';
  const named = held
    .slice(0, MAX_LISTED)
    .map(
      ({ binding }) => `${binding.roleName} on ${shown(binding.crnPattern)}`,
    );
  const more = held.length - named.length;
  return more > 0
    ? `holds ${named.join(', ')} and ${more} more`
    : `holds ${joined(named, 'and')}`;
}

/**
 * Why the pool may not call the route, in the live service's words
 * ("Forbidden Access") and then enough for an administrator to fix it:
 * what was needed and what the pool holds. `undefined` when it may.
 */
function refusal(
  context: EmulatorContext,
  request: FastifyRequest,
  poolId: string,
  access: RouteAccess,
): string | undefined {
  const principal = `User:${poolId}`;
  const held = heldBindings(context, poolId);
  const judged = access.rules.map((rule) =>
    judge(rule, held, request, context, principal),
  );
  if (judged.some((each) => each.allowed)) return undefined;
  const needs = judged.map((each) => needed(each, principal));
  return `Forbidden Access: ${principal} (an identity pool acting through an STS token) may not ${access.action}: it needs ${needs.join(', or ')}, and ${holding(held)}.`;
}

/**
 * Decides, before a route's handler runs, whether a request authenticated
 * as an identity pool may call it: from the route that matched (its line
 * in route-access.ts, never the URL's text) and the pool's role bindings.
 * Keys and static tokens act with full rights and are not looked at.
 * Register it before the routes: it reads each one as it is declared.
 */
export function authorizeByRoleBindings(
  app: FastifyInstance,
  context: EmulatorContext,
): void {
  const unruled: string[] = [];
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    for (const method of [route.method].flat()) {
      if (!routeAccess(method, route.url)) {
        unruled.push(`${method} ${route.url}`);
      }
    }
  });
  // A route without a line would be open or shut to pools by accident: the
  // emulator does not start instead.
  app.addHook('onReady', async () => {
    if (unruled.length > 0) {
      throw new Error(
        `No access rule for ${unruled.join(', ')}: add one to ROUTE_ACCESS in src/emulator/route-access.ts.`,
      );
    }
  });
  app.addHook('preHandler', async (request) => {
    const poolId = request.caller?.actsAs?.poolId;
    const { url } = request.routeOptions;
    if (poolId === undefined || url === undefined) return;
    // A route matches one method, so the request's is the route's.
    const access = routeAccess(request.method, url);
    const detail = access
      ? refusal(context, request, poolId, access)
      : `Forbidden Access: the emulator has no rule for what an identity pool may do on ${request.method} ${url}.`;
    if (detail !== undefined) throw forbidden(detail);
  });
}
