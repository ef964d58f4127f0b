import { DEFAULT_DIALECT, type FilterDialect } from '#filter/dialect.ts';

type Help = {
  /** What the filter is over and what Confluent refuses, in a sentence or two. */
  intro: string;
  constructs: readonly (readonly [label: string, example: string])[];
};

const HELP: Record<FilterDialect, Help> = {
  'identity-pool': {
    intro:
      'A filter is a CEL expression over the token’s claims that must be true for the token to use this pool. Confluent accepts only these forms; regular expressions (matches), macros (exists, all) and size() are not supported. Claims and values are case-sensitive.',
    constructs: [
      ['Equals / not equals', 'claims.aud == "kafka"   claims.env != "test"'],
      ['One of a list', 'claims.client_id in ["orders", "billing"]'],
      ['A list claim holds a value', '"kafka-admins" in claims.groups'],
      [
        'Text tests',
        'claims.sub.startsWith("svc-")   .endsWith("@acme.com")   .contains("team")',
      ],
      ['Claim present / absent', 'has(claims.scp)   !has(claims.act)'],
      ['Nested claims', 'claims.realm_access.roles   claims["custom-claim"]'],
      ['Combine', 'a && b   a || b   !a   (a || b) && c'],
      ['Every token of the provider', 'true'],
    ],
  },
  'group-mapping': {
    intro:
      'A filter is a CEL expression over groups, the SAML groups of the signed-in user, that must be true for the mapping to apply. It tests membership only: claims, comparisons with ==, functions and macros (exists, size) are not supported. Group names are case-sensitive.',
    constructs: [
      ['Member of a group', '"engineering" in groups'],
      ['Not a member', '!("contractors" in groups)'],
      ['Any of several', '"kafka" in groups || "platform" in groups'],
      ['Combine', 'a && b   a || b   !a   (a || b) && c'],
      ['Every SSO user', 'true'],
    ],
  },
  'certificate-pool': {
    intro:
      'A filter is a CEL expression over the client certificate’s subject attributes (CN, L, ST, O, OU, C, STREET, DC, UID) that must be true for the certificate to use this pool. Only these forms are accepted; matches, has(), size() and macros are not. Attribute names and values are case-sensitive. An empty filter matches no certificate.',
    constructs: [
      ['Equals / not equals', 'CN == "orders-svc"   OU != "contractors"'],
      ['One of a list', 'OU in ["payments", "billing"]'],
      [
        'Text tests',
        'CN.startsWith("svc-")   .endsWith(".acme.example")   .contains("team")',
      ],
      ['Single quotes work too', "C == 'DE' && O == 'Acme'"],
      ['Combine', 'a && b   a || b   !a   (a || b) && c'],
      ['Every certificate of this authority', 'true'],
    ],
  },
};

/** A short reference of what Confluent accepts in a filter of `dialect`. */
export function FilterHelp({
  dialect = DEFAULT_DIALECT,
}: {
  dialect?: FilterDialect;
}) {
  const { intro, constructs } = HELP[dialect];
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-700">
        Filter syntax
      </summary>
      <div className="mt-2 grid gap-2">
        <p className="text-slate-700">{intro}</p>
        <dl className="grid gap-1 sm:grid-cols-[14rem_1fr]">
          {constructs.map(([label, example]) => (
            <div key={label} className="contents">
              <dt className="text-slate-700">{label}</dt>
              <dd>
                <code className="font-mono text-xs [overflow-wrap:anywhere]">
                  {example}
                </code>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
