/**
 * The federation objects whose principal role bindings name, and how the
 * Access views speak of each. An identity pool (`pool-…`), an SSO group
 * mapping (`group-…`) and a certificate pool (`pool-…`) all hold roles as
 * `User:<id>`; only the words differ.
 */
export type AccessObjectKind =
  'identity-pool' | 'group-mapping' | 'certificate-pool';

/** How the Access views speak of one kind of object. */
export type AccessWording = {
  /** After "this": "pool", "group mapping", "certificate pool". */
  noun: string;
  /**
   * Who acts as the object's principal, as the subject of a sentence:
   * "tokens that get in through this pool".
   */
  holders: string;
  /** What an object without role bindings means for them, one sentence. */
  emptyMeaning: string;
};

export const ACCESS_WORDING: Record<AccessObjectKind, AccessWording> = {
  'identity-pool': {
    noun: 'pool',
    holders: 'tokens that get in through this pool',
    emptyMeaning:
      'Tokens can get in, but may do nothing in Confluent Cloud yet.',
  },
  'group-mapping': {
    noun: 'group mapping',
    holders: 'SSO users this mapping applies to',
    emptyMeaning:
      'SSO users it applies to get no roles from it: they may do only what their own role bindings allow.',
  },
  'certificate-pool': {
    noun: 'certificate pool',
    holders: 'clients whose certificate lands in this pool',
    emptyMeaning:
      'Clients can connect with their certificates, but may do nothing in Confluent Cloud yet.',
  },
};

/** The wording for `kind`, with any part the caller words itself. */
export function accessWording(
  kind: AccessObjectKind = 'identity-pool',
  overrides: Partial<AccessWording> = {},
): AccessWording {
  return { ...ACCESS_WORDING[kind], ...overrides };
}

/** "Tokens that get in…": the first letter of a phrase in upper case. */
export function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
