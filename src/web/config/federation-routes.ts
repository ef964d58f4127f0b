// The router's path patterns of the federation sections (SSO group
// mappings, certificate authorities), apart from federation-paths.ts so
// that router.tsx, which ships with the first screen, takes only these
// strings. Links are built with federation-paths.ts.

/** Every SSO group mapping of the organization. */
export const GROUP_MAPPINGS = '/group-mappings';
/** A new group mapping (`?copy_of=<id>` starts from a copy). */
export const GROUP_MAPPING_NEW = '/group-mappings/new';
/** Which mappings a list of SSO groups gets, and the roles they bring. */
export const GROUP_MAPPING_REACH = '/group-mappings/reach';
/** One group mapping. */
export const GROUP_MAPPING = '/group-mappings/:groupMappingId';
/** One group mapping's edit form. */
export const GROUP_MAPPING_EDIT = '/group-mappings/:groupMappingId/edit';

/** Every certificate authority (mTLS) of the organization. */
export const CERTIFICATE_AUTHORITIES = '/certificate-authorities';
/** Registering a certificate authority. */
export const CERTIFICATE_AUTHORITY_NEW = '/certificate-authorities/new';
/** One certificate authority, with its certificate pools. */
export const CERTIFICATE_AUTHORITY = '/certificate-authorities/:caId';
/** One certificate authority's edit form. */
export const CERTIFICATE_AUTHORITY_EDIT = '/certificate-authorities/:caId/edit';
/** Which certificate pools of an authority a client certificate reaches. */
export const CERTIFICATE_AUTHORITY_REACH =
  '/certificate-authorities/:caId/reach';
/** A new certificate pool (`?copy_of=<pool id>` starts from a copy). */
export const CERTIFICATE_POOL_NEW = '/certificate-authorities/:caId/pools/new';
/** One certificate pool. */
export const CERTIFICATE_POOL = '/certificate-authorities/:caId/pools/:poolId';
/** One certificate pool's edit form. */
export const CERTIFICATE_POOL_EDIT =
  '/certificate-authorities/:caId/pools/:poolId/edit';
