import { normalizeCrn } from '#contract/crn.ts';
import {
  accessPlace,
  bindingReach,
  effectiveAccess,
  type AccessBinding,
  type AccessEntry,
  type AccessNames,
  type AccessPlace,
  type ReachKind,
} from '#contract/effective-access.ts';
import { checkFilter } from './check.ts';
import { filterConstrains } from './constraints.ts';
import type { FilterDialect } from './dialect.ts';
import { lintFilter } from './lint.ts';
import { analyse, defineOwn, safeOverlap } from './witness.ts';

/**
 * Risks of identity pools that no single field shows: a filter that lets in
 * (nearly) every token of its provider combined with a powerful role, and two
 * pools some token lands in both of where one grants more than the other.
 * The first applies to SSO group mappings and certificate pools too (a
 * filter that lets in every user or certificate). Pure, so the console
 * computes it in the browser from pools and bindings it has already fetched.
 */

// ---------------------------------------------------------------------------
// Powerful roles

/**
 * Roles that, given to every token of a provider, are a finding of their own:
 * each administers a whole scope or hands out access.
 */
export const POWERFUL_ROLES: readonly string[] = [
  'OrganizationAdmin',
  'EnvironmentAdmin',
  'CloudClusterAdmin',
  'ResourceOwner',
  'AccountAdmin',
  'Assigner',
];

const POWERFUL: ReadonlySet<string> = new Set(POWERFUL_ROLES);

/** Whether `role` is one of {@link POWERFUL_ROLES} (names compare exactly). */
export function isPowerfulRole(role: string): boolean {
  return POWERFUL.has(role);
}

// ---------------------------------------------------------------------------
// Broad filters

/**
 * Why a filter lets in (nearly) every token of its provider:
 * `matches-every-token` when the linter finds it always true,
 * `no-sub-or-aud` when the issuer is shared with other organisations and
 * some way of matching requires neither a `sub` nor an `aud` value. For a
 * group mapping or certificate pool, `matches-every-token` means every SSO
 * user or every certificate of the authority; `no-sub-or-aud` never applies.
 */
export type FilterBreadth = 'matches-every-token' | 'no-sub-or-aud';

/** The dialects without an issuer of their own: SSO group mappings and certificate pools. */
export type IssuerlessDialect = Exclude<FilterDialect, 'identity-pool'>;

/**
 * What {@link filterBreadth} needs beyond the filter: an identity pool's
 * (the default dialect) whether its issuer is shared; the other dialects
 * have no issuer.
 */
export type BreadthOptions =
  | { dialect?: 'identity-pool'; sharedIssuer: boolean }
  | { dialect: IssuerlessDialect };

/**
 * How broad `filter` is, or `undefined` when it is neither of
 * {@link FilterBreadth}'s kinds or is invalid in its dialect.
 * `matches-every-token` wins when both apply. Never throws.
 */
export function filterBreadth(
  filter: string,
  options: BreadthOptions,
): FilterBreadth | undefined {
  const dialect = options.dialect ?? 'identity-pool';
  const sharedIssuer =
    options.dialect === undefined || options.dialect === 'identity-pool'
      ? options.sharedIssuer
      : false;
  try {
    if (!checkFilter(filter, dialect).valid) return undefined;
    const lint = lintFilter(filter, { sharedIssuer, dialect });
    if (lint.some((diagnostic) => diagnostic.rule === 'matches-everything')) {
      return 'matches-every-token';
    }
    if (sharedIssuer && !filterConstrains(filter, ['sub', 'aud'])) {
      return 'no-sub-or-aud';
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The fields of a pool the risks read. */
export type RiskPool = { id: string; display_name: string; filter: string };

/** The fields of a role binding the risks read. */
export type RiskBinding = AccessBinding;

/** A pool with its role bindings, as {@link overlapRisks} takes them. */
export type RiskPoolWithBindings = RiskPool & {
  bindings: readonly RiskBinding[];
};

/** A broad filter combined with a powerful role. */
export type BroadAccessRisk = {
  kind: 'broad-filter';
  /** The object's id: an identity or certificate pool's, or a group mapping's. */
  poolId: string;
  breadth: FilterBreadth;
  /** Entries of the pool's access whose role is powerful, in `effectiveAccess` order. */
  powerful: AccessEntry[];
  /**
   * One sentence saying what anyone the filter lets in could do, e.g.
   * `Any token issued by https://acme.okta.com lands in legacy-catch-all
   * (its filter matches every token), so it could act as CloudClusterAdmin
   * on cluster dev-sandbox (lkc-x) (environment non-production (env-y)).`,
   * or for a group mapping `Every SSO user of the organisation gets …`, for
   * a certificate pool `Every certificate issued by this certificate
   * authority lands in …`.
   */
  message: string;
};

/**
 * What {@link broadAccessRisk} needs beyond the pool and its bindings: an
 * identity pool's (the default dialect) issuer and whether it is shared;
 * the other dialects have no issuer.
 */
export type BroadAccessOptions = { names?: AccessNames } & (
  | { dialect?: 'identity-pool'; issuer: string; sharedIssuer: boolean }
  | { dialect: IssuerlessDialect }
);

/**
 * The risk of a pool (or group mapping) whose filter is broad (see
 * {@link filterBreadth}) and whose bindings give a powerful role, or
 * `undefined`. `bindings` are the pool's own. The message leaves out an
 * entry that a broader one of the same role in the list already gives;
 * `powerful` keeps every one. Never throws for plain data.
 */
export function broadAccessRisk(
  pool: RiskPool,
  bindings: readonly RiskBinding[],
  options: BroadAccessOptions,
): BroadAccessRisk | undefined {
  const breadth = filterBreadth(pool.filter, options);
  if (breadth === undefined) return undefined;
  const powerful = effectiveAccess(
    bindings
      .filter((binding) => isPowerfulRole(binding.role_name))
      .map((binding) => ({ poolId: pool.id, binding })),
    options.names,
  );
  if (powerful.length === 0) return undefined;
  const name = poolName(pool);
  const acts = `act as ${listEntries(powerful)}`;
  let message: string;
  if (options.dialect === undefined || options.dialect === 'identity-pool') {
    const issuer =
      options.issuer.trim() === '' ? 'its provider' : options.issuer;
    message =
      breadth === 'matches-every-token'
        ? `Any token issued by ${issuer} lands in ${name} (its filter matches every token), so it could ${acts}.`
        : `A token issued to another organisation’s application can land in ${name} (its filter constrains neither sub nor aud on ${issuer}, an issuer other organisations share), so it could ${acts}.`;
  } else if (options.dialect === 'group-mapping') {
    message = `Every SSO user of the organisation gets ${name} (its filter matches every user), so they could ${acts}.`;
  } else {
    message = `Every certificate issued by this certificate authority lands in ${name} (its filter matches every certificate), so it could ${acts}.`;
  }
  return { kind: 'broad-filter', poolId: pool.id, breadth, powerful, message };
}

function poolName(pool: RiskPool): string {
  return pool.display_name.trim() === '' ? pool.id : pool.display_name;
}

// Long lists turn a sentence into a wall; the entries are in the risk.
const MAX_LISTED = 6;

/**
 * The entries' descriptions as a phrase, `A`, `A and B`, `A; B and C`,
 * leaving out those that a listed broader entry of the same role gives.
 */
function listEntries(entries: readonly AccessEntry[]): string {
  const listed = new Set(
    entries.map((entry) => `${entry.role}\u0000${entry.crnPattern}`),
  );
  const shown = entries.filter(
    (entry) =>
      !entry.coveredBy.some((coverage) =>
        listed.has(`${entry.role}\u0000${coverage.crnPattern}`),
      ),
  );
  const phrases = shown.slice(0, MAX_LISTED).map((entry) => entry.description);
  const more = shown.length - phrases.length;
  if (more > 0) phrases.push(`${more} more`);
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join('; ')} and ${phrases.at(-1)!}`;
}

// ---------------------------------------------------------------------------
// Access one set of bindings gives beyond another

// `within` is left out: a binding inside the entry's scope gives only part of it.
const COVERING: ReadonlySet<ReachKind> = new Set<ReachKind>([
  'exact',
  'prefix',
  'cluster',
  'environment',
  'organization',
]);

// Patterns repeat across pools (the same clusters and topics), and parsing
// them is most of the cost of comparing access.
const PLACE_LIMIT = 5_000;
const places = new Map<string, AccessPlace | null>();

/** The place of a pattern already read with `normalizeCrn`. */
function placeOf(pattern: string): AccessPlace | undefined {
  const cached = places.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  const place = accessPlace(pattern) ?? null;
  if (places.size >= PLACE_LIMIT) {
    const oldest = places.keys().next();
    if (oldest.done !== true) places.delete(oldest.value);
  }
  places.set(pattern, place);
  return place ?? undefined;
}

/** A role at a pattern, as a binding or an entry gives it. */
type Grant = {
  role: string;
  pattern: string;
  place: AccessPlace | undefined;
};

type PreparedAccess = {
  grants: readonly Grant[];
  byRole: ReadonlyMap<string, readonly Grant[]>;
  /** `effectiveAccess` of the bindings with their grants, computed on first use. */
  entries: () => readonly { entry: AccessEntry; grant: Grant }[];
};

function grantOf(role: string, crnPattern: string): Grant {
  const pattern = normalizeCrn(crnPattern);
  return { role, pattern, place: placeOf(pattern) };
}

function prepareAccess(
  bindings: readonly RiskBinding[],
  poolIdOf: (binding: RiskBinding) => string,
  names: AccessNames | undefined,
): PreparedAccess {
  const grants = bindings.map((binding) =>
    grantOf(binding.role_name, binding.crn_pattern),
  );
  const byRole = new Map<string, Grant[]>();
  for (const grant of grants) {
    const list = byRole.get(grant.role);
    if (list) list.push(grant);
    else byRole.set(grant.role, [grant]);
  }
  let entries: { entry: AccessEntry; grant: Grant }[] | undefined;
  return {
    grants,
    byRole,
    entries: () => {
      entries ??= effectiveAccess(
        bindings.map((binding) => ({ poolId: poolIdOf(binding), binding })),
        names,
      ).map((entry) => ({
        entry,
        grant: grantOf(entry.role, entry.crnPattern),
      }));
      return entries;
    },
  };
}

function isCovered(grant: Grant, theirs: PreparedAccess): boolean {
  const candidates = theirs.byRole.get(grant.role);
  if (candidates === undefined) return false;
  return candidates.some((candidate) => {
    // A pattern that does not parse reaches nothing, but the same text
    // still gives the same access.
    if (candidate.pattern === grant.pattern) return true;
    if (candidate.place === undefined || grant.place === undefined) {
      return false;
    }
    const reach = bindingReach(candidate.place, grant.place);
    return reach !== undefined && COVERING.has(reach);
  });
}

// An entry stands for bindings of one role and place, so it is covered
// exactly when its bindings are: the bindings answer without effectiveAccess.
function givesMore(mine: PreparedAccess, theirs: PreparedAccess): boolean {
  return mine.grants.some((grant) => !isCovered(grant, theirs));
}

function beyond(mine: PreparedAccess, theirs: PreparedAccess): AccessEntry[] {
  if (!givesMore(mine, theirs)) return [];
  return mine
    .entries()
    .filter(({ grant }) => !isCovered(grant, theirs))
    .map(({ entry }) => entry);
}

function poolIdOfPrincipal(binding: RiskBinding): string {
  return binding.principal.replace(/^User:/, '');
}

/**
 * What `bindings` give that `other` does not: the entries of
 * `effectiveAccess(bindings)` for which no binding of `other` with the same
 * role reaches the entry's pattern exactly or more broadly (a prefix, the
 * cluster, environment or organization holding it). Entries name their pool
 * from the binding's principal (`User:<pool id>`).
 */
export function accessBeyond(
  bindings: readonly RiskBinding[],
  other: readonly RiskBinding[],
  names?: AccessNames,
): AccessEntry[] {
  return beyond(
    prepareAccess(bindings, poolIdOfPrincipal, names),
    prepareAccess(other, poolIdOfPrincipal, undefined),
  );
}

// ---------------------------------------------------------------------------
// Overlapping pools

/** Pools whose filters overlap `pool`'s (some token lands in both) and where one grants more than the other. */
export type OverlapRisk = {
  kind: 'overlap';
  poolId: string;
  otherPoolId: string;
  otherPoolName: string;
  /** Claims that land in both pools. */
  witness: Record<string, unknown>;
  /** What this pool gives beyond the other, and the other beyond this one; at least one is non-empty. */
  thisGivesMore: AccessEntry[];
  otherGivesMore: AccessEntry[];
  /**
   * e.g. `A token with {"aud":"https://kafka-staging.acme.example"} lands in
   * both this pool and gcs-sink-staging; gcs-sink-staging also gives
   * DeveloperRead on topics "lakehouse.*" in cluster …`. The claims shown are
   * those either filter names.
   */
  message: string;
};

/**
 * The pools among `others` that some token lands in together with `pool`
 * and that give it more, or less, than `pool` does, in the order of
 * `others` (`pool` itself is skipped). Pools with the same access, and
 * pools no witness or candidate shows overlapping, are left out. Each
 * filter is analysed once and cached. Never throws for plain data.
 */
export function overlapRisks(
  pool: RiskPoolWithBindings,
  others: readonly RiskPoolWithBindings[],
  options: {
    names?: AccessNames;
    candidates?: readonly Record<string, unknown>[];
  } = {},
): OverlapRisk[] {
  const { names, candidates = [] } = options;
  const analysis = analyse(pool.filter);
  if (analysis === undefined) return [];
  const mine = prepareAccess(pool.bindings, () => pool.id, names);
  const risks: OverlapRisk[] = [];
  for (const other of others) {
    if (other.id === pool.id) continue;
    const otherAnalysis = analyse(other.filter);
    if (otherAnalysis === undefined) continue;
    const theirs = prepareAccess(other.bindings, () => other.id, names);
    if (!givesMore(mine, theirs) && !givesMore(theirs, mine)) continue;
    const witness = safeOverlap(analysis, otherAnalysis, candidates);
    if (witness === undefined) continue;
    const thisGivesMore = beyond(mine, theirs);
    const otherGivesMore = beyond(theirs, mine);
    const otherPoolName = poolName(other);
    const shown = new Set([...analysis.claims, ...otherAnalysis.claims]);
    risks.push({
      kind: 'overlap',
      poolId: pool.id,
      otherPoolId: other.id,
      otherPoolName,
      witness,
      thisGivesMore,
      otherGivesMore,
      message: overlapMessage(
        compactClaims(witness, shown),
        otherPoolName,
        thisGivesMore,
        otherGivesMore,
      ),
    });
  }
  return risks;
}

function overlapMessage(
  claims: string | undefined,
  otherName: string,
  thisGivesMore: readonly AccessEntry[],
  otherGivesMore: readonly AccessEntry[],
): string {
  const who = claims === undefined ? 'Any token' : `A token with ${claims}`;
  const gives: string[] = [];
  if (otherGivesMore.length > 0) {
    gives.push(`${otherName} also gives ${listEntries(otherGivesMore)}`);
  }
  if (thisGivesMore.length > 0) {
    gives.push(`this pool also gives ${listEntries(thisGivesMore)}`);
  }
  return `${who} lands in both this pool and ${otherName}; ${gives.join(', and ')}.`;
}

// Tokens carry long group lists; the message only needs to be recognisable.
const MAX_CLAIMS_SHOWN = 200;

/** The claims the filters name, as compact JSON, or `undefined` when they name none. */
function compactClaims(
  claims: Record<string, unknown>,
  names: ReadonlySet<string>,
): string | undefined {
  const shown: Record<string, unknown> = {};
  for (const key of Object.keys(claims)) {
    if (names.has(key)) defineOwn(shown, key, claims[key]);
  }
  if (Object.keys(shown).length === 0) return undefined;
  // A lossless JSON parser may hand numbers over as bigints.
  const text = JSON.stringify(shown, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return text.length > MAX_CLAIMS_SHOWN
    ? `${text.slice(0, MAX_CLAIMS_SHOWN - 1)}…`
    : text;
}
