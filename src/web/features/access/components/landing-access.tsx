import { useId, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  describeScope,
  effectiveAccess,
  inheritedBy,
  type AccessEntry,
  type AccessNames,
  type PoolBinding,
} from '#contract/effective-access.ts';
import { findRole } from '#contract/role-catalogue.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useDirectory } from '@/hooks/use-directory.ts';
import { useLandingBindings } from '../api/use-landing-bindings.ts';
import type { AccessObjectKind } from '../access-wording.ts';

/**
 * One object something lands in: an identity pool a token lands in, a group
 * mapping a list of SSO groups reaches, a certificate pool a certificate
 * lands in. Its role bindings name it `User:<id>`.
 */
export type AccessLanding = {
  /** The object's id: `pool-…` or `group-…`. */
  id: string;
  name: string;
  kind: AccessObjectKind;
  /** The object's screen (its Access tab, ideally); the name links there. */
  href?: string;
  /** Said after the name and id, e.g. " as alice@example.com (claims.sub)". */
  detail?: ReactNode;
};

/** How the summary speaks of what lands and where. */
export type LandingWording = {
  /** The heading: "What this token may do". */
  title: string;
  /** What lands, for sentences: "the token", "these groups". */
  subject: string;
  /** The objects, plural: "pools", "group mappings", "certificate pools". */
  objects: string;
  /** The list of landings: "Pools it lands in". */
  listLabel: string;
  /** When it lands nowhere. */
  none: string;
  /** When the objects it lands in hold no role bindings. */
  noBindings: string;
  /** After a refusal: what the summary then says. */
  afterRefusal: string;
};

/** Ready-made wordings: a token, a list of SSO groups, a client certificate. */
export const LANDING_WORDING = {
  token: {
    title: 'What this token may do',
    subject: 'this token',
    objects: 'pools',
    listLabel: 'Pools it lands in',
    none: 'It lands in no pool, so it may do nothing in the organization.',
    noBindings:
      'These pools hold no role bindings: the token gets in, but may do nothing.',
    afterRefusal:
      'What follows is what a valid token with these claims could do.',
  },
  groups: {
    title: 'What users with these groups may do',
    subject: 'these groups',
    objects: 'group mappings',
    listLabel: 'Group mappings these groups reach',
    none: 'No group mapping applies to these groups, so they bring no roles.',
    noBindings:
      'These group mappings hold no role bindings: the groups bring no roles.',
    afterRefusal: 'What follows is what these groups could bring.',
  },
  certificate: {
    title: 'What this certificate may do',
    subject: 'this certificate',
    objects: 'certificate pools',
    listLabel: 'Certificate pools it lands in',
    none: 'It lands in no certificate pool, so it may do nothing in the organization.',
    noBindings:
      'These certificate pools hold no role bindings: the client connects, but may do nothing.',
    afterRefusal:
      'What follows is what a valid certificate with this subject could do.',
  },
} as const satisfies Record<string, LandingWording>;

export type LandingAccessProps = {
  landings: readonly AccessLanding[];
  /** A ready-made wording (default `token`), … */
  wordingFor?: keyof typeof LANDING_WORDING;
  /** … and any part of it said otherwise. */
  wording?: Partial<LandingWording>;
  /**
   * Set when what lands would be refused anyway (a token Confluent refuses
   * itself): why, in a sentence. The summary then says what a valid one
   * could do.
   */
  refusal?: string;
  /** Where to look for objects not among `landings` that it may land in too. */
  others?: ReactNode;
};

/**
 * Effective access across landings: one summary of every role held through
 * the objects something lands in, grouped by role (broad scopes first, what
 * they hold said explicitly, and through which objects), then each object
 * with its own bindings. Only the objects' role-binding lists are fetched
 * (shared with their Access tabs); what landed never leaves the browser.
 *
 * How to use it (lazily, through `LazyLandingAccess`, same props):
 *
 * ```tsx
 * <LazyLandingAccess
 *   wordingFor="groups"
 *   landings={mappings.map((m) => ({ id: m.id, name: m.display_name, kind: 'group-mapping', href: … }))}
 * />
 * <LazyLandingAccess wordingFor="certificate" landings={…kind: 'certificate-pool'…} />
 * ```
 */
export function LandingAccess({
  landings,
  wordingFor = 'token',
  wording: overrides,
  refusal,
  others,
}: LandingAccessProps) {
  const wording: LandingWording = {
    ...LANDING_WORDING[wordingFor],
    ...overrides,
  };
  const titleId = useId();
  const ids = useMemo(() => landings.map((landing) => landing.id), [landings]);
  const reading = useLandingBindings(ids);
  const directory = useDirectory();
  const names = directory.names;
  const byObject = reading.bindings.data;
  const objectBindings = useMemo<PoolBinding[] | undefined>(
    () =>
      byObject &&
      landings.flatMap(({ id }) =>
        (byObject[id] ?? []).map((binding) => ({ poolId: id, binding })),
      ),
    [byObject, landings],
  );
  const entries = useMemo(
    () => (objectBindings ? effectiveAccess(objectBindings, names) : undefined),
    [objectBindings, names],
  );
  const objectNames = landingNames(landings);

  return (
    <section
      aria-labelledby={titleId}
      className="grid gap-3 [overflow-wrap:anywhere]"
    >
      <h3 id={titleId} className="text-base font-semibold">
        {wording.title}
      </h3>
      {refusal && (
        <p className="text-sm text-slate-700">
          {refusal} {wording.afterRefusal}
        </p>
      )}
      {landings.length === 0 ? (
        <p className="text-sm">{wording.none}</p>
      ) : reading.error != null && !entries ? (
        <ApiErrorView error={reading.error} onRetry={reading.retry} />
      ) : !entries ? (
        <div aria-busy="true" className="grid gap-2">
          <p className="text-sm text-slate-700" aria-live="polite">
            {reading.progress
              ? `Reading the role bindings of ${reading.progress.total} ${wording.objects}: ${reading.progress.done} done…`
              : `Reading the role bindings of the ${wording.objects} it lands in…`}
          </p>
          <Skeleton className="h-16 w-full" />
        </div>
      ) : (
        <AccessSummary
          entries={entries}
          names={names}
          label={`Everything ${wording.subject} may do`}
          noBindings={wording.noBindings}
          objectNames={landings.length > 1 ? objectNames : undefined}
        />
      )}
      {landings.length > 0 && (
        <LandingList
          landings={landings}
          byObject={byObject}
          names={names}
          label={wording.listLabel}
        />
      )}
      {others && <p className="text-xs text-slate-700">{others}</p>}
    </section>
  );
}

function AccessSummary({
  entries,
  names,
  label,
  noBindings,
  objectNames,
}: {
  entries: readonly AccessEntry[];
  names: AccessNames;
  label: string;
  noBindings: string;
  /** Given when it lands in several objects: each entry says which give it. */
  objectNames: ReadonlyMap<string, string> | undefined;
}) {
  if (entries.length === 0) {
    return (
      <p role="status" className="text-sm">
        {noBindings}
      </p>
    );
  }
  // Entries come ordered by role; one group per role, its scopes beneath.
  const byRole = new Map<string, AccessEntry[]>();
  for (const entry of entries) {
    byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), entry]);
  }
  return (
    <ul aria-label={label} className="grid gap-2">
      {[...byRole].map(([role, scopes]) => (
        <li
          key={role}
          className="rounded-md border border-slate-200 px-3 py-2 text-sm"
        >
          <p>
            <span className="font-semibold">{role}</span>
            <span className="text-slate-700">
              {' '}
              —{' '}
              {scopes[0]!.knownRole
                ? findRole(role)?.summary
                : 'a role Lifeguard does not know: check what it allows in Confluent Cloud.'}
            </span>
          </p>
          <ul className="mt-1 ml-4 grid list-disc gap-1">
            {scopes.map((entry) => (
              <ScopeItem
                key={entry.crnPattern}
                entry={entry}
                names={names}
                objectNames={objectNames}
              />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function ScopeItem({
  entry,
  names,
  objectNames,
}: {
  entry: AccessEntry;
  names: AccessNames;
  objectNames: ReadonlyMap<string, string> | undefined;
}) {
  const inherited = inheritedBy(entry.scope, names);
  const covering = entry.coveredBy[0];
  return (
    <li>
      <span>on {describeScope(entry.scope, names)}</span>
      {inherited && (
        <span className="block text-xs text-slate-700">
          Held on {inherited}.
        </span>
      )}
      {covering && (
        <span className="block text-xs text-slate-700">
          Already given by {covering.description}.
        </span>
      )}
      {objectNames && (
        <span className="block text-xs text-slate-600">
          Through{' '}
          {entry.pools.map((id) => objectNames.get(id) ?? id).join(', ')}
        </span>
      )}
    </li>
  );
}

// Object names, with the id beside a name two of them share.
function landingNames(landings: readonly AccessLanding[]) {
  const counts = new Map<string, number>();
  for (const { name } of landings) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map(
    landings.map(({ id, name }) => [
      id,
      counts.get(name)! > 1 ? `${name} (${id})` : name,
    ]),
  );
}

function LandingList({
  landings,
  byObject,
  names,
  label,
}: {
  landings: readonly AccessLanding[];
  /** Undefined while the bindings are read. */
  byObject:
    Readonly<Record<string, readonly PoolBinding['binding'][]>> | undefined;
  names: AccessNames;
  label: string;
}) {
  return (
    <ul aria-label={label} className="grid gap-2">
      {landings.map((landing) => {
        const listed = byObject?.[landing.id];
        const own =
          listed &&
          effectiveAccess(
            listed.map((binding) => ({ poolId: landing.id, binding })),
            names,
          );
        return (
          <li
            key={landing.id}
            className="grid gap-1 border-t border-slate-100 pt-2 text-sm"
          >
            <p>
              {landing.href ? (
                <Link
                  to={landing.href}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {landing.name}
                </Link>
              ) : (
                <span className="font-medium">{landing.name}</span>
              )}{' '}
              <span className="font-mono text-xs text-slate-600">
                {landing.id}
              </span>
              {landing.detail}
            </p>
            {!own ? null : own.length === 0 ? (
              <p className="text-xs text-slate-700">No role bindings.</p>
            ) : (
              <ul className="ml-4 list-disc text-xs">
                {own.map((entry) => (
                  <li key={`${entry.role} ${entry.crnPattern}`}>
                    {entry.description}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
