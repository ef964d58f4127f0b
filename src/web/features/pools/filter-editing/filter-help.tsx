const CONSTRUCTS: [string, string][] = [
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
];

/** A short reference of what Confluent accepts in a pool filter. */
export function FilterHelp() {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-700">
        Filter syntax
      </summary>
      <div className="mt-2 grid gap-2">
        <p className="text-slate-700">
          A filter is a CEL expression over the token’s claims that must be true
          for the token to use this pool. Confluent accepts only these forms;
          regular expressions (matches), macros (exists, all) and size() are not
          supported. Claims and values are case-sensitive.
        </p>
        <dl className="grid gap-1 sm:grid-cols-[14rem_1fr]">
          {CONSTRUCTS.map(([label, example]) => (
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
