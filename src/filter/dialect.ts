/**
 * The three Confluent Cloud federation objects guarded by a CEL filter.
 * Each reads different variables and allows a different part of CEL:
 *
 * - `identity-pool`: an OAuth identity pool; the filter reads the JWT's
 *   `claims.*` (docs/confluent-api.md §9.2).
 * - `group-mapping`: an SSO group mapping; the filter reads `groups`, the
 *   SAML groups of the signed-in user, a list of strings.
 * - `certificate-pool`: an mTLS certificate identity pool; the filter reads
 *   the client certificate's subject attributes by their RFC 4514 keywords
 *   (`CN`, `O`, `OU`…).
 */
export type FilterDialect =
  'identity-pool' | 'group-mapping' | 'certificate-pool';

/** The dialect a filter is in when nobody says otherwise. */
export const DEFAULT_DIALECT: FilterDialect = 'identity-pool';

/** Every dialect, in the order the console lists them. */
export const FILTER_DIALECTS: readonly FilterDialect[] = [
  'identity-pool',
  'group-mapping',
  'certificate-pool',
];

/**
 * The X.509 subject attributes a certificate pool's filter may name, as
 * RFC 4514 spells their keywords. Case matters: Confluent resolves `CN`,
 * not `cn`.
 */
export const CERTIFICATE_ATTRIBUTES = [
  'CN',
  'L',
  'ST',
  'O',
  'OU',
  'C',
  'STREET',
  'DC',
  'UID',
] as const;

/** One of {@link CERTIFICATE_ATTRIBUTES}. */
export type CertificateAttribute = (typeof CERTIFICATE_ATTRIBUTES)[number];

/** What each subject attribute is, in words (after RFC 4519's names). */
export const CERTIFICATE_ATTRIBUTE_NAMES: Readonly<
  Record<CertificateAttribute, string>
> = {
  CN: 'common name',
  L: 'locality',
  ST: 'state or province',
  O: 'organization',
  OU: 'organizational unit',
  C: 'country',
  STREET: 'street address',
  DC: 'domain component',
  UID: 'user id',
};

/** What a person needs to know about a dialect to write a filter in it. */
export type DialectDescription = {
  dialect: FilterDialect;
  /** The guarded object, lower case, for the middle of a sentence: "identity pool filters". */
  name: string;
  /** The variables a filter may read, as written in a filter. */
  variables: readonly string[];
  /** What the filter `true` lets in, in words. */
  trueMeans: string;
  /** Whether an empty filter is accepted; see `emptyMessage` for what it means. */
  emptyAllowed: boolean;
  /**
   * What to tell a person whose filter is empty: the error where an empty
   * filter is refused, what it means where it is allowed.
   */
  emptyMessage: string;
  /** The longest filter Confluent accepts, in characters. */
  maxLength: number;
  /** A short, valid filter to show as an example in messages and help. */
  example: string;
};

// Confluent documents 300 characters for pool filters; nothing says group
// mappings or certificate pools differ, so they share the limit. Equal to
// DEFAULT_FILTER_MAX_LENGTH of #contract/bodies.ts (dialect.test.ts keeps
// it so), repeated because that module brings zod, which the first screen
// must not load (decision 012).
const MAX_FILTER_LENGTH = 300;

/** Per-dialect facts, for messages, help and defaults. */
export const DIALECTS: Readonly<Record<FilterDialect, DialectDescription>> = {
  'identity-pool': {
    dialect: 'identity-pool',
    name: 'identity pool',
    variables: ['claims'],
    trueMeans: 'every token from this provider',
    emptyAllowed: false,
    emptyMessage:
      'The filter is empty; write `true` to match every token from this provider',
    maxLength: MAX_FILTER_LENGTH,
    example: 'claims.sub == "…"',
  },
  'group-mapping': {
    dialect: 'group-mapping',
    name: 'group mapping',
    variables: ['groups'],
    trueMeans: 'every SSO user of the organisation',
    emptyAllowed: false,
    emptyMessage:
      'The filter is empty; write `true` to map every SSO user of the organisation',
    maxLength: MAX_FILTER_LENGTH,
    example: '"engineering" in groups',
  },
  'certificate-pool': {
    dialect: 'certificate-pool',
    name: 'certificate pool',
    variables: CERTIFICATE_ATTRIBUTES,
    trueMeans: 'every certificate this certificate authority issued',
    emptyAllowed: true,
    emptyMessage: 'An empty filter matches no certificate',
    maxLength: MAX_FILTER_LENGTH,
    example: 'CN == "…"',
  },
};

/** The description of `dialect`. */
export function describeDialect(dialect: FilterDialect): DialectDescription {
  return DIALECTS[dialect];
}

/** Whether `name` is a certificate subject attribute a filter may name. */
export function isCertificateAttribute(
  name: string,
): name is CertificateAttribute {
  return (CERTIFICATE_ATTRIBUTES as readonly string[]).includes(name);
}
