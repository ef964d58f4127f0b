import type { FastifyRequest } from 'fastify';
import { queryValue } from '../paging.ts';
import { isKnownPrincipalId } from '../principals.ts';
import { badParameter, requireUnderQuota } from '../problems.ts';
import type { Store } from '../store.ts';

const RESOURCE_OWNER = /^(u|sa|group|pool)-[A-Za-z0-9_-]{1,250}$/;

/**
 * The `assigned_resource_owner` of a pool create (OAuth or certificate
 * pool), or undefined when there is none. Empty is absent: the CLI sends
 * `assigned_resource_owner=` on every create since v4.18.0
 * (docs/decisions/014). A malformed one is a 400 naming the parameter.
 */
export function readResourceOwner(request: FastifyRequest): string | undefined {
  const owner = queryValue(request, 'assigned_resource_owner');
  if (owner === undefined || owner === '') return undefined;
  if (!RESOURCE_OWNER.test(owner)) {
    throw badParameter(
      'assigned_resource_owner',
      'assigned_resource_owner must be the id of a user (u-…), service account (sa-…), group mapping (group-…) or identity pool (pool-…)',
    );
  }
  return owner;
}

/**
 * A pool create (OAuth or certificate pool) as the service makes it, in one
 * transaction: the owner must exist, the parent's quota must have room
 * (`used` is read inside the transaction), then `insert` makes the pool and
 * the owner is bound on its CRN.
 */
export function createOwnedPool<Pool extends { id: string }>(
  store: Store,
  owner: string | undefined,
  quota: { name: string; limit: number; used: () => number },
  insert: () => Pool,
  crnOf: (pool: Pool) => string,
): Pool {
  return store.transaction(() => {
    requireKnownOwner(store, owner);
    requireUnderQuota(quota.name, quota.limit, quota.used());
    const created = insert();
    bindResourceOwner(store, owner, crnOf(created));
    return created;
  });
}

// Refuses an owner the organization does not have (400 naming the
// parameter), before the pool is made.
function requireKnownOwner(store: Store, owner: string | undefined): void {
  if (owner !== undefined && !isKnownPrincipalId(store, owner)) {
    throw badParameter(
      'assigned_resource_owner',
      `assigned_resource_owner ${owner} is not a user, service account, group mapping or identity pool of this organization`,
    );
  }
}

// The owner's binding, as the service makes it: ResourceOwner on the new
// pool's CRN, in the same transaction as the pool (docs/decisions/015).
function bindResourceOwner(
  store: Store,
  owner: string | undefined,
  poolCrn: string,
): void {
  if (owner === undefined) return;
  store.roleBindings.insert({
    principal: `User:${owner}`,
    roleName: 'ResourceOwner',
    crnPattern: poolCrn,
  });
}
