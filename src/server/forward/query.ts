import { ForwardRefusal } from './failures.ts';

/** One query parameter an operation lets through to the upstream. */
export type QueryRule = {
  name: string;
  pattern: RegExp;
  /** What a valid value is, for the 400 when it is not. */
  meaning: string;
  /** An empty value is taken as not given, and not forwarded. */
  emptyIsAbsent?: boolean;
  /** The upstream refuses a call without it: refused here, with its meaning. */
  required?: boolean;
};

export const PAGE_SIZE: QueryRule = {
  name: 'page_size',
  pattern: /^\d{1,3}$/,
  meaning: 'a whole number',
};

export const PAGE_TOKEN: QueryRule = {
  name: 'page_token',
  pattern: /^[\x21-\x7e]{1,255}$/,
  meaning: 'a token from a previous page (at most 255 characters)',
};

/** The paging parameters of every Confluent list. */
export const PAGING: readonly QueryRule[] = [PAGE_SIZE, PAGE_TOKEN];

export const RESOURCE_OWNER: QueryRule = {
  name: 'assigned_resource_owner',
  pattern: /^[A-Za-z0-9_-]{1,255}$/,
  meaning: 'a principal id such as u-a83k9b',
  // Confluent's CLI sends it empty on every pool create since v4.18.0
  // (docs/decisions/014-what-confluents-clients-send.md).
  emptyIsAbsent: true,
};

/**
 * The query string sent upstream, with its `?`: only the declared
 * parameters pass, each given at most once and checked; others are dropped
 * (clients add their own, e.g. cache busters, that mean nothing upstream).
 */
export function upstreamQuery(
  rules: readonly QueryRule[],
  rawQuery: string,
): string {
  if (rules.length === 0) return '';
  const given = new URLSearchParams(rawQuery);
  const out = new URLSearchParams();
  for (const rule of rules) {
    const values = given.getAll(rule.name);
    if (values.length === 0) {
      if (!rule.required) continue;
      throw new ForwardRefusal(400, {
        code: 'invalid_parameter',
        title: 'Bad Request',
        detail: `${rule.name} is required: ${rule.meaning}.`,
        parameter: rule.name,
      });
    }
    const value = values[0]!;
    if (values.length === 1 && value === '' && rule.emptyIsAbsent) continue;
    if (values.length > 1 || !rule.pattern.test(value)) {
      throw new ForwardRefusal(400, {
        code: 'invalid_parameter',
        title: 'Bad Request',
        detail:
          values.length > 1
            ? `${rule.name} was given ${values.length} times; give it once.`
            : `${rule.name} must be ${rule.meaning}.`,
        parameter: rule.name,
      });
    }
    out.set(rule.name, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** A Confluent environment id, required by the cluster list. */
export const ENVIRONMENT: QueryRule = {
  name: 'environment',
  pattern: /^[A-Za-z0-9_-]{1,255}$/,
  meaning: 'an environment id such as env-a1b2c3',
  required: true,
};

/** The role-binding list's filters (docs/confluent-api.md, access APIs). */
export const ROLE_BINDING_FILTERS: readonly QueryRule[] = [
  {
    name: 'principal',
    pattern: /^(?:User|Group):[\x21-\x7e]{1,255}$/,
    meaning: 'a principal such as User:pool-a1b2 or User:u-a83k9b',
  },
  {
    name: 'role_name',
    pattern: /^[A-Za-z]{1,64}$/,
    meaning: 'a role name such as DeveloperRead',
  },
  {
    // Resource names (topics, subjects) may hold any printable character.
    name: 'crn_pattern',
    pattern: /^crn:\/\/\P{Cc}{1,2048}$/u,
    meaning:
      'a CRN pattern such as crn://confluent.cloud/organization=…/* (one ending in /* also lists the scopes below it)',
    required: true,
  },
];

const QUOTA_ID_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The applied-quota list's filters. `scope` is required upstream and taken
 * in either case (Confluent's CLI sends it in lower case); the others are
 * optional, and the CLI sends them empty when not given.
 */
export const APPLIED_QUOTA_FILTERS: readonly QueryRule[] = [
  {
    name: 'scope',
    pattern: /^[A-Za-z_]{1,64}$/,
    meaning: 'a quota scope such as ORGANIZATION or IDENTITY_PROVIDER',
    required: true,
  },
  {
    name: 'identity_provider',
    pattern: QUOTA_ID_PATTERN,
    meaning: 'an identity provider id such as op-4EY',
    emptyIsAbsent: true,
  },
  {
    name: 'certificate_authority',
    pattern: QUOTA_ID_PATTERN,
    meaning: 'a certificate authority id such as op-abc123',
    emptyIsAbsent: true,
  },
  {
    name: 'environment',
    pattern: QUOTA_ID_PATTERN,
    meaning: 'an environment id such as env-a1b2c3',
    emptyIsAbsent: true,
  },
  {
    name: 'id',
    pattern: /^[a-z0-9_.]{1,255}$/,
    meaning:
      'a quota code such as iam.max_identity_pools.per_identity_provider',
    emptyIsAbsent: true,
  },
];
