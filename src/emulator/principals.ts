import type { Store } from './store.ts';

/**
 * Whether the organization has a principal of this resource id (the part
 * after `User:`). Users, identity pools of either kind (OAuth and
 * certificate pools share the `pool-` ids) and SSO group mappings are
 * looked up; service accounts (`sa-…`) are taken on trust, since the
 * emulator holds no directory of them
 * (docs/decisions/015-role-bindings-in-the-emulator.md, 018).
 */
export function isKnownPrincipalId(store: Store, id: string): boolean {
  if (id.startsWith('u-')) return store.directory.getUser(id) !== undefined;
  if (id.startsWith('pool-')) {
    return (
      store.findPool(id) !== undefined ||
      store.certificatePools.find(id) !== undefined
    );
  }
  if (id.startsWith('group-')) return store.groupMappings.get(id) !== undefined;
  return /^sa-[A-Za-z0-9_-]+$/.test(id);
}
