import { ApiError, isRoleRefusal, isSessionLost } from '@/lib/errors.ts';

/**
 * What a refused grant or revoke means, from Confluent's status and body
 * (docs/confluent-api.md §23, decision 015). Undefined for the failures the
 * console explains the same way everywhere (no answer, a 429, a 5xx, a lost
 * session, a viewer's role): ApiErrorView has those.
 */
export type AccessProblem = {
  kind:
    'gone' | 'exists' | 'refused' | 'credential' | 'principal' | 'forbidden';
  title: string;
  /** What to do about it. */
  advice: string;
  /** Confluent's own words, when it said any. */
  message: string | undefined;
};

// The live service's code for a binding that is gone (or hidden).
const GONE_CODE = 40301;

function errorCodeOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { error_code?: unknown }).error_code;
  return typeof code === 'number' ? code : undefined;
}

// Confluent's words, unless the console would only repeat its own fallback.
function messageOf(error: ApiError): string | undefined {
  return error.message === error.title ? undefined : error.message;
}

/**
 * Confluent answered that the binding is not there: 404 (the spec), or 403
 * with `error_code` 40301 or "does not exist" (what the live service sends).
 */
export function isBindingGone(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  if (error.status !== 403 || isRoleRefusal(error)) return false;
  return (
    errorCodeOf(error.body) === GONE_CODE ||
    /does not exist/i.test(error.message)
  );
}

// A 403 that is Confluent's, read for its cause where the body tells it.
function forbidden(
  error: ApiError,
  doing: 'grant' | 'revoke',
  noun: string,
): AccessProblem {
  const message = messageOf(error);
  if (message && /principal|not a user/i.test(message)) {
    return {
      kind: 'principal',
      title: `Confluent does not take this ${noun} as a principal`,
      advice: `The role binding names the ${noun} as User:<its id>. Confluent refuses a principal it does not know as a user, service account, identity pool, certificate pool or group mapping of this organization: check that the ${noun} still exists.`,
      message,
    };
  }
  if (
    message &&
    /organization|environment|cluster|scope|grant/i.test(message)
  ) {
    return {
      kind: 'credential',
      title: `Lifeguard’s credential may not ${doing} at this scope`,
      advice:
        'Granting and revoking need a Cloud API key whose owner is OrganizationAdmin, or admin of the environment or cluster the binding points into. Confluent also answers 403 for an environment or cluster that does not exist or that the key cannot see.',
      message,
    };
  }
  return {
    kind: 'forbidden',
    title: `Confluent refused to ${doing} this role`,
    advice:
      'Lifeguard’s credential may lack the role to manage access here, or what the binding names may not be visible to it. Ask an OrganizationAdmin to check the API key behind Lifeguard.',
    message,
  };
}

/**
 * Why a grant failed, for the form; undefined where ApiErrorView explains
 * it. `noun` names what holds the role ("pool", "group mapping").
 */
export function grantProblem(
  error: unknown,
  noun = 'pool',
): AccessProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (isSessionLost(error) || isRoleRefusal(error)) return undefined;
  switch (error.status) {
    case 400:
    case 422:
      return {
        kind: 'refused',
        title: 'Confluent refused this grant',
        advice:
          'Change the role, scope or resource and try again; what you chose is still in the form.',
        message: messageOf(error),
      };
    case 409:
      return {
        kind: 'exists',
        title: `This ${noun} already has this role there`,
        advice:
          'The same role binding exists already, so there is nothing to grant.',
        message: messageOf(error),
      };
    case 403:
      return forbidden(error, 'grant', noun);
    default:
      return undefined;
  }
}

/** Why a revoke failed, for its dialog; undefined where ApiErrorView explains it. */
export function revokeProblem(
  error: unknown,
  noun = 'pool',
): AccessProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (isSessionLost(error) || isRoleRefusal(error)) return undefined;
  if (isBindingGone(error)) {
    return {
      kind: 'gone',
      title: 'This role binding is already gone',
      advice:
        'It was revoked elsewhere (another tab, the Confluent Cloud Console, the CLI or Terraform). The list has been refreshed.',
      message: messageOf(error),
    };
  }
  return error.status === 403 ? forbidden(error, 'revoke', noun) : undefined;
}
