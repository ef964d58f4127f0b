import type { Store } from './store.ts';

/**
 * Whether the organization has a principal of this resource id (the part
 * after `User:`). Users and identity pools are looked up; service accounts
 * (`sa-…`) and SSO group mappings (`group-…`) are taken on trust, since the
 * emulator holds no directory of them
 * (docs/decisions/015-role-bindings-in-the-emulator.md).
 */
export function isKnownPrincipalId(store: Store, id: string): boolean {
  if (id.startsWith('u-')) return store.directory.getUser(id) !== undefined;
  if (id.startsWith('pool-')) return store.findPool(id) !== undefined;
  return /^(sa|group)-[A-Za-z0-9_-]+$/.test(id);
}
